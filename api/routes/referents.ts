import type { Routes } from '../route';
import { route } from '../route';
import type { ApiDeps } from '../context';
import { agentDe, auditer, filtreUsager, verifierTerritoire, type AgentConnecte } from '../acces';
import { HttpError, notFound } from '../errors';
import { z } from '../contrat/zod';
import { identifiantParams } from '../contrat/communs';
import { choixReferent, decisionReferent, propositionVue } from '../contrat/organisation';
import { proposerReferents } from '../../lecture/referents';
import { nommer } from '../../lecture/noms';
import { choisirReferent } from '../../domain/organisation/referents';

const ERREURS_CHOIX = {
  aucun_referent: [409, 'Aucun référent actif dans cette équipe.'],
  hors_equipe: [400, 'Cet agent n’est pas référent de cette équipe.'],
  motif_requis: [400, 'Choisir un autre référent que celui proposé demande un motif.'],
} as const;

/** Référent proposals of an équipe for an usager, and the cadre's choice among them. */
export function referentsRoutes(r: Routes, deps: ApiDeps): void {
  const { db } = deps;

  /** 404 unless the équipe is the département's and within the agent's scope; and the usager, if named. */
  async function equipeDuDepartement(id: string, agent: AgentConnecte, usagerId?: string) {
    const e = await db.equipe.findFirst({
      where: { id, territoire: { departement: deps.departement } },
      select: { id: true, territoireId: true },
    });
    if (!e) throw notFound('Équipe');
    verifierTerritoire(agent, e.territoireId);
    if (
      usagerId &&
      !(await db.usager.findFirst({ where: { id: usagerId, ...filtreUsager(agent) }, select: { id: true } }))
    )
      throw notFound('Usager');
  }

  route(r, {
    method: 'get',
    path: '/equipes/:id/referents',
    tag: 'Organisation',
    summary: 'Référents de l’équipe classés pour un usager : continuité, pôle, charge au regard de la capacité',
    acces: 'referents.proposer',
    params: identifiantParams,
    query: z.object({ usagerId: z.uuid().optional() }),
    response: z.array(propositionVue),
    errors: [404],
    handler: async ({ params, query, req, res }) => {
      await equipeDuDepartement(params.id, agentDe(req), query.usagerId);
      auditer(res, query.usagerId);
      const propositions = await proposerReferents(db, { equipeId: params.id }, query.usagerId);
      const noms = await nommer(
        db,
        [],
        propositions.map((p) => p.agentId),
      );
      return propositions.map((p) => ({ ...p, nom: noms.agent(p.agentId) ?? p.agentId }));
    },
  });

  route(r, {
    method: 'post',
    path: '/equipes/:id/referents/choix',
    tag: 'Organisation',
    summary: 'Valider le choix d’un cadre : la proposition, ou un autre référent de l’équipe avec un motif',
    acces: 'referents.proposer',
    params: identifiantParams,
    body: choixReferent,
    response: decisionReferent,
    errors: [404, 409],
    handler: async ({ params, body, req, res }) => {
      await equipeDuDepartement(params.id, agentDe(req), body.usagerId);
      auditer(res, body.usagerId);
      const choix = choisirReferent(
        await proposerReferents(db, { equipeId: params.id }, body.usagerId),
        body.agentId ? { agentId: body.agentId, motif: body.motif } : undefined,
      );
      if (!choix.ok) {
        const [status, message] = ERREURS_CHOIX[choix.erreur];
        throw new HttpError(status, choix.erreur, message);
      }
      return { referentId: choix.referentId, derogation: choix.derogation, motif: choix.motif };
    },
  });

  route(r, {
    method: 'get',
    path: '/structures/:id/referents',
    tag: 'Organisation',
    summary: 'Référents d’une structure référente classés pour un usager : continuité, pôle, charge',
    acces: 'referents.proposer',
    params: identifiantParams,
    query: z.object({ usagerId: z.uuid().optional() }),
    response: z.array(propositionVue),
    errors: [404],
    handler: async ({ params, query, req, res }) => {
      const agent = agentDe(req);
      // A structure's responsable sees its own référents only; the département's cadres those of every structure.
      if (agent.structureId && agent.structureId !== params.id) throw notFound('Structure');
      const s = await db.structureReferente.findFirst({
        where: { id: params.id, departement: deps.departement },
        select: { id: true },
      });
      if (!s) throw notFound('Structure');
      if (
        query.usagerId &&
        !(await db.usager.findFirst({ where: { id: query.usagerId, ...filtreUsager(agent) }, select: { id: true } }))
      )
        throw notFound('Usager');
      auditer(res, query.usagerId);
      const propositions = await proposerReferents(db, { structureId: params.id }, query.usagerId);
      const noms = await nommer(
        db,
        [],
        propositions.map((p) => p.agentId),
      );
      return propositions.map((p) => ({ ...p, nom: noms.agent(p.agentId) ?? p.agentId }));
    },
  });
}
