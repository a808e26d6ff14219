import type { Db } from '../infra/prisma';
import type { Parcours } from '../generated/prisma/client';
import { nommer } from './noms';
import { donneesLettre } from './sessions';
import { chargerIdentite } from '../config/identite';
import { DOCUMENTS, type DonneesDocument, type NomDocument } from '../documents/catalogue';
import { courrierPdf } from '../documents/courrier';
import type { Objectif } from '../domain/parcours/etat';

/**
 * What a document of the parcours reads (documents/catalogue.ts), dated `le`; for a session's letter, that
 * session and the parcours' case in it — null when the parcours has no such case.
 */
export async function donneesDocument(
  db: Db,
  p: Parcours,
  le: Date,
  dossierId?: string,
): Promise<DonneesDocument | null> {
  const noms = await nommer(db, [p]);
  const usager = await db.usager.findUniqueOrThrow({ where: { id: p.usagerId } });
  let session: DonneesDocument['session'];
  if (dossierId) {
    const d = await db.dossierSession.findFirst({
      where: { id: dossierId, parcoursId: p.id },
      include: { session: true },
    });
    if (!d) return null;
    session = await donneesLettre(db, d);
  }
  return {
    collectivite: chargerIdentite(p.departement).collectivite,
    usager,
    referent: noms.agent(p.referentId),
    equipe: noms.equipe(p.equipeId),
    parcours: {
      typeAccompagnement: p.typeAccompagnement,
      objectifs: p.objectifs as unknown as Objectif[],
      ouvertLe: p.ouvertLe,
    },
    aujourdhui: le,
    session,
  };
}

/**
 * A document of the dossier as PDF, drawn from the read model when an email carries it (activities/notifications.ts);
 * null when it is not available (e.g. the référent left meanwhile): the message then goes without it.
 */
export async function documentPdf(
  db: Db,
  parcoursId: string,
  nom: NomDocument,
  le: Date,
): Promise<{ nom: string; contenu: Buffer } | null> {
  const p = await db.parcours.findUnique({ where: { id: parcoursId } });
  const donnees = p && (await donneesDocument(db, p, le));
  if (!p || !donnees || DOCUMENTS[nom].indisponible(donnees)) return null;
  return {
    nom: `${nom}.pdf`,
    contenu: await courrierPdf(chargerIdentite(p.departement), DOCUMENTS[nom].contenu(donnees)),
  };
}
