import { randomUUID } from 'node:crypto';
import { route, type Routes } from '../route';
import type { ApiDeps } from '../context';
import { notFound } from '../errors';
import { idParams } from '../contrat/communs';
import { dossierSocial } from '../contrat/parcours';
import { rechercheUsager, resultatsRecherche, usagerVue } from '../contrat/usagers';
import { detailParcours, usagerDto } from '../mappers';
import { nommer } from '../../lecture/noms';
import { usagerSchema } from '../../domain/usager';
import { agentDe, auditer, filtreParcours, filtreUsager } from '../acces';

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
    query: rechercheUsager,
    response: resultatsRecherche,
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
      const noms = await nommer(
        db,
        u.parcours,
        u.parcours.flatMap((p) => p.evenements.map((e) => e.acteur)),
      );
      return { usager: usagerDto(u), parcours: u.parcours.map((p) => detailParcours(agent, p, noms)) };
    },
  });
}
