import { route, type Routes } from '../route';
import type { ApiDeps } from '../context';
import { acteurDe } from '../acces';
import { identifiantParams } from '../contrat/communs';
import {
  agentAdministre,
  agentCreation,
  agentModification,
  agentsAdministres,
  historiqueAdministration,
} from '../contrat/administration';
import { notFound } from '../errors';
import { creerAgent, listerAgents, modifierAgent } from '../../administration/agents';
import { historique } from '../../administration/journal';

/** The organisation administered in the product: agents (more objects follow the same shape). */
export function administrationRoutes(r: Routes, deps: ApiDeps): void {
  const { db, departement } = deps;
  const agent = async (id: string) => {
    const a = (await listerAgents(db, departement)).find((x) => x.id === id);
    if (!a) throw notFound('Agent');
    return a;
  };

  route(r, {
    method: 'get',
    path: '/administration/agents',
    tag: 'Administration',
    summary: 'Agents du département : rôles, équipe, pôle, capacité, actif, parcours suivis',
    acces: 'organisation.administrer',
    response: agentsAdministres,
    handler: async () => ({ agents: await listerAgents(db, departement) }),
  });

  route(r, {
    method: 'post',
    path: '/administration/agents',
    tag: 'Administration',
    summary: 'Créer un agent (journalisé)',
    acces: 'organisation.administrer',
    body: agentCreation,
    status: 201,
    response: agentAdministre,
    errors: [409],
    handler: async ({ body, req }) => agent(await creerAgent(db, acteurDe(req), departement, body)),
  });

  route(r, {
    method: 'patch',
    path: '/administration/agents/:id',
    tag: 'Administration',
    summary: 'Modifier un agent : rôles, équipe, pôle, capacité ; le désactiver met fin à ses sessions (journalisé)',
    acces: 'organisation.administrer',
    params: identifiantParams,
    body: agentModification,
    response: agentAdministre,
    errors: [404, 409],
    handler: async ({ params, body, req }) => {
      await modifierAgent(db, acteurDe(req), departement, params.id, body);
      return agent(params.id);
    },
  });

  route(r, {
    method: 'get',
    path: '/administration/agents/:id/historique',
    tag: 'Administration',
    summary: 'Historique des changements d’un agent : qui, quand, avant, après',
    acces: 'organisation.administrer',
    params: identifiantParams,
    response: historiqueAdministration,
    errors: [404],
    handler: async ({ params }) => {
      await agent(params.id);
      return { entrees: await historique(db, 'agent', params.id) };
    },
  });
}
