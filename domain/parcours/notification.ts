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
  /** To the person: their référent is away, someone else follows them (or the référent is back). */
  | 'interim_usager'
  /** To the cadre and the intérim: an intérim starts or ends on a parcours. */
  | 'interim_equipe'
  /** To the cadre (and the new référent): an escalation went unanswered, a référent is proposed or given. */
  | 'suite_escalade';

/** A message to send, written to the outbox in the same transaction as the event that caused it. */
export interface Notification {
  modele: Modele;
  destinataire: Destinataire;
  donnees: Record<string, string | number | boolean | null>;
}
