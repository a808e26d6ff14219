/** Who a message is for: an agent by role in an équipe, one agent, or the usager. */
export type Destinataire =
  | { role: 'evaluateur' | 'cadre'; equipeId: string | null }
  | { role: 'referent'; agentId: string }
  /** The agents of a structure référente (its référents and its responsable designate). */
  | { role: 'structure'; structureId: string }
  | { role: 'usager'; usagerId: string };

export type Modele =
  | 'relance'
  | 'escalade'
  | 'rappel_rendez_vous'
  | 'relance_manuelle'
  /** To the person: the secure link to their page (domain/espace). */
  | 'lien_parcours'
  /** To the person: the satisfaction questionnaire of a milestone, answered through a secure link. */
  | 'questionnaire'
  /** To the person: convened to a session of the équipe pluridisciplinaire (domain/equipe/session.ts). */
  | 'convocation_equipe'
  /** To the person: the équipe's decision on their case. */
  | 'decision_equipe'
  /** To the person: their référent of parcours is designated (the designation letter joined). */
  | 'designation_referent'
  /** To the person: their contrat d'engagement, as its plan is set or revised (the contract joined). */
  | 'contrat_engagement'
  /** To the person: their référent is away, someone else follows them (or the référent is back). */
  | 'interim_usager'
  /** To the cadre and the intérim: an intérim starts or ends on a parcours. */
  | 'interim_equipe'
  /** To the cadre (and the new référent): an escalation went unanswered, a référent is proposed or given. */
  | 'suite_escalade';

/** What each message is, as the dossier's message log names it (typed: a new message needs its label). */
export const LIBELLE_MODELE: Record<Modele, string> = {
  relance: 'Relance avant l’échéance',
  escalade: 'Alerte au cadre : délai dépassé',
  rappel_rendez_vous: 'Rappel de rendez-vous',
  relance_manuelle: 'Relance par un agent',
  lien_parcours: 'Lien vers la page de la personne',
  questionnaire: 'Questionnaire de satisfaction',
  convocation_equipe: 'Convocation à l’équipe pluridisciplinaire',
  decision_equipe: 'Décision de l’équipe pluridisciplinaire',
  designation_referent: 'Lettre de désignation du référent',
  contrat_engagement: 'Contrat d’engagement',
  interim_usager: 'Intérim du référent annoncé à la personne',
  interim_equipe: 'Intérim du référent annoncé à l’équipe',
  suite_escalade: 'Suite d’une alerte restée sans réponse',
};

/** Who received it, by role (the log names no agent: the role tells who had to act). */
export const LIBELLE_DESTINATAIRE: Record<Destinataire['role'], string> = {
  evaluateur: 'Évaluateurs de l’équipe',
  cadre: 'Cadre de l’équipe',
  referent: 'Référent',
  structure: 'Structure référente',
  usager: 'La personne',
};

/** A message to send, written to the outbox in the same transaction as the event that caused it. */
export interface Notification {
  modele: Modele;
  destinataire: Destinataire;
  donnees: Record<string, string | number | boolean | null>;
}
