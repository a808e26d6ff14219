/**
 * The step rules of a parcours, in one place: which command is allowed at which step, and what it changes.
 * Pure functions: the workflow calls `decider` in its update validators (to reject without changing anything)
 * and in its handlers (to apply), and `reveiller` when one of its durable timers fires.
 */
import { ajouter, politiqueApplicable, retrancher, type CodeDelai, type PolitiqueDelais } from '../delais/politique';
import { ACTIONS, exigenceManquante, quandDe, type Commande, type TypeAction } from './actions';
import { LIBELLE_ETAPE } from './libelles';
import type { AccueilRecu } from './commandes';
import { chronologique, type Echeance, type EtatParcours, type Interim } from './etat';
import type { Etape } from './etapes';
import type { Destinataire, Notification } from './notification';

export interface Contexte {
  maintenant: Date;
  politique: PolitiqueDelais;
  /** The structure référente named by an orientation, as the organisation answered (days to designate). */
  structure?: { delaiDesignationJours: number };
  /** Sequence number the resulting event will get (used to name objectives and appointments). */
  seq: number;
  /**
   * Who takes the parcours when an escalation goes unanswered (suiteEscalade): the best-ranked référent of the
   * équipe with room, read by the workflow before it wakes the parcours; null when nobody has room.
   */
  repreneur?: { agentId: string; nom: string } | null;
}

export interface Decision {
  etat: EtatParcours;
  type: string;
  donnees: Record<string, unknown>;
  notifications: Notification[];
}

/** A command refused by the step rules (the API answers 409). */
export class RegleEnfreinte extends Error {}

const iso = (d: Date) => d.toISOString();
const premiereEcheance = (e: EtatParcours) => [...e.echeances].sort((a, b) => chronologique(a.due, b.due))[0];
const copie = (e: EtatParcours): EtatParcours => JSON.parse(JSON.stringify(e)) as EtatParcours;

/** Refuses an action outside the statuts and steps its catalogue entry declares. */
function exigerApplicable(e: EtatParcours, type: TypeAction): void {
  const { statuts, etapes } = quandDe(type);
  if (e.statut === 'clos') throw new RegleEnfreinte('Le parcours est clos.');
  if (!statuts.includes(e.statut)) {
    throw new RegleEnfreinte(
      e.statut === 'suspendu'
        ? type === 'suspendre'
          ? 'Le parcours est déjà suspendu.'
          : 'Le parcours est suspendu : le reprendre d’abord.'
        : 'Le parcours n’est pas suspendu.',
    );
  }
  if (etapes && !etapes.includes(e.etape)) {
    const nom = (x: Etape) => `« ${LIBELLE_ETAPE[x]} »`;
    throw new RegleEnfreinte(
      `Action impossible à l’étape ${nom(e.etape)} (attendu : ${etapes.map(nom).join(' ou ')}).`,
    );
  }
  const manque = exigenceManquante(type, e);
  if (manque) throw new RegleEnfreinte(manque);
}

/** Starts the clock of a délai rule from `depuis`. */
export function demarrer(
  code: CodeDelai,
  depuis: Date,
  politique: PolitiqueDelais,
  duree = politique[code].delai,
): Echeance {
  const due = ajouter(depuis, duree);
  return {
    code,
    depuis: iso(depuis),
    due: iso(due),
    relanceLe: iso(retrancher(due, politique[code].relanceAvant)),
    relanceEnvoyee: false,
    depassee: false,
  };
}

const arreter = (e: EtatParcours, ...codes: CodeDelai[]) => {
  e.echeances = e.echeances.filter((x) => !codes.includes(x.code));
};

function changerEtape(e: EtatParcours, etape: Etape, maintenant: Date): void {
  e.etape = etape;
  e.etapeDepuis = iso(maintenant);
}

function clore(e: EtatParcours, motif: string, maintenant: Date): void {
  changerEtape(e, 'cloture', maintenant);
  e.statut = 'clos';
  e.closLe = iso(maintenant);
  e.motifCloture = motif;
  e.echeances = [];
  e.suspenduLe = null;
}

/**
 * Who must act on a délai: évaluateurs for the évaluation, the cadre for équipe decisions, the référent after
 * (the intérim while the référent is away).
 */
export function quiDoitAgir(e: EtatParcours, code: CodeDelai): Destinataire {
  if (code === 'evaluation') return { role: 'evaluateur', equipeId: e.equipeId };
  if (code === 'designation' && e.structureId) return { role: 'structure', structureId: e.structureId };
  if ((code === 'contrat' || code === 'revue') && e.referentId)
    return { role: 'referent', agentId: e.interim?.agentId ?? e.referentId };
  return { role: 'cadre', equipeId: e.equipeId };
}

/** A new référent (handover, reassignment): any intérim of the former one ends, any proposal is settled. */
function nouveauReferent(e: EtatParcours, referentId: string | null): void {
  e.referentId = referentId;
  e.interim = null;
  e.repreneurPropose = null;
}

export interface Routage {
  territoireId: string;
  equipeId: string;
  mode: 'automatique' | 'manuel';
  motif?: string;
}

/** The state right after the premier accueil (the workflow's first event). */
export function accueillir(
  base: Pick<EtatParcours, 'parcoursId' | 'workflowId' | 'usagerId' | 'departement'>,
  routage: Routage | null,
  accueil: AccueilRecu,
  ctx: Contexte,
): Decision {
  const now = iso(ctx.maintenant);
  const politique = politiqueApplicable(ctx.politique, accueil.urgence);
  const etat: EtatParcours = {
    ...base,
    territoireId: routage?.territoireId ?? null,
    equipeId: routage?.equipeId ?? null,
    etape: 'evaluation',
    statut: 'actif',
    besoins: accueil.besoins.map((b) => b.domaine),
    urgence: accueil.urgence,
    lieuAccueilId: accueil.lieuAccueilId ?? null,
    referentId: null,
    anciensReferents: [],
    typeAccompagnement: null,
    droitRsaOuvertLe: accueil.droitRsaOuvertLe ?? null,
    etapeDepuis: now,
    ouvertLe: now,
    closLe: null,
    motifCloture: null,
    suspenduLe: null,
    echeances: [demarrer('evaluation', ctx.maintenant, politique)],
    objectifs: [],
    rendezVous: [],
    revues: 0,
  };
  // RSA: the 6-week orientation clock runs from the opening of the right, alongside the évaluation.
  if (accueil.droitRsaOuvertLe)
    etat.echeances.push(demarrer('orientationRsa', new Date(`${accueil.droitRsaOuvertLe}T00:00:00.000Z`), politique));
  return { etat, type: 'accueil', donnees: { ...accueil, routage }, notifications: [] };
}

export function decider(etat: EtatParcours, commande: Commande, ctx: Contexte): Decision {
  const e = copie(etat);
  const m = ctx.maintenant;
  const politique = politiqueApplicable(ctx.politique, e.urgence);
  const notifications: Notification[] = [];
  const c = commande;
  exigerApplicable(e, c.type);
  // What the event records: the command's data, completed by some cases.
  let donnees: Record<string, unknown> = { ...c.donnees };
  switch (c.type) {
    case 'evaluer': {
      arreter(e, 'evaluation');
      if (c.donnees.conclusion === 'repondu') clore(e, 'reponse_immediate', m);
      else {
        changerEtape(e, 'orientation', m);
        e.echeances.push(demarrer('orientation', m, politique));
      }
      break;
    }
    case 'orienter': {
      arreter(e, 'orientation', 'orientationRsa');
      if (c.donnees.decision === 'externe') clore(e, 'orientation_externe', m);
      else {
        e.typeAccompagnement = c.donnees.typeAccompagnement;
        const structureId = c.donnees.structureId ?? null;
        // To or from a structure référente: the one who follows changes, so does the référent.
        if (e.referentId && structureId !== (e.structureId ?? null)) {
          e.anciensReferents = [...new Set([...e.anciensReferents, e.referentId])];
          e.referentId = null;
        }
        if (structureId || e.structureId) e.structureId = structureId;
        if (e.referentId) {
          // Réorientation with a référent in place: continuity, the accompaniment goes on under the new kind.
          changerEtape(e, 'accompagnement', m);
          e.echeances.push(demarrer('revue', m, politique));
        } else {
          changerEtape(e, 'designation', m);
          // A structure designates within the délai of its convention; the département's équipes within the policy's.
          const delai = structureId && ctx.structure ? ctx.structure.delaiDesignationJours : null;
          e.echeances.push(
            demarrer('designation', m, politique, delai ? { valeur: delai, unite: 'jours' } : undefined),
            demarrer('contrat', m, politique),
          );
          if (delai) donnees = { ...donnees, delaiDesignationJours: delai };
        }
      }
      break;
    }
    case 'designerReferent': {
      arreter(e, 'designation');
      nouveauReferent(e, c.donnees.referentId);
      // Designated again after a re-routing: the current référent is no longer a former one.
      e.anciensReferents = e.anciensReferents.filter((r) => r !== c.donnees.referentId);
      changerEtape(e, 'accompagnement', m);
      break;
    }
    case 'etablirPlan': {
      e.objectifs = c.donnees.objectifs.map((o, i) => ({
        id: `obj-${ctx.seq}-${i + 1}`,
        libelle: o.libelle,
        domaine: o.domaine,
        avancement: 'non_commence',
      }));
      arreter(e, 'contrat', 'revue');
      e.echeances.push(demarrer('revue', m, politique));
      donnees = { objectifs: e.objectifs };
      break;
    }
    case 'reviser': {
      const inconnus = c.donnees.progres
        .filter((p) => !e.objectifs.some((o) => o.id === p.objectifId))
        .map((p) => p.objectifId);
      if (inconnus.length) throw new RegleEnfreinte(`Objectif(s) inconnu(s) de ce parcours : ${inconnus.join(', ')}.`);
      for (const p of c.donnees.progres) e.objectifs.find((o) => o.id === p.objectifId)!.avancement = p.avancement;
      e.revues += 1;
      arreter(e, 'revue');
      if (c.donnees.issue === 'cloture') clore(e, c.donnees.motifCloture!, m);
      else if (c.donnees.issue === 'reorientation') {
        changerEtape(e, 'orientation', m);
        e.echeances.push(demarrer('orientation', m, politique));
      } else {
        e.echeances.push(
          demarrer('revue', m, politique, c.donnees.prolongation ? politique.revueProlongee : undefined),
        );
      }
      donnees = {
        ...c.donnees,
        numero: e.revues,
        prochaineRevue: e.echeances.find((x) => x.code === 'revue')?.due ?? null,
      };
      break;
    }
    case 'demanderReorientation': {
      arreter(e, 'revue', 'contrat');
      changerEtape(e, 'orientation', m);
      e.echeances.push(demarrer('orientation', m, politique));
      break;
    }
    case 'suspendre': {
      e.statut = 'suspendu';
      e.suspenduLe = iso(m);
      break;
    }
    case 'reprendre': {
      // Clocks were paused: every running délai moves by the time spent suspended.
      const pause = m.getTime() - new Date(e.suspenduLe!).getTime();
      const decale = (s: string) => iso(new Date(new Date(s).getTime() + pause));
      e.echeances = e.echeances.map((x) => ({ ...x, due: decale(x.due), relanceLe: decale(x.relanceLe) }));
      e.statut = 'actif';
      e.suspenduLe = null;
      donnees = { ...c.donnees, joursSuspendus: Math.round(pause / 86_400_000) };
      break;
    }
    case 'prolonger': {
      const cible = premiereEcheance(e);
      if (!cible) throw new RegleEnfreinte('Aucun délai en cours à prolonger.');
      const ms = c.donnees.jours * 86_400_000;
      cible.due = iso(new Date(new Date(cible.due).getTime() + ms));
      cible.relanceLe = iso(new Date(new Date(cible.relanceLe).getTime() + ms));
      cible.depassee = false;
      cible.relanceEnvoyee = new Date(cible.relanceLe) <= m && cible.relanceEnvoyee;
      donnees = { ...c.donnees, delai: cible.code, nouvelleEcheance: cible.due };
      break;
    }
    case 'cloturer': {
      clore(e, c.donnees.motif, m);
      break;
    }
    case 'changerReferent': {
      if (e.referentId === c.donnees.referentId)
        throw new RegleEnfreinte('Cette personne est déjà le référent du parcours.');
      // Never null here: the catalogue's exigence (quand.exige) refused a change without a référent.
      const ancienReferentId = e.referentId!;
      // A former référent coming back is the référent again, not a former one.
      e.anciensReferents = [
        ...e.anciensReferents.filter((r) => r !== ancienReferentId && r !== c.donnees.referentId),
        ancienReferentId,
      ];
      nouveauReferent(e, c.donnees.referentId);
      donnees = { ...c.donnees, ancienReferentId };
      break;
    }
    case 'rerouter': {
      if (e.equipeId === c.donnees.equipeId) throw new RegleEnfreinte('Le parcours est déjà confié à cette équipe.');
      donnees = { ...c.donnees, ancienneEquipeId: e.equipeId, ancienReferentId: e.referentId };
      e.territoireId = c.donnees.territoireId;
      e.equipeId = c.donnees.equipeId;
      // The référent belonged to the former équipe: the new one designates its own (one valid référent).
      if (e.referentId) {
        e.anciensReferents = [...e.anciensReferents.filter((r) => r !== e.referentId), e.referentId];
        nouveauReferent(e, null);
        if (e.etape === 'accompagnement') {
          arreter(e, 'revue', 'contrat');
          changerEtape(e, 'designation', m);
          e.echeances.push(demarrer('designation', m, politique));
        }
      }
      break;
    }
    case 'planifierRendezVous': {
      if (new Date(c.donnees.le) <= m) throw new RegleEnfreinte('Le rendez-vous doit être dans le futur.');
      e.rendezVous.push({
        id: `rdv-${ctx.seq}`,
        le: new Date(c.donnees.le).toISOString(),
        lieu: c.donnees.lieu,
        objet: c.donnees.objet,
        rappelEnvoye: false,
      });
      break;
    }
    case 'relancer': {
      const code = premiereEcheance(e)?.code;
      if (!code) throw new RegleEnfreinte('Aucune action attendue sur ce parcours.');
      notifications.push({
        modele: 'relance_manuelle',
        destinataire: quiDoitAgir(e, code),
        donnees: { parcoursId: e.parcoursId, delai: code, message: c.donnees.message ?? null },
      });
      break;
    }
    default: {
      const inconnue: never = c;
      throw new RegleEnfreinte(`Action inconnue : ${JSON.stringify(inconnue)}.`);
    }
  }
  // Someone acted on the parcours: an escalation it answers goes no further.
  for (const x of e.echeances) if (!x.suiteFaite) delete x.suiteLe;
  return { etat: e, type: ACTIONS[c.type].evenement.type, donnees, notifications };
}

/**
 * The intérim of an absent référent starts (or its period changes): reminders and "who must act" go to the
 * intérim until handed back; the person, the équipe's cadre and the intérim are told.
 */
export function confierInterim(etat: EtatParcours, interim: Interim): Decision | null {
  if (etat.statut === 'clos') throw new RegleEnfreinte('Le parcours est clos.');
  if (etat.referentId !== interim.titulaireId)
    throw new RegleEnfreinte('L’agent absent n’est pas le référent de ce parcours.');
  if (interim.agentId === interim.titulaireId)
    throw new RegleEnfreinte('L’intérim ne peut pas être assuré par l’agent absent.');
  // The same intérim again (a retried delivery of the absence): already in place.
  if (JSON.stringify(etat.interim) === JSON.stringify(interim)) return null;
  const e = copie(etat);
  e.interim = interim;
  const donnees = { parcoursId: e.parcoursId, du: interim.du, au: interim.au, fin: false };
  return {
    etat: e,
    type: 'interim',
    donnees: { ...interim },
    notifications: [
      { modele: 'interim_usager', destinataire: { role: 'usager', usagerId: e.usagerId }, donnees },
      { modele: 'interim_equipe', destinataire: { role: 'cadre', equipeId: e.equipeId }, donnees },
      { modele: 'interim_equipe', destinataire: { role: 'referent', agentId: interim.agentId }, donnees },
    ],
  };
}

/** The absence ends (or is cancelled): the titular référent acts again. Nothing when that intérim is over. */
export function rendreAuTitulaire(etat: EtatParcours, absenceId: string, maintenant: Date): Decision | null {
  const interim = etat.interim;
  if (!interim || interim.absenceId !== absenceId || etat.statut === 'clos') return null;
  const e = copie(etat);
  e.interim = null;
  const donnees = { parcoursId: e.parcoursId, du: interim.du, au: iso(maintenant), fin: true };
  return {
    etat: e,
    type: 'fin_interim',
    donnees: { ...interim, au: iso(maintenant) },
    notifications: [
      { modele: 'interim_usager', destinataire: { role: 'usager', usagerId: e.usagerId }, donnees },
      { modele: 'interim_equipe', destinataire: { role: 'referent', agentId: interim.agentId }, donnees },
    ],
  };
}

/** The escalations whose chain is due now (the workflow then reads who could take the parcours). */
export const suitesDues = (e: EtatParcours, maintenant: Date): Echeance[] =>
  e.statut === 'actif'
    ? e.echeances.filter((x) => x.suiteLe && !x.suiteFaite && new Date(x.suiteLe) <= maintenant)
    : [];

/** The next instant a timer must wake the workflow: a reminder, a due date, or an appointment reminder. */
export function prochainReveil(e: EtatParcours, politique: PolitiqueDelais): Date | null {
  if (e.statut === 'clos') return null;
  const instants: string[] = [];
  if (e.statut === 'actif') {
    for (const x of e.echeances) {
      if (!x.relanceEnvoyee) instants.push(x.relanceLe);
      if (!x.depassee) instants.push(x.due);
      if (x.suiteLe && !x.suiteFaite) instants.push(x.suiteLe);
    }
  }
  for (const r of e.rendezVous)
    if (!r.rappelEnvoye) instants.push(iso(retrancher(new Date(r.le), politique.rappelRendezVous)));
  const premier = instants.sort(chronologique)[0];
  return premier ? new Date(premier) : null;
}

/**
 * What is due at `maintenant`: reminders to whoever must act, escalation to the équipe's cadre when a délai
 * is broken (the parcours is then overdue), the escalation's chain when nothing followed it (suiteEscalade),
 * appointment reminders to the usager. One decision per event.
 */
export function reveiller(etat: EtatParcours, ctx: Contexte): Decision[] {
  const decisions: Decision[] = [];
  let e = etat;
  const now = ctx.maintenant;
  const suivante = (
    type: string,
    donnees: Record<string, unknown>,
    notification: Notification,
    muter: (x: EtatParcours) => void,
  ) => {
    const n = copie(e);
    muter(n);
    decisions.push({ etat: n, type, donnees, notifications: [notification] });
    e = n;
  };
  /** Nothing done since the escalation: a new référent is given, or proposed to the cadre (or nobody has room). */
  const suiteEscalade = (i: number, libelle: string) => {
    const x = e.echeances[i]!;
    const repreneur = ctx.repreneur ?? null;
    const ancienReferentId = e.referentId;
    const donnees = {
      delai: x.code,
      echeance: x.due,
      ancienReferentId,
      referentId: repreneur?.agentId ?? null,
      referentNom: repreneur?.nom ?? null,
    };
    const notification = (destinataire: Destinataire, fait: boolean): Notification => ({
      modele: 'suite_escalade',
      destinataire,
      donnees: { parcoursId: e.parcoursId, delai: libelle, fait },
    });
    if (ctx.politique.suiteEscalade?.mode === 'reassigner' && repreneur && ancienReferentId) {
      const n = copie(e);
      n.echeances[i]!.suiteFaite = true;
      n.anciensReferents = [...n.anciensReferents.filter((r) => r !== ancienReferentId), ancienReferentId];
      nouveauReferent(n, repreneur.agentId);
      decisions.push({
        etat: n,
        type: 'reassignation_automatique',
        donnees,
        notifications: [
          notification({ role: 'cadre', equipeId: e.equipeId }, true),
          notification({ role: 'referent', agentId: repreneur.agentId }, true),
        ],
      });
      e = n;
      return;
    }
    suivante('reassignation_proposee', donnees, notification({ role: 'cadre', equipeId: e.equipeId }, false), (n) => {
      n.echeances[i]!.suiteFaite = true;
      n.repreneurPropose = repreneur?.agentId ?? null;
    });
  };
  if (e.statut === 'actif') {
    for (const [i, x] of e.echeances.entries()) {
      const libelle = ctx.politique[x.code].libelle;
      if (!x.relanceEnvoyee && new Date(x.relanceLe) <= now && new Date(x.due) > now) {
        suivante(
          'relance',
          { delai: x.code, echeance: x.due, ...(e.interim ? { interimId: e.interim.agentId } : {}) },
          {
            modele: 'relance',
            destinataire: quiDoitAgir(e, x.code),
            donnees: { parcoursId: e.parcoursId, delai: libelle, echeance: x.due },
          },
          (n) => {
            n.echeances[i]!.relanceEnvoyee = true;
          },
        );
      }
      if (!x.depassee && new Date(x.due) <= now) {
        suivante(
          'escalade',
          { delai: x.code, echeance: x.due },
          {
            modele: 'escalade',
            destinataire: { role: 'cadre', equipeId: e.equipeId },
            donnees: { parcoursId: e.parcoursId, delai: libelle, echeance: x.due },
          },
          (n) => {
            n.echeances[i]!.depassee = true;
            n.echeances[i]!.relanceEnvoyee = true;
            // The chain goes on only where a référent must act: another one can take the parcours.
            const suite = ctx.politique.suiteEscalade;
            if (suite && quiDoitAgir(n, x.code).role === 'referent')
              n.echeances[i]!.suiteLe = iso(ajouter(now, suite.apres));
          },
        );
      }
      const y = e.echeances[i]!;
      if (y.suiteLe && !y.suiteFaite && new Date(y.suiteLe) <= now) suiteEscalade(i, libelle);
    }
  }
  for (const [i, r] of e.rendezVous.entries()) {
    if (!r.rappelEnvoye && retrancher(new Date(r.le), ctx.politique.rappelRendezVous) <= now) {
      suivante(
        'rappel_rendez_vous',
        { rendezVousId: r.id, le: r.le },
        {
          modele: 'rappel_rendez_vous',
          destinataire: { role: 'usager', usagerId: e.usagerId },
          donnees: { le: r.le, lieu: r.lieu, objet: r.objet },
        },
        (n) => {
          n.rendezVous[i]!.rappelEnvoye = true;
        },
      );
    }
  }
  return decisions;
}
