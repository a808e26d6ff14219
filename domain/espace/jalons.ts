/**
 * The messages the person receives as the parcours moves: the link to their page at the premier accueil,
 * the satisfaction questionnaire at the milestones the département chose, and the letters of their dossier (the
 * référent's designation, the contrat d'engagement) when they change. Pure: the workflow adds them
 * to the decisions it applies (behind a patch), the outbox and its delivery do the rest.
 */
import type { EtatParcours } from '../parcours/etat';
import type { Notification } from '../parcours/notification';
import type { Jalon } from './satisfaction';

/** What the workflow needs of the département's configuration for the person (kept in its input). */
export interface ConfigUsager {
  jalonsSatisfaction: Jalon[];
}

/** The milestone a change of state reaches, if any. */
export function jalonAtteint(avant: EtatParcours | null, apres: EtatParcours): Jalon | null {
  if (!avant) return 'accueil';
  if (avant.statut !== 'clos' && apres.statut === 'clos') return 'cloture';
  if (avant.etape === 'orientation' && apres.etape !== 'orientation') return 'orientation';
  return null;
}

export function messagesUsager(avant: EtatParcours | null, apres: EtatParcours, config: ConfigUsager): Notification[] {
  const destinataire = { role: 'usager' as const, usagerId: apres.usagerId };
  const messages: Notification[] = [];
  if (!avant) messages.push({ modele: 'lien_parcours', destinataire, donnees: { parcoursId: apres.parcoursId } });
  const jalon = jalonAtteint(avant, apres);
  if (jalon && config.jalonsSatisfaction.includes(jalon))
    messages.push({
      modele: 'questionnaire',
      destinataire,
      donnees: { parcoursId: apres.parcoursId, jalon, territoireId: apres.territoireId, etape: apres.etape },
    });
  return messages;
}

/**
 * The dossier's letters sent to the person by email (documents/catalogue.ts, drawn at delivery and joined as PDF):
 * the designation letter when a référent is given, the contrat d'engagement when its plan is set or revised under a
 * référent. Dated by the event (`le`): a retried delivery joins the same letter.
 */
export function courriersUsager(avant: EtatParcours | null, apres: EtatParcours, le: Date): Notification[] {
  if (!avant || !apres.referentId) return [];
  const destinataire = { role: 'usager' as const, usagerId: apres.usagerId };
  const donnees = { parcoursId: apres.parcoursId, le: le.toISOString() };
  const messages: Notification[] = [];
  if (apres.referentId !== avant.referentId) messages.push({ modele: 'designation_referent', destinataire, donnees });
  if (apres.objectifs.length && JSON.stringify(apres.objectifs) !== JSON.stringify(avant.objectifs))
    messages.push({ modele: 'contrat_engagement', destinataire, donnees });
  return messages;
}
