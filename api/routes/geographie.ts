import type { Routes } from '../route';
import { route } from '../route';
import type { ApiDeps } from '../context';
import { HttpError, notFound } from '../errors';
import { z } from '../contrat/zod';
import { communeParams, couvertureVue, lieuxProchesVue, organisationVue, routageVue } from '../contrat/organisation';
import { chargerOrganisation } from '../../config/organisation';
import { conventionEnVigueur } from '../../domain/organisation/structures';
import { communeActuelle, routerUsager } from '../../lecture/routage';
import { couverture, lieuxLesPlusProches } from '../../domain/organisation/proximite';
import { lieuxActifs } from '../../lecture/lieux';
import { terrain } from '../../lecture/couverture';
import type { Db } from '../../infra/prisma';

const km = (d: number) => Math.round(d * 10) / 10;

async function communePoint(db: Db, code: string) {
  const c = await db.commune.findUnique({ where: { code: await communeActuelle(db, code) } });
  if (!c) throw notFound('Commune');
  return c;
}

/** The département's organisation and geography: territoires and équipes, routing, proximity, coverage. */
export function geographieRoutes(r: Routes, deps: ApiDeps): void {
  const { db } = deps;
  const organisation = chargerOrganisation(deps.departement);

  route(r, {
    method: 'get',
    path: '/organisation',
    tag: 'Organisation',
    summary:
      'Agences, territoires d’action et équipes du département ; structures référentes qui reçoivent des orientations',
    acces: 'authentifie',
    response: organisationVue,
    handler: async () => {
      const [agences, territoires, structures] = await Promise.all([
        db.agence.findMany({ where: { departement: deps.departement }, orderBy: { id: 'asc' } }),
        db.territoire.findMany({
          where: { departement: deps.departement },
          orderBy: { id: 'asc' },
          include: {
            _count: { select: { communes: true } },
            // The équipes that can be chosen (an agent's, a re-routing): the active ones.
            equipes: {
              where: { actif: true },
              orderBy: { id: 'asc' },
              include: { _count: { select: { agents: true } } },
            },
          },
        }),
        db.structureReferente.findMany({ where: { departement: deps.departement }, orderBy: { nom: 'asc' } }),
      ]);
      return {
        departement: deps.departement,
        nom: organisation.nom,
        limiteKm: organisation.couverture.limiteKm,
        agences: agences.map((a) => ({ id: a.id, nom: a.nom })),
        structures: structures
          .filter((s) => conventionEnVigueur(s, new Date()))
          .map((s) => ({ id: s.id, nom: s.nom, type: s.type })),
        territoires: territoires.map((t) => ({
          id: t.id,
          nom: t.nom,
          agenceId: t.agenceId,
          communes: t._count.communes,
          equipes: t.equipes.map((e) => ({ id: e.id, nom: e.nom, poles: e.poles, agents: e._count.agents })),
        })),
      };
    },
  });

  route(r, {
    method: 'get',
    path: '/communes/:code/routage',
    tag: 'Organisation',
    summary: 'Territoire d’action et équipe d’une commune (anciens codes et communes déléguées acceptés)',
    acces: 'authentifie',
    params: communeParams,
    response: routageVue,
    errors: [404],
    handler: async ({ params }) => {
      const communeCode = await communeActuelle(db, params.code);
      const routage = await routerUsager(db, deps.departement, communeCode);
      if (!routage) throw new HttpError(404, 'introuvable', 'Commune inconnue ou hors du département.');
      return { communeCode, ...routage };
    },
  });

  route(r, {
    method: 'get',
    path: '/communes/:code/lieux-accueil',
    tag: 'Organisation',
    summary: 'Lieux d’accueil les plus proches d’une commune (distance à vol d’oiseau)',
    acces: 'authentifie',
    params: communeParams,
    query: z.object({ n: z.coerce.number().int().min(1).max(50).default(5) }),
    response: lieuxProchesVue,
    errors: [404],
    handler: async ({ params, query }) => {
      const c = await communePoint(db, params.code);
      const lieux = (await lieuxActifs(db)).map(({ actif: _, ...l }) => ({ ...l, lat: l.latitude, lng: l.longitude }));
      return {
        commune: { code: c.code, nom: c.nom },
        lieux: lieuxLesPlusProches({ lat: c.latitude, lng: c.longitude }, lieux, query.n).map(
          ({ lieu: { lat: _a, lng: _b, ...l }, distanceKm }) => ({
            ...l,
            horaires: l.horaires as Record<string, string>,
            distanceKm: km(distanceKm),
          }),
        ),
      };
    },
  });

  route(r, {
    method: 'get',
    path: '/couverture',
    tag: 'Organisation',
    summary:
      'Communes du département sans lieu d’accueil actif à moins de la distance limite (configuration : 20 km dans le Loiret)',
    acces: 'authentifie',
    query: z.object({ limiteKm: z.coerce.number().positive().max(200).optional() }),
    response: couvertureVue,
    handler: async ({ query }) => {
      const limiteKm = query.limiteKm ?? organisation.couverture.limiteKm;
      const { communes, lieux } = await terrain(db, organisation.codeInsee, limiteKm, 'toutes');
      const c = couverture(communes, lieux, limiteKm);
      return {
        departement: deps.departement,
        limiteKm: c.limiteKm,
        communes: c.communes,
        lieuxAccueil: lieux.length,
        horsPortee: c.horsPortee.length,
        pireDistanceKm: c.pireDistanceKm === null || !Number.isFinite(c.pireDistanceKm) ? null : km(c.pireDistanceKm),
        communesHorsPortee: c.horsPortee.map((h) => ({
          code: h.commune.code,
          nom: h.commune.nom,
          distanceKm: h.plusProche ? km(h.plusProche.distanceKm) : null,
          lieuLePlusProche: h.plusProche ? { id: h.plusProche.lieu.id, nom: h.plusProche.lieu.nom } : null,
        })),
      };
    },
  });
}
