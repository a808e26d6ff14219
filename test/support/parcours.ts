/** Building blocks for parcours tests: an usager in the database, a started parcours, the default policy. */
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { chargerPolitiqueDelais } from '../../config/delais';
import type { Db } from '../../infra/prisma';
import { WORKFLOWS, accueillirUpdate, type ParcoursInput } from '../../workflows/messages';
import type { parcoursWorkflow } from '../../workflows/parcours';
import { workflowIdDe } from '../../domain/parcours/identifiants';
import type { Accueil } from '../../domain/parcours/commandes';

export const politiqueLoiret = chargerPolitiqueDelais('loiret');

export const accueilType: Accueil = {
  besoins: [{ domaine: 'insertion_emploi' }, { domaine: 'logement' }],
  urgence: false,
  consentement: true,
};

export async function nouvelUsager(db: Db, email = 'usager@exemple.invalid'): Promise<string> {
  const id = randomUUID();
  await db.usager.create({ data: { id, nom: 'Test', prenom: 'Parcours', email } });
  return id;
}

/** Starts a parcours workflow and records its accueil (as the API does, in two calls for the test server). */
export async function ouvrirParcours(
  client: Client,
  db: Db,
  taskQueue: string,
  { accueil, ...opts }: Partial<Omit<ParcoursInput, 'accueil'>> & { accueil?: Accueil } = {},
) {
  const parcoursId = randomUUID();
  const handle = await client.workflow.start<typeof parcoursWorkflow>(WORKFLOWS.parcours, {
    taskQueue,
    workflowId: workflowIdDe(parcoursId),
    args: [
      {
        parcoursId,
        usagerId: opts.usagerId ?? (await nouvelUsager(db)),
        departement: 'loiret',
        politique: politiqueLoiret,
        routage: { territoireId: 'loiret-test', equipeId: 'equipe-test', mode: 'automatique' },
        ...opts,
      },
    ],
  });
  const vue = await handle.executeUpdate(accueillirUpdate, {
    args: [{ acteur: 'agent.accueil', donnees: accueil ?? accueilType }],
  });
  return { handle, parcoursId, vue };
}

/**
 * A territoire with one équipe and its agents (real rows: the annuaire and sign-in read them): cadre,
 * évaluateur, référent and accueil agent of the équipe; a partner (CCAS) and an administrator, outside it.
 */
export async function nouvelleEquipe(db: Db) {
  const id = randomUUID().slice(0, 8);
  const equipeId = `equipe-${id}`;
  // In the département served (manual routing stays within it); ids that tell it from the imported ones.
  await db.territoire.create({ data: { id: `territoire-${id}`, departement: 'loiret', nom: `Territoire ${id}` } });
  await db.equipe.create({
    data: {
      id: equipeId,
      territoireId: `territoire-${id}`,
      nom: `Équipe ${id}`,
      poles: ['evaluation', 'accompagnement'],
    },
  });
  const agent = (role: string, dansEquipe = true) => ({
    id: `${role}-${id}`,
    departement: 'loiret',
    equipeId: dansEquipe ? equipeId : null,
    prenom: role,
    nom: id,
    email: `${role}-${id}@cd45.invalid`,
    roles: [role],
    capacite: ['cadre', 'evaluateur', 'referent'].includes(role) ? 30 : 0,
  });
  await db.agent.createMany({
    data: [
      agent('cadre'),
      agent('evaluateur'),
      agent('referent'),
      agent('accueil'),
      agent('partenaire', false),
      agent('administrateur', false),
    ],
  });
  return {
    territoireId: `territoire-${id}`,
    equipeId,
    referentId: `referent-${id}`,
    emails: {
      cadre: `cadre-${id}@cd45.invalid`,
      evaluateur: `evaluateur-${id}@cd45.invalid`,
      referent: `referent-${id}@cd45.invalid`,
    },
    agents: {
      cadre: `cadre-${id}`,
      evaluateur: `evaluateur-${id}`,
      referent: `referent-${id}`,
      accueil: `accueil-${id}`,
      partenaire: `partenaire-${id}`,
      administrateur: `administrateur-${id}`,
    },
  };
}

const PRENOMS = ['Anne', 'Bruno', 'Chloé', 'David', 'Élise', 'Farid', 'Gaëlle', 'Hugo', 'Inès', 'Julien', 'Karima'];
const NOMS = [
  'Martin',
  'Bernard',
  'Dubois',
  'Thomas',
  'Robert',
  'Petit',
  'Durand',
  'Leroy',
  'Moreau',
  'Simon',
  'Laurent',
];
const NOMS_AGENTS = new Map<string, string>();

/** The name a test agent made by nouvelAgent goes by on the screens (first name and family name). */
export const nomAgent = (id: string): string => NOMS_AGENTS.get(id) ?? id;

/**
 * An agent with the given roles (outside any équipe unless one is given); a cadre outside any équipe is a cadre
 * of the direction. Named like a person (screens show names, never ids: test/browser/navigateur.ts checks it),
 * with a name no other agent of the database has, so that a test can pick them by name.
 */
export async function nouvelAgent(
  db: Db,
  roles: string[],
  equipeId: string | null = null,
  prefixe = roles.join('-'),
): Promise<string> {
  const id = `${prefixe}-${randomUUID().slice(0, 8)}`;
  for (let i = parseInt(id.slice(-8), 16); ; i++) {
    const prenom = PRENOMS[i % PRENOMS.length]!;
    const nom = `${NOMS[Math.floor(i / PRENOMS.length) % NOMS.length]!}-${NOMS[(i >>> 8) % NOMS.length]!}`;
    if (await db.agent.count({ where: { prenom, nom } })) continue;
    await db.agent.create({
      data: {
        id,
        departement: 'loiret',
        equipeId,
        prenom,
        nom,
        email: `${id}@cd45.invalid`,
        roles,
        capacite: roles.includes('referent') ? 30 : 0,
      },
    });
    NOMS_AGENTS.set(id, `${prenom} ${nom}`);
    return id;
  }
}

/** Headers of the development sign-in for API clients (accepted in dev mode only). */
export const comme = (agentId: string) => ({ Authorization: `Dev ${agentId}` });
