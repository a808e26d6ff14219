import { route, type Routes } from '../route';
import type { ApiDeps } from '../context';
import { acteurDe } from '../acces';
import { identifiantParams } from '../contrat/communs';
import {
  agentAdministre,
  agentCreation,
  agentModification,
  agentsAdministres,
  equipeCreation,
  equipeModification,
  equipesAdministrees,
  requeteEquipes,
  historiqueAdministration,
  structureCreation,
  structureModification,
  structureReferente,
  structuresReferentes,
  territoireAdministre,
  territoireCreation,
  territoireModification,
} from '../contrat/administration';
import { notFound } from '../errors';
import { creerAgent, listerAgents, modifierAgent } from '../../administration/agents';
import { historique } from '../../administration/journal';
import { creerStructure, listerStructures, modifierStructure } from '../../administration/structures';
import {
  creerEquipe,
  creerTerritoire,
  listerEquipes,
  modifierEquipe,
  modifierTerritoire,
  territoireAdministre as lireTerritoire,
} from '../../administration/territoires';

/** The organisation administered in the product: agents, territoires and their communes, équipes, structures. */
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

  route(r, {
    method: 'get',
    path: '/administration/territoires/:id',
    tag: 'Administration',
    summary: 'Un territoire : agence, équipes, communes servies, parcours ouverts',
    acces: 'organisation.administrer',
    params: identifiantParams,
    response: territoireAdministre,
    errors: [404],
    handler: async ({ params }) => lireTerritoire(db, departement, params.id),
  });

  route(r, {
    method: 'post',
    path: '/administration/territoires',
    tag: 'Administration',
    summary: 'Créer un territoire avec son équipe et les communes qu’il sert, retirées de leur territoire (journalisé)',
    acces: 'organisation.administrer',
    body: territoireCreation,
    status: 201,
    response: territoireAdministre,
    errors: [409],
    handler: async ({ body, req }) => {
      const { id, parcoursRestes } = await creerTerritoire(db, acteurDe(req), departement, body);
      return { ...(await lireTerritoire(db, departement, id)), parcoursRestes };
    },
  });

  route(r, {
    method: 'patch',
    path: '/administration/territoires/:id',
    tag: 'Administration',
    summary:
      'Renommer un territoire, changer son agence, lui rattacher des communes (chaque commune reste dans un seul territoire ; journalisé)',
    acces: 'organisation.administrer',
    params: identifiantParams,
    body: territoireModification,
    response: territoireAdministre,
    errors: [404, 409],
    handler: async ({ params, body, req }) => {
      const { parcoursRestes } = await modifierTerritoire(db, acteurDe(req), departement, params.id, body);
      return { ...(await lireTerritoire(db, departement, params.id)), parcoursRestes };
    },
  });

  route(r, {
    method: 'get',
    path: '/administration/equipes',
    tag: 'Administration',
    summary: 'Équipes du département ou d’un territoire (actives d’abord) : pôles, agents actifs, parcours ouverts',
    acces: 'organisation.administrer',
    query: requeteEquipes,
    response: equipesAdministrees,
    handler: async ({ query }) => ({ equipes: await listerEquipes(db, departement, query.territoireId) }),
  });

  route(r, {
    method: 'post',
    path: '/administration/equipes',
    tag: 'Administration',
    summary: 'Créer une équipe dans un territoire existant (journalisé) ; rend son territoire',
    acces: 'organisation.administrer',
    body: equipeCreation,
    status: 201,
    response: territoireAdministre,
    errors: [409],
    handler: async ({ body, req }) =>
      lireTerritoire(db, departement, await creerEquipe(db, acteurDe(req), departement, body)),
  });

  route(r, {
    method: 'patch',
    path: '/administration/equipes/:id',
    tag: 'Administration',
    summary:
      'Renommer une équipe, changer ses pôles, la désactiver ou la réactiver (journalisé) ; rend son territoire. Désactiver : 409 tant qu’elle suit des parcours ouverts, a des agents actifs ou des sessions non terminées, ou qu’elle est la seule active de son territoire',
    acces: 'organisation.administrer',
    params: identifiantParams,
    body: equipeModification,
    response: territoireAdministre,
    errors: [404, 409],
    handler: async ({ params, body, req }) =>
      lireTerritoire(db, departement, await modifierEquipe(db, acteurDe(req), departement, params.id, body)),
  });

  route(r, {
    method: 'get',
    path: '/administration/territoires/:id/historique',
    tag: 'Administration',
    summary: 'Historique d’un territoire et de ses équipes : qui, quand, avant, après',
    acces: 'organisation.administrer',
    params: identifiantParams,
    response: historiqueAdministration,
    errors: [404],
    handler: async ({ params }) => {
      const t = await lireTerritoire(db, departement, params.id);
      const entrees = [
        ...(await historique(db, 'territoire', t.id)),
        ...(await Promise.all(t.equipes.map((e) => historique(db, 'equipe', e.id)))).flat(),
      ];
      return { entrees: entrees.sort((a, b) => b.le.localeCompare(a.le)) };
    },
  });

  const structure = async (id: string) => {
    const x = (await listerStructures(db, departement)).find((s) => s.id === id);
    if (!x) throw notFound('Structure');
    return x;
  };

  route(r, {
    method: 'get',
    path: '/administration/structures',
    tag: 'Administration',
    summary: 'Structures référentes (France Travail, associations, CCAS) : convention, délai de désignation, référents',
    acces: 'organisation.administrer',
    response: structuresReferentes,
    handler: async () => ({ structures: await listerStructures(db, departement) }),
  });

  route(r, {
    method: 'post',
    path: '/administration/structures',
    tag: 'Administration',
    summary: 'Créer une structure référente (journalisé)',
    acces: 'organisation.administrer',
    body: structureCreation,
    status: 201,
    response: structureReferente,
    errors: [409],
    handler: async ({ body, req }) => structure(await creerStructure(db, acteurDe(req), departement, body)),
  });

  route(r, {
    method: 'patch',
    path: '/administration/structures/:id',
    tag: 'Administration',
    summary: 'Modifier une structure référente : convention, délai, désactivation (journalisé)',
    acces: 'organisation.administrer',
    params: identifiantParams,
    body: structureModification,
    response: structureReferente,
    errors: [404],
    handler: async ({ params, body, req }) => {
      await modifierStructure(db, acteurDe(req), departement, params.id, body);
      return structure(params.id);
    },
  });

  route(r, {
    method: 'get',
    path: '/administration/structures/:id/historique',
    tag: 'Administration',
    summary: 'Historique des changements d’une structure référente',
    acces: 'organisation.administrer',
    params: identifiantParams,
    response: historiqueAdministration,
    errors: [404],
    handler: async ({ params }) => {
      await structure(params.id);
      return { entrees: await historique(db, 'structure', params.id) };
    },
  });
}
