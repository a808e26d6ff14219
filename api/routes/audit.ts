import { z } from 'zod';
import { route, type Routes } from '../route';
import type { ApiDeps } from '../context';
import type { ConfigAuth } from '../auth';
import { agentDe, auditer } from '../acces';
import { notFound } from '../errors';
import { idParams } from '../contrat/communs';
import { auditVue, exportUsager, filtresAudit, journalAcces, sessionVue } from '../contrat/acces';
import { evenementDto, parcoursDto, usagerDto } from '../mappers';
import { nommer, nomsCommunes, type Noms } from '../../lecture/noms';

type LigneAudit = {
  id: bigint;
  le: Date;
  agentId: string | null;
  operation: string;
  route: string;
  chemin: string;
  statut: number;
  usagers: string[];
  ip: string | null;
  moyen: string | null;
};
const auditDto = (r: LigneAudit, noms: Noms): z.infer<typeof auditVue> => ({
  ...r,
  id: r.id.toString(),
  le: r.le.toISOString(),
  agentNom: noms.agent(r.agentId),
});

/** Own session, access journal (administrators), export of everything held on one usager (right of access). */
export function auditRoutes(r: Routes, { db }: ApiDeps, auth: ConfigAuth): void {
  route(r, {
    method: 'get',
    path: '/auth/session',
    tag: 'Accès et RGPD',
    summary: 'Agent connecté : identité, rôles et périmètre',
    acces: 'authentifie',
    response: sessionVue,
    handler: ({ req }) => {
      const a = agentDe(req);
      return Promise.resolve({
        agentId: a.id,
        prenom: a.prenom,
        nom: a.nom,
        roles: a.roles,
        equipeId: a.equipeId,
        territoireId: a.territoireId,
        moyen: a.moyen,
        mode: auth.mode,
      });
    },
  });

  route(r, {
    method: 'get',
    path: '/audit',
    tag: 'Accès et RGPD',
    summary: 'Journal des accès aux données personnelles (administrateurs ; en ajout seul, non modifiable)',
    acces: 'audit.lire',
    query: filtresAudit,
    response: journalAcces,
    handler: async ({ query: { limit, offset, usagerId, agentId, depuis, jusqua }, res }) => {
      const where = {
        ...(usagerId ? { usagers: { has: usagerId } } : {}),
        ...(agentId ? { agentId } : {}),
        ...(depuis || jusqua
          ? { le: { ...(depuis ? { gte: new Date(depuis) } : {}), ...(jusqua ? { lte: new Date(jusqua) } : {}) } }
          : {}),
      };
      const [items, total] = await Promise.all([
        db.auditAcces.findMany({ where, orderBy: { id: 'desc' }, take: limit, skip: offset }),
        db.auditAcces.count({ where }),
      ]);
      const noms = await nommer(
        db,
        [],
        items.flatMap((x) => (x.agentId ? [x.agentId] : [])),
      );
      // Whose data was read: the administrator answers a person's request from here (names, then the export).
      const ids = [...new Set(items.flatMap((x) => x.usagers))];
      const personnes = await db.usager.findMany({
        where: { id: { in: ids } },
        select: { id: true, prenom: true, nom: true },
      });
      auditer(res, ...personnes.map((u) => u.id));
      return {
        items: items.map((x) => auditDto(x, noms)),
        total,
        personnes: Object.fromEntries(personnes.map((u) => [u.id, `${u.prenom} ${u.nom}`])),
      };
    },
  });

  route(r, {
    method: 'get',
    path: '/usagers/:id/export',
    tag: 'Accès et RGPD',
    summary:
      'Droit d’accès (RGPD art. 15) : tout ce qui est détenu sur un usager — identité, parcours, chronologies, messages, accès',
    acces: 'usager.exporter',
    params: idParams,
    errors: [404],
    response: exportUsager,
    handler: async ({ params, res }) => {
      const u = await db.usager.findUnique({
        where: { id: params.id },
        include: { parcours: { orderBy: { ouvertLe: 'asc' }, include: { evenements: { orderBy: { seq: 'asc' } } } } },
      });
      if (!u) throw notFound('Usager');
      auditer(res, u.id);
      const parcoursIds = u.parcours.map((p) => p.id);
      const [notifications, acces] = await Promise.all([
        db.notification.findMany({ where: { parcoursId: { in: parcoursIds } }, orderBy: { creeLe: 'asc' } }),
        db.auditAcces.findMany({ where: { usagers: { has: u.id } }, orderBy: { id: 'asc' } }),
      ]);
      const noms = await nommer(db, u.parcours, [
        ...u.parcours.flatMap((p) => p.evenements.map((e) => e.acteur)),
        ...acces.flatMap((x) => (x.agentId ? [x.agentId] : [])),
      ]);
      return {
        genereLe: new Date().toISOString(),
        usager: {
          ...usagerDto(u, await nomsCommunes(db, [u.communeCode])),
          modifieLe: u.modifieLe.toISOString(),
          anonymiseLe: u.anonymiseLe?.toISOString() ?? null,
        },
        parcours: u.parcours.map((p) => ({
          ...parcoursDto(p),
          evenements: p.evenements.map((e) => evenementDto(e, noms)),
        })),
        notifications: notifications.map((n) => ({
          cle: n.cle,
          parcoursId: n.parcoursId,
          modele: n.modele,
          destinataire: n.destinataire,
          statut: n.statut,
          adresses: n.adresses,
          creeLe: n.creeLe.toISOString(),
          envoyeLe: n.envoyeLe?.toISOString() ?? null,
        })),
        acces: acces.map((x) => auditDto(x, noms)),
      };
    },
  });
}
