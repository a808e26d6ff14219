import { v5 as uuidv5, v4 as uuidv4 } from 'uuid';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import type { z } from 'zod';
import { route, type Routes } from '../route';
import type { ApiDeps } from '../context';
import { acteurDe, agentDe, exigerPorteeDepartement } from '../acces';
import { HttpError, notFound } from '../errors';
import { cleIdempotence } from '../idempotence';
import { idParams } from '../contrat/communs';
import { demandeSimulation, simulationLigne, simulationsListe, simulationVue } from '../contrat/simulation';
import type { Simulation } from '../../generated/prisma/client';
import { WORKFLOWS, workflowIdSimulation } from '../../workflows/messages';
import type { simulationWorkflow } from '../../workflows/simulation';
import type { ParametresSimulation } from '../../activities/simulation';

/** Namespace of simulation ids derived from an Idempotency-Key: one click, one simulation. */
const SIMULATIONS = '4f0e6b52-3c1d-4a8e-b7f2-6d9a0c5e1b84';
/** A row this young may not have its workflow yet (started just after the row is written). */
const DEMARRAGE_MS = 60_000;
const EN_COURS = ['en_attente', 'en_cours'];

/** What-if simulations launched from the screen: the direction and administrators, one at a time per département. */
export function simulationsRoutes(r: Routes, deps: ApiDeps): void {
  const { db, temporal } = deps;

  async function nomsDesAgents(ids: string[]): Promise<Map<string, string>> {
    const agents = await db.agent.findMany({
      where: { id: { in: ids } },
      select: { id: true, prenom: true, nom: true },
    });
    return new Map(agents.map((a) => [a.id, `${a.prenom} ${a.nom}`]));
  }

  const ligneDe = (s: Simulation, noms: Map<string, string>): z.infer<typeof simulationLigne> => ({
    id: s.id,
    statut: s.statut as z.infer<typeof simulationLigne>['statut'],
    parametres: s.parametres as z.infer<typeof simulationLigne>['parametres'],
    lanceePar: noms.get(s.acteur) ?? 'Agent inconnu',
    creeLe: s.creeLe.toISOString(),
    commenceLe: s.commenceLe?.toISOString() ?? null,
    termineLe: s.termineLe?.toISOString() ?? null,
    erreur: s.erreur,
  });

  async function vue(id: string): Promise<z.infer<typeof simulationVue>> {
    const s = await db.simulation.findFirst({ where: { id, departement: deps.departement } });
    if (!s) throw notFound('Simulation');
    return {
      ...ligneDe(s, await nomsDesAgents([s.acteur])),
      journal: s.journal,
      // Written by the command line (simulation/lancement.ts SortieSimulation), the shape this schema describes.
      resultat: (s.resultat as z.infer<typeof simulationVue>['resultat']) ?? null,
    };
  }

  /** Whether a simulation said to be running still has its workflow (a terminated one never ends its row). */
  async function tourne(s: Simulation): Promise<boolean> {
    if (Date.now() - s.creeLe.getTime() < DEMARRAGE_MS) return true;
    try {
      const { status } = await temporal.workflow.getHandle(workflowIdSimulation(s.id)).describe();
      return status.name === 'RUNNING';
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return false;
      throw err;
    }
  }

  /**
   * Writes a launch's row once, unless another simulation of the département runs (409); one left without its workflow
   * (terminated) is marked interrupted.
   */
  async function inscrire(id: string, acteur: string, demande: z.infer<typeof demandeSimulation>): Promise<void> {
    await db.$transaction(
      async (tx) => {
        // One launch at a time per département decides whether another simulation runs.
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`simulations:${deps.departement}`}))`;
        // The same click sent twice at once: the second finds the first's row.
        if (await tx.simulation.findUnique({ where: { id } })) return;
        const ouvertes = await tx.simulation.findMany({
          where: { departement: deps.departement, statut: { in: EN_COURS } },
        });
        for (const s of ouvertes) {
          if (await tourne(s))
            throw new HttpError(
              409,
              'simulation_en_cours',
              `Une simulation est déjà en cours pour le département (lancée le ${s.creeLe.toLocaleString('fr-FR', { timeZone: 'Europe/Paris' })}) : attendez sa fin pour en lancer une autre.`,
            );
          await tx.simulation.update({
            where: { id: s.id },
            data: { statut: 'interrompue', erreur: 'Interrompue avant sa fin (son exécution a été arrêtée).' },
          });
        }
        await tx.simulation.create({
          data: {
            id,
            departement: deps.departement,
            acteur,
            parametres: { ...demande, departement: deps.departement } satisfies ParametresSimulation,
            statut: 'en_attente',
          },
        });
      },
      { timeout: 20_000 },
    );
  }

  route(r, {
    method: 'post',
    path: '/simulations',
    tag: 'Pilotage',
    summary:
      'Lancer une simulation « et si » (deux scénarios sur les vrais workflows) : une opération durable, une à la fois par département (Idempotency-Key accepté)',
    acces: 'simulation.lancer',
    body: demandeSimulation,
    status: 202,
    response: simulationVue,
    idempotence: true,
    errors: [409],
    handler: async ({ body, req }) => {
      const agent = agentDe(req);
      exigerPorteeDepartement(agent);
      const connus = new Set(
        (
          await db.territoire.findMany({
            where: {
              departement: deps.departement,
              id: { in: [...body.territoires, ...body.renforts.map((x) => x.territoireId)] },
            },
            select: { id: true },
          })
        ).map((t) => t.id),
      );
      const champs = [
        ...body.territoires.flatMap((t, i) =>
          connus.has(t) ? [] : [{ champ: `territoires.${i}`, message: 'Territoire inconnu dans le département.' }],
        ),
        ...body.renforts.flatMap((x, i) =>
          connus.has(x.territoireId)
            ? []
            : [{ champ: `renforts.${i}.territoireId`, message: 'Territoire inconnu dans le département.' }],
        ),
      ];
      if (champs.length) throw new HttpError(400, 'donnees_invalides', 'Données invalides.', champs);
      const cle = cleIdempotence(req);
      const id = cle ? uuidv5(`${agent.id}:${cle}`, SIMULATIONS) : uuidv4();
      // The same click again: the simulation it launched.
      const deja = await db.simulation.findFirst({ where: { id, departement: deps.departement } });
      if (!deja) await inscrire(id, acteurDe(req), body);
      // Started once its row is written, and again by the same click while it waits: a launch whose start failed
      // (Temporal unavailable, 503) is started by its retry instead of waiting for ever.
      if (deja && deja.statut !== 'en_attente') return vue(id);
      try {
        await temporal.workflow.start<typeof simulationWorkflow>(WORKFLOWS.simulation, {
          workflowId: workflowIdSimulation(id),
          taskQueue: deps.taskQueue,
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          args: [id],
        });
      } catch (err) {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      }
      return vue(id);
    },
  });

  route(r, {
    method: 'get',
    path: '/simulations',
    tag: 'Pilotage',
    summary: 'Les dernières simulations « et si » du département, avec leur état',
    acces: 'simulation.lancer',
    response: simulationsListe,
    handler: async ({ req }) => {
      exigerPorteeDepartement(agentDe(req));
      const dernieres = await db.simulation.findMany({
        where: { departement: deps.departement },
        orderBy: { creeLe: 'desc' },
        take: 20,
      });
      const noms = await nomsDesAgents([...new Set(dernieres.map((s) => s.acteur))]);
      return { items: dernieres.map((s) => ligneDe(s, noms)) };
    },
  });

  route(r, {
    method: 'get',
    path: '/simulations/:id',
    tag: 'Pilotage',
    summary: 'Une simulation « et si » : son avancement, puis ses deux scénarios côte à côte',
    acces: 'simulation.lancer',
    params: idParams,
    response: simulationVue,
    errors: [404],
    handler: async ({ params, req }) => {
      exigerPorteeDepartement(agentDe(req));
      return vue(params.id);
    },
  });
}
