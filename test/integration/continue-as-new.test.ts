/**
 * Long parcours continue-as-new, carrying their state, losing no update in flight. The race of updates against
 * the closing run is played on the real server: the Java time-skipping server sometimes never routes an update
 * admitted by a closing run to the next one (the client then retries for ever; seen before and after this split).
 * The timers carried across runs are checked on the time-skipping server, without that race.
 */
import type { Client } from '@temporalio/client';
import { startTimeSkipping, type TimeSkippingStack } from '../support/time-skipping';
import { startStack, type Stack } from '../support/stack';
import { ouvrirParcours } from '../support/parcours';
import { commandeUpdate, etatQuery } from '../../workflows/messages';
import type { Db } from '../../infra/prisma';

const JOUR = 86_400_000;

/** A parcours that continues-as-new after ~40 history events (instead of Temporal's suggestion, thousands). */
async function parcoursLong(client: Client, db: Db, taskQueue: string) {
  const { handle, parcoursId } = await ouvrirParcours(client, db, taskQueue, { seuilHistorique: 40 });
  const premierRun = (await handle.describe()).runId;
  const agir = (type: Parameters<typeof commandeUpdate>[0], donnees: unknown) =>
    client.workflow
      .getHandle(handle.workflowId)
      .executeUpdate(commandeUpdate(type), { args: [{ acteur: 'agent', donnees: donnees as never }] });
  const rendezVous = (base: number, k: number) =>
    agir('planifierRendezVous', {
      le: new Date(base + (100 + k) * JOUR).toISOString(),
      lieu: `Lieu ${k}`,
      objet: 'Suivi',
    });
  /** After 30 appointments: one run more, the state and the timeline whole. */
  async function verifier() {
    const etat = await client.workflow.getHandle(handle.workflowId).query(etatQuery);
    expect(etat!.rendezVous).toHaveLength(30);
    expect(new Set(etat!.rendezVous.map((r) => r.id)).size).toBe(30);
    expect(etat!.etape).toBe('evaluation');
    const courant = await client.workflow.getHandle(handle.workflowId).describe();
    expect(courant.runId).not.toBe(premierRun);
    expect(courant.status.name).toBe('RUNNING');
    // The timeline kept every event exactly once, numbered without gaps across runs.
    const seqs = (await db.parcoursEvenement.findMany({ where: { parcoursId }, orderBy: { seq: 'asc' } })).map(
      (e) => e.seq,
    );
    expect(seqs).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
  }
  return { handle, rendezVous, verifier };
}

describe('Continue-as-new du parcours', () => {
  describe('serveur Temporal réel', () => {
    let s: Stack;
    beforeAll(async () => {
      s = await startStack();
    });
    afterAll(async () => {
      await s.stop();
    });

    it('repart sur une nouvelle exécution sans perdre une mise à jour arrivée pendant la fermeture', async () => {
      const p = await parcoursLong(s.client, s.db, s.taskQueue);
      // Sent in bursts so that some arrive while the run is closing.
      for (let lot = 0; lot < 6; lot++)
        await Promise.all(Array.from({ length: 5 }, (_, i) => p.rendezVous(Date.now(), lot * 10 + i)));
      await p.verifier();
    });
  });

  describe('serveur à saut de temps', () => {
    let s: TimeSkippingStack;
    beforeAll(async () => {
      s = await startTimeSkipping();
    });
    afterAll(async () => {
      await s.stop();
    });

    it('garde l’état et les minuteurs d’une exécution à la suivante', async () => {
      const p = await parcoursLong(s.env.client, s.db, s.taskQueue);
      const base = await s.env.currentTimeMs();
      for (let k = 0; k < 30; k++) await p.rendezVous(base, k);
      await p.verifier();
      // Timers armed before continue-as-new still fire in the new run: the évaluation reminder (day 23).
      await s.env.sleep(24 * JOUR);
      const etat = await s.env.client.workflow.getHandle(p.handle.workflowId).query(etatQuery);
      expect(etat!.echeances[0]!.relanceEnvoyee).toBe(true);
    });
  });
});
