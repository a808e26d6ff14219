import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { route, type Routes } from '../route';
import type { ApiDeps } from '../context';
import { notFound } from '../errors';
import { idParams, parcoursPresente, usagerVue } from '../schemas';
import { presenterParcours } from '../presentation';
import { chargerPolitiqueDelais } from '../../config/delais';
import { usagerDto } from '../mappers';
import { usagerSchema } from '../../domain/usager';
import { nomsCommunes } from '../noms';
import { agentDe, auditer, filtreParcours, filtreUsager } from '../acces';

const recherche = z.object({
  q: z.string().trim().min(2, 'Au moins 2 caractères.').max(100),
  dateNaissance: z.iso.date().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** A correction: the names again, and each other field either kept (absent), replaced, or erased (null). */
const correction = usagerSchema
  .extend({
    dateNaissance: usagerSchema.shape.dateNaissance.unwrap().nullable().optional(),
    communeCode: usagerSchema.shape.communeCode.unwrap().nullable().optional(),
    telephone: usagerSchema.shape.telephone.unwrap().nullable().optional(),
    email: usagerSchema.shape.email.unwrap().nullable().optional(),
  })
  .openapi('CorrectionIdentite');

const dossier = z
  .object({
    usager: usagerVue,
    parcours: z.array(parcoursPresente),
  })
  .openapi('DossierSocial');

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
    query: recherche,
    response: z.object({ items: z.array(usagerVue) }),
    handler: async ({ query, req, res }) => {
      const mots = query.q.split(/\s+/);
      const items = await db.usager.findMany({
        where: {
          ...filtreUsager(agentDe(req)),
          AND: mots.map((m) => ({
            OR: [
              { nom: { contains: m, mode: 'insensitive' as const } },
              { prenom: { contains: m, mode: 'insensitive' as const } },
            ],
          })),
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
    body: correction,
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
    response: dossier,
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
      return {
        usager: usagerDto(u, await nomsCommunes(db, [u.communeCode])),
        parcours: await presenterParcours(db, politique, agent, u.parcours),
      };
    },
  });
}
