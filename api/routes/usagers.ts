import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { route, type Routes } from '../route';
import type { ApiDeps } from '../context';
import { notFound } from '../errors';
import { evenementVue, idParams, parcoursVue, usagerVue } from '../schemas';
import { evenementDto, parcoursDto, usagerDto } from '../mappers';
import { usagerSchema } from '../../domain/usager';
import {
  agentDe,
  auditer,
  filtreParcours,
  filtreUsager,
  filtrerEvenements,
  filtrerParcours,
  vueComplete,
} from '../acces';

const recherche = z.object({
  q: z.string().trim().min(2, 'Au moins 2 caractères.').max(100),
  dateNaissance: z.iso.date().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

const dossier = z
  .object({
    usager: usagerVue,
    parcours: z.array(parcoursVue.extend({ evenements: z.array(evenementVue) })),
  })
  .openapi('DossierSocial');

export function usagerRoutes(r: Routes, { db }: ApiDeps): void {
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
      return usagerDto(u);
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
      return { items: items.map(usagerDto) };
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
      return usagerDto(u);
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
        usager: usagerDto(u),
        parcours: u.parcours.map((p) => {
          const complete = vueComplete(agent, p);
          return {
            ...filtrerParcours(complete, parcoursDto(p)),
            evenements: filtrerEvenements(complete, p.evenements.map(evenementDto)),
          };
        }),
      };
    },
  });
}
