// Temporary: labels of the actions and events until the catalogue (domain/parcours/actions.ts) lands on main.
import type { TypeCommande } from '../workflows/parcours';

export const LIBELLES_ACTION: Record<TypeCommande, { chemin: string; titre: string; bouton: string; fait: string }> = {
  evaluer: { chemin: 'evaluation', titre: 'Évaluation globale', bouton: 'Évaluer', fait: 'Évaluation enregistrée.' },
  orienter: { chemin: 'orientation', titre: 'Orientation', bouton: 'Orienter', fait: 'Orientation enregistrée.' },
  designerReferent: {
    chemin: 'referent',
    titre: 'Désignation du référent de parcours',
    bouton: 'Désigner le référent',
    fait: 'Référent désigné.',
  },
  etablirPlan: {
    chemin: 'plan',
    titre: 'Plan d’accompagnement',
    bouton: 'Établir le plan',
    fait: 'Plan d’accompagnement enregistré.',
  },
  reviser: { chemin: 'revues', titre: 'Revue de parcours', bouton: 'Faire la revue', fait: 'Revue enregistrée.' },
  demanderReorientation: {
    chemin: 'reorientation',
    titre: 'Demander une réorientation',
    bouton: 'Demander une réorientation',
    fait: 'Réorientation demandée à l’équipe.',
  },
  suspendre: { chemin: 'suspension', titre: 'Suspendre le parcours', bouton: 'Suspendre', fait: 'Parcours suspendu.' },
  reprendre: { chemin: 'reprise', titre: 'Reprendre le parcours', bouton: 'Reprendre', fait: 'Parcours repris.' },
  prolonger: { chemin: 'prolongation', titre: 'Prolonger le délai', bouton: 'Prolonger', fait: 'Délai prolongé.' },
  cloturer: { chemin: 'cloture', titre: 'Clore le parcours', bouton: 'Clore le parcours', fait: 'Parcours clos.' },
  changerReferent: {
    chemin: 'referent/changement',
    titre: 'Changer de référent',
    bouton: 'Changer de référent',
    fait: 'Référent changé.',
  },
  planifierRendezVous: {
    chemin: 'rendez-vous',
    titre: 'Planifier un rendez-vous',
    bouton: 'Planifier un rendez-vous',
    fait: 'Rendez-vous planifié.',
  },
  relancer: { chemin: 'relance', titre: 'Relancer', bouton: 'Relancer', fait: 'Relance envoyée.' },
};

export const LIBELLE_EVENEMENT: Record<string, string> = {
  accueil: 'Premier accueil',
  evaluation: 'Évaluation globale',
  orientation: 'Orientation décidée',
  designation_referent: 'Référent désigné',
  plan: 'Plan d’accompagnement',
  revue: 'Revue',
  demande_reorientation: 'Demande de réorientation',
  suspension: 'Suspension',
  reprise: 'Reprise',
  prolongation: 'Prolongation du délai',
  cloture: 'Clôture',
  changement_referent: 'Changement de référent',
  rendez_vous: 'Rendez-vous planifié',
  rappel_rendez_vous: 'Rappel de rendez-vous',
  relance: 'Relance automatique',
  relance_manuelle: 'Relance',
  escalade: 'Délai dépassé : alerte au cadre',
};

/** When each action applies (statuts, and steps when it belongs to some). */
export const QUAND: Record<TypeCommande, { statuts: string[]; etapes?: string[] }> = {
  evaluer: { statuts: ['actif'], etapes: ['evaluation'] },
  orienter: { statuts: ['actif'], etapes: ['orientation'] },
  designerReferent: { statuts: ['actif'], etapes: ['designation'] },
  etablirPlan: { statuts: ['actif'], etapes: ['accompagnement'] },
  reviser: { statuts: ['actif'], etapes: ['accompagnement'] },
  demanderReorientation: { statuts: ['actif'], etapes: ['accompagnement'] },
  reprendre: { statuts: ['suspendu'] },
  planifierRendezVous: { statuts: ['actif', 'suspendu'] },
  prolonger: { statuts: ['actif', 'suspendu'] },
  relancer: { statuts: ['actif', 'suspendu'] },
  changerReferent: { statuts: ['actif', 'suspendu'] },
  suspendre: { statuts: ['actif'] },
  cloturer: { statuts: ['actif', 'suspendu'] },
};
