/**
 * Display names of what the read model refers to by id (usagers, territoires, équipes, agents, accueil sites,
 * communes, délai rules), resolved for a whole page of results in one query per kind: the screens never show
 * an id and never ask for names row by row.
 */
import type { Db } from '../infra/prisma';
import type { PolitiqueDelais } from '../domain/delais/politique';
import type { Echeance } from '../domain/parcours/etat';

const uniques = (xs: Array<string | null | undefined>) => [...new Set(xs.filter((x): x is string => !!x))];
const nomPersonne = (p: { prenom: string | null; nom: string | null }) =>
  [p.prenom, p.nom].filter(Boolean).join(' ') || null;

/** Names of agents by id (null for ids that are not agents: the system, a deleted account). */
export async function nomsAgents(db: Db, ids: Array<string | null | undefined>): Promise<Map<string, string>> {
  const liste = uniques(ids);
  if (!liste.length) return new Map();
  const agents = await db.agent.findMany({
    where: { id: { in: liste } },
    select: { id: true, prenom: true, nom: true },
  });
  return new Map(agents.flatMap((a) => (nomPersonne(a) ? [[a.id, nomPersonne(a)!] as const] : [])));
}

/** Names of communes by INSEE code. */
export async function nomsCommunes(db: Db, codes: Array<string | null | undefined>): Promise<Map<string, string>> {
  const liste = uniques(codes);
  if (!liste.length) return new Map();
  const communes = await db.commune.findMany({ where: { code: { in: liste } }, select: { code: true, nom: true } });
  return new Map(communes.map((c) => [c.code, c.nom]));
}

export interface RefsParcours {
  usagerId: string;
  territoireId: string | null;
  equipeId: string | null;
  referentId: string | null;
  lieuAccueilId: string | null;
}

export interface NomsParcours {
  usager: string | null;
  territoire: string | null;
  equipe: string | null;
  referent: string | null;
  lieuAccueil: string | null;
}

/** The names a page of parcours refers to: four queries whatever the number of rows. */
export async function nomsParcours(db: Db, parcours: RefsParcours[]): Promise<(p: RefsParcours) => NomsParcours> {
  const [usagers, territoires, equipes, referents, lieux] = await Promise.all([
    db.usager.findMany({
      where: { id: { in: uniques(parcours.map((p) => p.usagerId)) } },
      select: { id: true, prenom: true, nom: true, anonymiseLe: true },
    }),
    db.territoire.findMany({
      where: { id: { in: uniques(parcours.map((p) => p.territoireId)) } },
      select: { id: true, nom: true },
    }),
    db.equipe.findMany({
      where: { id: { in: uniques(parcours.map((p) => p.equipeId)) } },
      select: { id: true, nom: true },
    }),
    nomsAgents(
      db,
      parcours.map((p) => p.referentId),
    ),
    db.lieuAccueil.findMany({
      where: { id: { in: uniques(parcours.map((p) => p.lieuAccueilId)) } },
      select: { id: true, nom: true },
    }),
  ]);
  const u = new Map(usagers.map((x) => [x.id, x.anonymiseLe ? null : nomPersonne(x)]));
  const t = new Map(territoires.map((x) => [x.id, x.nom]));
  const e = new Map(equipes.map((x) => [x.id, x.nom]));
  const l = new Map(lieux.map((x) => [x.id, x.nom]));
  return (p) => ({
    usager: u.get(p.usagerId) ?? null,
    territoire: (p.territoireId && t.get(p.territoireId)) || null,
    equipe: (p.equipeId && e.get(p.equipeId)) || null,
    referent: (p.referentId && referents.get(p.referentId)) || null,
    lieuAccueil: (p.lieuAccueilId && l.get(p.lieuAccueilId)) || null,
  });
}

const JOUR = 86_400_000;

/** Running délais with the rule's label, and the most overdue one (rule and whole days late), if any. */
export function delais(
  politique: PolitiqueDelais,
  p: { statut: string; echeances: Echeance[] },
  maintenant = Date.now(),
): { echeances: Array<Echeance & { libelle: string }>; retard: { regle: string; jours: number } | null } {
  const echeances = p.echeances.map((x) => ({ ...x, libelle: politique[x.code].libelle }));
  // A suspended parcours has its clocks stopped: it is not late while suspended.
  const depassees = p.statut === 'actif' ? echeances.filter((x) => Date.parse(x.due) < maintenant) : [];
  const pire = depassees.sort((a, b) => a.due.localeCompare(b.due))[0];
  return {
    echeances,
    retard: pire
      ? { regle: pire.libelle, jours: Math.max(1, Math.floor((maintenant - Date.parse(pire.due)) / JOUR)) }
      : null,
  };
}
