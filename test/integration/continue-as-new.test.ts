/** Long parcours continue-as-new, carrying their state, losing no update in flight. */
import { startTimeSkipping, type TimeSkippingStack } from '../support/time-skipping';
import { ouvrirParcours } from '../support/parcours';
import { commandeUpdate, etatQuery } from '../../workflows/messages';

const JOUR = 86_400_000;

describe('Continue-as-new du parcours', () => {
  let s: TimeSkippingStack;
  beforeAll(async () => {
    s = await startTimeSkipping();
  });
  afterAll(async () => {
    await s.stop();
  });

  it('repart sur une nouvelle exécution sans perdre ni l’état ni une mise à jour', async () => {
    // A lowered threshold: continue-as-new after ~40 history events instead of Temporal's suggestion (thousands).
    const { handle, parcoursId } = await ouvrirParcours(s.env.client, s.db, s.taskQueue, { seuilHistorique: 40 });
    const premierRun = (await handle.describe()).runId;
    const agir = (type: Parameters<typeof commandeUpdate>[0], donnees: unknown) =>
      s.env.client.workflow
        .getHandle(handle.workflowId)
        .executeUpdate(commandeUpdate(type), { args: [{ acteur: 'agent', donnees: donnees as never }] });

    // Many appointments (each an event and a timer), sent in bursts so that some arrive while the run is closing.
    const base = await s.env.currentTimeMs();
    for (let lot = 0; lot < 6; lot++) {
      await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          agir('planifierRendezVous', {
            le: new Date(base + (100 + lot * 10 + i) * JOUR).toISOString(),
            lieu: `Lieu ${lot}-${i}`,
            objet: 'Suivi',
          }),
        ),
      );
    }
    const etat = await s.env.client.workflow.getHandle(handle.workflowId).query(etatQuery);
    expect(etat!.rendezVous).toHaveLength(30);
    expect(new Set(etat!.rendezVous.map((r) => r.id)).size).toBe(30);
    expect(etat!.etape).toBe('evaluation');

    const courant = await s.env.client.workflow.getHandle(handle.workflowId).describe();
    expect(courant.runId).not.toBe(premierRun);
    expect(courant.status.name).toBe('RUNNING');
    // The timeline kept every event exactly once, numbered without gaps across runs.
    const seqs = (await s.db.parcoursEvenement.findMany({ where: { parcoursId }, orderBy: { seq: 'asc' } })).map(
      (e) => e.seq,
    );
    expect(seqs).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));

    // Timers armed before continue-as-new still fire in the new run: the évaluation reminder (day 23).
    await s.env.sleep(24 * JOUR);
    const nouvelEtat = await s.env.client.workflow.getHandle(handle.workflowId).query(etatQuery);
    expect(nouvelEtat!.echeances[0]!.relanceEnvoyee).toBe(true);
  });
});
