/** Sessions of the équipe as their documents and screens read them: names, not ids. */
import type { Db } from '../infra/prisma';
import type { DossierSession, SessionEquipe } from '../generated/prisma/client';
import { nommer, type Noms } from './noms';
import { chargerIdentite } from '../config/identite';
import { convocation, lettreDecision, type DonneesDossier, type DonneesSession } from '../documents/sessions';
import { courrierPdf } from '../documents/courrier';
import type { DecisionDossier, IssueDossier, NatureDossier } from '../domain/equipe/session';

/** The names a session's documents and lists need: its équipe, its members, its persons. */
export const nomsSession = (db: Db, s: SessionEquipe, dossiers: Pick<DossierSession, 'usagerId'>[]): Promise<Noms> =>
  nommer(
    db,
    dossiers.map((d) => ({
      usagerId: d.usagerId,
      territoireId: s.territoireId,
      equipeId: s.equipeId,
      referentId: null,
    })),
    [...s.membres, ...s.membresPresents],
  );

export function donneesSession(s: SessionEquipe, noms: Noms): DonneesSession {
  return {
    collectivite: chargerIdentite(s.departement).collectivite,
    equipe: noms.equipe(s.equipeId) ?? '',
    le: s.le,
    lieu: s.lieu,
  };
}

export function donneesDossier(d: DossierSession, noms: Noms): DonneesDossier {
  return {
    personne: noms.usager(d.usagerId),
    nature: d.nature as NatureDossier,
    presence: d.presence as DonneesDossier['presence'],
    observations: d.observations,
    decision: d.decision as DecisionDossier | null,
    issue: d.issue as IssueDossier | null,
    convoqueLe: d.convoqueLe,
  };
}

/** The session each parcours waits in for its decision (lists show it beside the parcours' lateness). */
export async function sessionsEnAttente(
  db: Db,
  parcoursIds: string[],
): Promise<Map<string, { id: string; le: string }>> {
  if (!parcoursIds.length) return new Map();
  // One join rather than Prisma's two queries (dossiers, then their sessions): this runs with every list page.
  const dossiers = await db.$queryRaw<Array<{ parcoursId: string; id: string; le: Date }>>`
    SELECT d."parcoursId"::text AS "parcoursId", s.id::text AS id, s.le
      FROM "DossierSession" d JOIN "SessionEquipe" s ON s.id = d."sessionId"
     WHERE d."parcoursId" = ANY(${parcoursIds}::uuid[]) AND d.issue IS NULL AND s.statut <> 'terminee'`;
  return new Map(dossiers.map((d) => [d.parcoursId, { id: d.id, le: d.le.toISOString() }]));
}

/** What a letter of one case reads: its session and the case, named. */
export async function donneesLettre(
  db: Db,
  d: DossierSession & { session: SessionEquipe },
): Promise<{ session: DonneesSession; dossier: DonneesDossier }> {
  const noms = await nomsSession(db, d.session, [d]);
  return { session: donneesSession(d.session, noms), dossier: donneesDossier(d, noms) };
}

/**
 * The convocation or the decision letter of one case as PDF, drawn again from the database each time: a
 * retried email carries the same letter (dated by the convocation or the séance, not by the sending).
 */
export async function lettreSessionPdf(
  db: Db,
  dossierId: string,
  quoi: 'convocation' | 'decision',
): Promise<{ nom: string; contenu: Buffer }> {
  const d = await db.dossierSession.findUniqueOrThrow({ where: { id: dossierId }, include: { session: true } });
  const { session, dossier } = await donneesLettre(db, d);
  const courrier = quoi === 'convocation' ? convocation(session, dossier) : lettreDecision(session, dossier);
  return {
    nom: `${quoi}-${d.session.le.toISOString().slice(0, 10)}.pdf`,
    contenu: await courrierPdf(chargerIdentite(d.session.departement), courrier),
  };
}
