/**
 * Temporal on PostgreSQL, its services as separate processes: one history host is killed (SIGKILL) in the middle
 * of a burst of openings and steps. Every request is answered (2xx, or 503 to retry), no parcours is lost once
 * the client retries its 503s with the same Idempotency-Key, and the read model equals the workflows afterwards.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { startStack, requireEnv, type Stack } from '../support/stack';
import { comme, nouvelleEquipe } from '../support/parcours';
import { enParallele } from '../support/pannes';
import { vueQuery } from '../../workflows/messages';
import type { ClusterDeTest } from './global-setup';

const cluster = JSON.parse(requireEnv('TEST_CLUSTER')) as ClusterDeTest;

const accueil = { besoins: [{ domaine: 'logement' }], urgence: false, consentement: true };
const evaluation = {
  diagnostic: [{ domaine: 'logement', constat: 'Hébergé chez un tiers', besoinAccompagnement: true }],
  synthese: 'Orientation vers un accompagnement social',
  conclusion: 'orientation',
};

describe('Cluster Temporal sur PostgreSQL : un hôte history tué pendant une rafale', () => {
  let s: Stack;
  let equipe: Awaited<ReturnType<typeof nouvelleEquipe>>;
  beforeAll(async () => {
    s = await startStack();
    equipe = await nouvelleEquipe(s.db);
  });
  afterAll(async () => {
    await s.stop();
  });

  const ouvrir = (cle: string) =>
    request(s.app)
      .post('/parcours')
      .set(comme(equipe.agents.accueil))
      .set('Idempotency-Key', cle)
      .timeout(90_000)
      .send({
        usager: { nom: 'Panne', prenom: 'Essai', communeCode: '45234' },
        accueil,
        routage: { territoireId: equipe.territoireId, equipeId: equipe.equipeId, motif: 'Essai de panne' },
      });
  const evaluer = (id: string, cle: string) =>
    request(s.app)
      .post(`/parcours/${id}/evaluation`)
      .set(comme(equipe.agents.evaluateur))
      .set('Idempotency-Key', cle)
      .timeout(90_000)
      .send(evaluation);

  it('ne perd aucun parcours et garde le modèle de lecture égal aux workflows', async () => {
    // Parcours opened before the failure, to be advanced one step during it.
    const avant: string[] = [];
    await enParallele(20, 5, async () => {
      const r = await ouvrir(`avant-${randomUUID()}`);
      expect(r.status).toBe(201);
      avant.push(r.body.id as string);
    });

    const victime = cluster.membres.find((m) => m.nom === 'temporal-history-2')!;
    const requetes = [
      ...Array.from({ length: 60 }, () => ({ cle: `ouverture-${randomUUID()}`, faire: ouvrir })),
      ...avant.map((id) => ({ cle: `evaluation-${randomUUID()}`, faire: (cle: string) => evaluer(id, cle) })),
    ].sort(() => Math.random() - 0.5);
    const statuts: number[] = [];
    await enParallele(requetes.length, 8, async (i) => {
      if (i === 15) process.kill(victime.pid, 'SIGKILL');
      statuts[i] = (await requetes[i]!.faire(requetes[i]!.cle)).status;
    });
    // Every request answered: done, or 503 with nothing half-applied.
    expect(statuts.filter((st) => ![200, 201, 503].includes(st))).toEqual([]);

    // The client retries its 503s with the same key, as the screens do.
    for (const [i, st] of statuts.entries()) {
      let statut = st;
      for (let essai = 0; statut === 503 && essai < 30; essai++) {
        await new Promise((r) => setTimeout(r, 2000));
        statut = (await requetes[i]!.faire(requetes[i]!.cle)).status;
      }
      expect([200, 201]).toContain(statut);
    }

    // 0 parcours lost, none twice; every one evaluated once; read model = workflow state.
    const lignes = await s.db.parcours.findMany({ where: { equipeId: equipe.equipeId } });
    expect(lignes).toHaveLength(80);
    expect(
      lignes
        .filter((l) => l.etape === 'orientation')
        .map((l) => l.id)
        .sort(),
    ).toEqual([...avant].sort());
    for (const ligne of lignes) {
      const vue = await s.client.workflow.getHandle(ligne.workflowId).query(vueQuery);
      expect({ etape: ligne.etape, statut: ligne.statut, echeance: ligne.echeance?.toISOString() ?? null }).toEqual({
        etape: vue!.etape,
        statut: vue!.statut,
        echeance: vue!.echeance,
      });
    }
    const evenements = await s.db.parcoursEvenement.groupBy({
      by: ['type'],
      where: { parcoursId: { in: lignes.map((l) => l.id) } },
      _count: true,
    });
    expect(Object.fromEntries(evenements.map((e) => [e.type, e._count]))).toMatchObject({
      accueil: 80,
      evaluation: 20,
    });
  });
});
