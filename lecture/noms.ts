import type { Db } from '../infra/prisma';
import { ACTEUR_SYSTEME } from '../domain/parcours/evenement';

export interface Noms {
  usager(id: string): string;
  territoire(id: string | null): string | null;
  equipe(id: string | null): string | null;
  structure(id: string | null): string | null;
  agent(id: string | null): string | null;
}

const unique = (ids: Array<string | null | undefined>) => [...new Set(ids.filter((x): x is string => !!x))];
const personne = (p: { prenom: string | null; nom: string | null }) => [p.prenom, p.nom].filter(Boolean).join(' ');

/**
 * The names behind the ids of a page of parcours (usagers, territoires, équipes, structures, référents, and
 * the agents of their timelines): one query for the page, none per row.
 */
export async function nommer(
  db: Db,
  parcours: Array<{
    usagerId: string;
    territoireId: string | null;
    equipeId: string | null;
    referentId: string | null;
    structureId?: string | null;
    interimId?: string | null;
    repreneurPropose?: string | null;
  }>,
  acteurs: string[] = [],
  /** Structures and équipes named elsewhere (in timelines). */
  autres: { structures?: string[]; equipes?: string[] } = {},
): Promise<Noms> {
  const ids = {
    u: unique(parcours.map((p) => p.usagerId)),
    t: unique(parcours.map((p) => p.territoireId)),
    e: unique([...parcours.map((p) => p.equipeId), ...(autres.equipes ?? [])]),
    a: unique([...parcours.flatMap((p) => [p.referentId, p.interimId, p.repreneurPropose]), ...acteurs]),
    s: unique([...parcours.map((p) => p.structureId), ...(autres.structures ?? [])]),
  };
  // One round trip for the five kinds: each query costs the client more than PostgreSQL's index lookup.
  const lignes = await db.$queryRaw<
    Array<{ k: keyof typeof ids; id: string; prenom: string | null; nom: string | null }>
  >`
    SELECT 'u' AS k, id::text AS id, prenom, nom FROM "Usager" WHERE id = ANY(${ids.u}::uuid[])
    UNION ALL SELECT 't', id, NULL, nom FROM "Territoire" WHERE id = ANY(${ids.t}::text[])
    UNION ALL SELECT 'e', id, NULL, nom FROM "Equipe" WHERE id = ANY(${ids.e}::text[])
    UNION ALL SELECT 'a', id, prenom, nom FROM "Agent" WHERE id = ANY(${ids.a}::text[])
    UNION ALL SELECT 's', id, NULL, nom FROM "StructureReferente" WHERE id = ANY(${ids.s}::text[])`;
  const carte = (k: keyof typeof ids, nom: (r: (typeof lignes)[number]) => string) =>
    new Map(lignes.filter((r) => r.k === k).map((r) => [r.id, nom(r)]));
  const u = carte('u', personne);
  const t = carte('t', (x) => x.nom ?? '');
  const e = carte('e', (x) => x.nom ?? '');
  const a = carte('a', personne);
  const s = carte('s', (x) => x.nom ?? '');
  // An id the organisation no longer knows is shown as such rather than hidden: it is still who acted.
  return {
    usager: (id) => u.get(id) ?? 'Personne anonymisée',
    territoire: (id) => (id ? (t.get(id) ?? id) : null),
    equipe: (id) => (id ? (e.get(id) ?? id) : null),
    structure: (id) => (id ? (s.get(id) ?? id) : null),
    agent: (id) => (id === ACTEUR_SYSTEME ? 'Système' : id ? (a.get(id) ?? id) : null),
  };
}

/** Names of communes by INSEE code (the screens show the commune, never its code). */
export async function nomsCommunes(db: Db, codes: Array<string | null | undefined>): Promise<Map<string, string>> {
  const liste = unique(codes);
  if (!liste.length) return new Map();
  const communes = await db.commune.findMany({ where: { code: { in: liste } }, select: { code: true, nom: true } });
  return new Map(communes.map((c) => [c.code, c.nom]));
}

/** The agents, équipes and structures a timeline names (who acted, référents designated or left, structures oriented to). */
export function nommesParEvenements(evenements: Array<{ acteur: string; donnees: unknown }>) {
  const champ = (d: unknown, k: string) =>
    d && typeof d === 'object' && typeof (d as Record<string, unknown>)[k] === 'string'
      ? ((d as Record<string, unknown>)[k] as string)
      : null;
  return {
    agents: unique(
      evenements.flatMap((e) => [e.acteur, champ(e.donnees, 'referentId'), champ(e.donnees, 'ancienReferentId')]),
    ),
    structures: unique(evenements.map((e) => champ(e.donnees, 'structureId'))),
    equipes: unique(evenements.map((e) => equipeNommee(e.donnees))),
  };
}

/** The names of dossiers: their parcours and everyone their timelines name. */
export function nommerDossier(
  db: Db,
  parcours: Array<Parameters<typeof nommer>[1][number] & { evenements: Array<{ acteur: string; donnees: unknown }> }>,
): Promise<Noms> {
  const { agents, ...autres } = nommesParEvenements(parcours.flatMap((p) => p.evenements));
  return nommer(db, parcours, agents, autres);
}

/** The équipe an event names: a reroutage's, or the first routing recorded with the accueil. */
export function equipeNommee(donnees: unknown): string | null {
  const d = (donnees && typeof donnees === 'object' ? donnees : {}) as Record<string, unknown>;
  const routage = (d.routage && typeof d.routage === 'object' ? d.routage : {}) as Record<string, unknown>;
  const e = d.equipeId ?? routage.equipeId;
  return typeof e === 'string' ? e : null;
}
