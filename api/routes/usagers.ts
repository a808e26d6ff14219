import { randomUUID } from 'node:crypto';
import { route, type Routes } from '../route';
import type { ApiDeps } from '../context';
import { notFound } from '../errors';
import { idParams } from '../contrat/communs';
import { dossierSocial } from '../contrat/parcours';
import { correctionIdentite, rechercheUsager, resultatsRecherche, usagerVue } from '../contrat/usagers';
import { detailParcours, usagerDto } from '../mappers';
import { nommerDossier, nomsCommunes } from '../../lecture/noms';
import { motsRecherche } from '../../lecture/recherche';
import { chargerPolitiqueDelais } from '../../config/delais';
import { usagerSchema } from '../../domain/usager';
import { agentDe, auditer, filtreParcours, filtreUsager } from '../acces';

export function usagerRoutes(r: Routes, { db, departement }: ApiDeps): void {
  const politique = chargerPolitiqueDelais(departement);
  route(r, {
    method: 'post',
    path: '/usagers',
    tag: 'Usagers',
    summary: 'Enregistrer un usager',
    acces: 'usager.creer',
    body: usagerSchema,
    response: usagerVue,
    status: 201,
    handler: async ({ body, res }) => {
      const u = await db.usager.create({
        data: {
          id: randomUUID(),
          ...body,
          dateNaissance: body.dateNaissance ? new Date(body.dateNaissance) : undefined,
        },
      });
      auditer(res, u.id);
      return usagerDto(u, await nomsCommunes(db, [u.communeCode]));
    },
  });

  route(r, {
    method: 'get',
    path: '/usagers',
    tag: 'Usagers',
    summary: 'Rechercher un usager (nom ou prénom, date de naissance)',
    acces: 'usager.lire',
    query: rechercheUsager,
    response: resultatsRecherche,
    handler: async ({ query, req, res }) => {
      // Each word somewhere in "nom prénom", from the trigram index (prisma/schema.prisma, nomRecherche).
      const mots = await motsRecherche(db, query.q);
      const items = await db.usager.findMany({
        where: {
          ...filtreUsager(agentDe(req)),
          AND: mots.map((m) => ({ nomRecherche: { contains: m } })),
          ...(query.dateNaissance ? { dateNaissance: new Date(query.dateNaissance) } : {}),
        },
        orderBy: [{ nom: 'asc' }, { prenom: 'asc' }],
        take: query.limit,
      });
      auditer(res, ...items.map((u) => u.id));
      const communes = await nomsCommunes(
        db,
        items.map((u) => u.communeCode),
      );
      return { items: items.map((u) => usagerDto(u, communes)) };
    },
  });

  route(r, {
    method: 'get',
    path: '/usagers/:id',
    tag: 'Usagers',
    summary: 'Lire un usager',
    acces: 'usager.lire',
    params: idParams,
    response: usagerVue,
    errors: [404],
    handler: async ({ params, req, res }) => {
      const u = await db.usager.findFirst({ where: { id: params.id, ...filtreUsager(agentDe(req)) } });
      if (!u) throw notFound('Usager');
      auditer(res, u.id);
      return usagerDto(u, await nomsCommunes(db, [u.communeCode]));
    },
  });

  route(r, {
    method: 'patch',
    path: '/usagers/:id',
    tag: 'Usagers',
    summary: 'Corriger l’identité d’un usager (inscrit au journal des accès)',
    acces: 'usager.corriger',
    params: idParams,
    body: correctionIdentite,
    response: usagerVue,
    errors: [404],
    handler: async ({ params, body, req, res }) => {
      const connu = await db.usager.findFirst({
        where: { id: params.id, anonymiseLe: null, ...filtreUsager(agentDe(req)) },
        select: { id: true },
      });
      if (!connu) throw notFound('Usager');
      auditer(res, connu.id);
      const u = await db.usager.update({
        where: { id: connu.id },
        data: {
          ...body,
          dateNaissance:
            body.dateNaissance === undefined ? undefined : body.dateNaissance && new Date(body.dateNaissance),
        },
      });
      return usagerDto(u, await nomsCommunes(db, [u.communeCode]));
    },
  });

  route(r, {
    method: 'get',
    path: '/usagers/:id/dossier',
    tag: 'Usagers',
    summary: 'Dossier social unique : identité, parcours et chronologie',
    acces: 'usager.lire',
    params: idParams,
    response: dossierSocial,
    errors: [404],
    handler: async ({ params, req, res }) => {
      const agent = agentDe(req);
      // Only the parcours the agent may see, each in the view the agent may have (partners: restricted).
      const u = await db.usager.findFirst({
        where: { id: params.id, ...filtreUsager(agent) },
        include: {
          parcours: {
            where: filtreParcours(agent),
            orderBy: { ouvertLe: 'desc' },
            include: { evenements: { orderBy: { seq: 'asc' } } },
          },
        },
      });
      if (!u) throw notFound('Usager');
      auditer(res, u.id);
      const noms = await nommerDossier(db, u.parcours);
      return {
        usager: usagerDto(u, await nomsCommunes(db, [u.communeCode])),
        parcours: u.parcours.map((p) => detailParcours(agent, p, noms, politique)),
      };
    },
  });
}
