import { route, type Routes } from '../route';
import type { ApiDeps } from '../context';
import { routerUsager } from '../../lecture/routage';
import { communesTrouvees, rechercheCommune } from '../contrat/organisation';

/**
 * GET /communes: the communes of the département served whose name starts with (or contains) the text typed, or
 * that share a postal code (several communes often do), each with where its residents are routed. The agent
 * picks the commune by its name; the INSEE code never has to be typed.
 */
export function communeRoutes(r: Routes, deps: ApiDeps): void {
  const { db } = deps;
  route(r, {
    method: 'get',
    path: '/communes',
    tag: 'Organisation',
    summary: 'Rechercher une commune du département par son nom ou son code postal, avec son territoire d’action',
    acces: 'authentifie',
    query: rechercheCommune,
    response: communesTrouvees,
    handler: async ({ query }) => {
      const q = query.q ?? '';
      const where = query.code
        ? {}
        : /^\d{5}$/.test(q)
          ? { codesPostaux: { has: q } }
          : { nom: { contains: q, mode: 'insensitive' as const } };
      // The département's communes only: those attached to one of its territoires.
      const rattachees = await db.territoireCommune.findMany({
        where: { territoire: { departement: deps.departement } },
        select: { communeCode: true },
      });
      const communes = await db.commune.findMany({
        where: {
          ...where,
          code: { in: rattachees.map((x) => x.communeCode), ...(query.code ? { equals: query.code } : {}) },
        },
        orderBy: [{ population: { sort: 'desc', nulls: 'last' } }, { nom: 'asc' }],
        take: 50,
      });
      // Names starting with the text first ("Orl" → Orléans before Saint-Jean-de-Braye-lès-Orl…).
      const debut = q.toLocaleLowerCase('fr');
      const tries = communes
        .sort(
          (a, b) =>
            Number(b.nom.toLocaleLowerCase('fr').startsWith(debut)) -
            Number(a.nom.toLocaleLowerCase('fr').startsWith(debut)),
        )
        .slice(0, query.limit);
      const routages = await Promise.all(tries.map((c) => routerUsager(db, deps.departement, c.code)));
      const [territoires, equipes] = await Promise.all([
        db.territoire.findMany({
          where: { id: { in: routages.flatMap((x) => (x ? [x.territoireId] : [])) } },
          select: { id: true, nom: true },
        }),
        db.equipe.findMany({
          where: { id: { in: routages.flatMap((x) => (x ? [x.equipeId] : [])) } },
          select: { id: true, nom: true },
        }),
      ]);
      const nomT = new Map(territoires.map((t) => [t.id, t.nom]));
      const nomE = new Map(equipes.map((e) => [e.id, e.nom]));
      return {
        items: tries.map((c, i) => ({
          code: c.code,
          nom: c.nom,
          codesPostaux: c.codesPostaux,
          territoire: routages[i] ? (nomT.get(routages[i].territoireId) ?? null) : null,
          equipe: routages[i] ? (nomE.get(routages[i].equipeId) ?? null) : null,
        })),
      };
    },
  });
}
