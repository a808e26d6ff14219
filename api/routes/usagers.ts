import { randomUUID } from 'node:crypto';
import type { Routes } from '../route';
import { route } from '../route';
import type { ApiDeps } from '../context';
import { notFound } from '../errors';
import { idParams, usagerVue } from '../schemas';
import { usagerDto } from '../mappers';
import { usagerSchema } from '../../domain/usager';

export function usagerRoutes(r: Routes, { db }: ApiDeps): void {
  route(r, {
    method: 'post', path: '/usagers', tag: 'Usagers', summary: 'Enregistrer un usager',
    body: usagerSchema, response: usagerVue, status: 201,
    handler: async ({ body }) => usagerDto(await db.usager.create({ data: { id: randomUUID(), ...body, dateNaissance: body.dateNaissance ? new Date(body.dateNaissance) : undefined } })),
  });

  route(r, {
    method: 'get', path: '/usagers/:id', tag: 'Usagers', summary: 'Lire un usager',
    params: idParams, response: usagerVue, errors: [404],
    handler: async ({ params }) => {
      const u = await db.usager.findUnique({ where: { id: params.id } });
      if (!u) throw notFound('Usager');
      return usagerDto(u);
    },
  });
}
