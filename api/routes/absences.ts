import type { Request } from 'express';
import { route, type Routes } from '../route';
import type { ApiDeps } from '../context';
import { acteurDe, agentDe, territoireImpose, verifierTerritoire } from '../acces';
import { idParams, identifiantParams } from '../contrat/communs';
import { z } from '../contrat/zod';
import { identifiant } from '../../domain/validation';
import {
  absenceCreation,
  absenceModification,
  absenceVue,
  absencesVue,
  historiqueAdministration,
  interimsProposes as interimsVue,
} from '../contrat/administration';
import { notFound } from '../errors';
import {
  creerAbsence,
  interimsProposes,
  listerAbsences,
  modifierAbsence,
  type ContexteAbsences,
} from '../../administration/absences';
import { historique } from '../../administration/journal';

/**
 * Absences of agents and their intérim (administrators for the whole département, cadres for their territoire):
 * recorded, shortened, lengthened or cancelled; the absence's workflow moves the parcours at the dates.
 */
export function absencesRoutes(r: Routes, deps: ApiDeps): void {
  const { db, departement } = deps;
  const administrateur = (req: Request) => agentDe(req).roles.includes('administrateur');
  const contexte = (req: Request): ContexteAbsences => ({
    db,
    temporal: deps.temporal,
    departement,
    taskQueue: deps.taskQueue,
    verifierPortee: (t) => {
      if (!administrateur(req)) verifierTerritoire(agentDe(req), t);
    },
  });
  /** The absences the caller may see: the département for administrators, their territoire for cadres. */
  const lister = (req: Request, agentId?: string) =>
    listerAbsences(db, departement, {
      agentId,
      territoireId: administrateur(req) ? undefined : territoireImpose(agentDe(req)),
    });
  const absence = async (req: Request, id: string) => {
    const a = (await lister(req)).find((x) => x.id === id);
    if (!a) throw notFound('Absence');
    return a;
  };

  route(r, {
    method: 'get',
    path: '/absences',
    tag: 'Administration',
    summary: 'Absences des agents et leurs intérims (les plus récentes d’abord)',
    acces: 'absences.gerer',
    query: z.object({ agentId: identifiant.optional() }),
    response: absencesVue,
    handler: async ({ query, req }) => ({ absences: await lister(req, query.agentId) }),
  });

  route(r, {
    method: 'post',
    path: '/absences',
    tag: 'Administration',
    summary:
      'Enregistrer l’absence d’un agent et son intérim (choisi, ou le premier proposé) : aux dates, ses parcours passent à l’intérim puis lui reviennent (journalisé)',
    acces: 'absences.gerer',
    body: absenceCreation,
    status: 201,
    response: absenceVue,
    errors: [404, 409],
    handler: async ({ body, req }) => absence(req, await creerAbsence(contexte(req), acteurDe(req), body)),
  });

  route(r, {
    method: 'patch',
    path: '/absences/:id',
    tag: 'Administration',
    summary:
      'Changer la date de retour d’une absence, ou l’annuler : les parcours reviennent au titulaire (journalisé)',
    acces: 'absences.gerer',
    params: idParams,
    body: absenceModification,
    response: absenceVue,
    errors: [404, 409],
    handler: async ({ params, body, req }) => {
      await modifierAbsence(contexte(req), acteurDe(req), params.id, body);
      return absence(req, params.id);
    },
  });

  route(r, {
    method: 'get',
    path: '/absences/:id/historique',
    tag: 'Administration',
    summary: 'Historique des changements d’une absence : qui, quand, avant, après',
    acces: 'absences.gerer',
    params: idParams,
    response: historiqueAdministration,
    errors: [404],
    handler: async ({ params, req }) => {
      await absence(req, params.id);
      return { entrees: await historique(db, 'absence', params.id) };
    },
  });

  route(r, {
    method: 'get',
    path: '/agents/:id/interims',
    tag: 'Administration',
    summary: 'Intérims proposés pour un agent : les autres référents de son équipe, ceux qui ont de la place d’abord',
    acces: 'absences.gerer',
    params: identifiantParams,
    response: interimsVue,
    errors: [404],
    handler: async ({ params, req }) => {
      const a = await db.agent.findFirst({
        where: { id: params.id, departement },
        select: { equipe: { select: { territoireId: true } } },
      });
      if (!a) throw notFound('Agent');
      contexte(req).verifierPortee(a.equipe?.territoireId ?? null);
      return { interims: await interimsProposes(db, params.id) };
    },
  });
}
