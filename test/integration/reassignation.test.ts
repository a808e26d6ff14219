import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Client, Connection } from '@temporalio/client';
import { requireEnv, startStack, type Stack } from '../support/stack';
import { comme, nouvelAgent } from '../support/parcours';
import { chargerReferentiel } from '../../imports/referentiel';
import { chargerPolitiqueDelais } from '../../config/delais';
import { WORKFLOWS, accueillirUpdate, commandeUpdate, vueQuery } from '../../workflows/messages';
import type { parcoursWorkflow } from '../../workflows/parcours';
import { workflowIdDe } from '../../domain/parcours/identifiants';
import type { BilanReassignation } from '../../domain/organisation/reassignation';
import { createReassignationActivities } from '../../activities/reassignation';

const politique = chargerPolitiqueDelais('loiret');
const equipeId = 'loiret-t10-ep';
const [partant, ref2, ref3] = ['ref1', 'ref2', 'ref3'].map((r) => `${equipeId}-${r}`) as [string, string, string];
const N = 24;
/** The imported cadre of the équipe: the reassignment is within their territoire. */
const cadreT10 = 'loiret-t10-ep-cadre';

describe('Réassignation en masse des parcours d’un agent', () => {
  let s: Stack;
  let connection: Connection;
  const parcours: string[] = [];

  /** A parcours taken to accompaniment with `referentId`, through the parcours workflow's own updates. */
  async function enAccompagnement(referentId: string): Promise<string> {
    const parcoursId = randomUUID();
    const usagerId = randomUUID();
    await s.db.usager.create({ data: { id: usagerId, nom: 'Test', prenom: 'Réassignation' } });
    const handle = await s.client.workflow.start<typeof parcoursWorkflow>(WORKFLOWS.parcours, {
      taskQueue: s.taskQueue,
      workflowId: workflowIdDe(parcoursId),
      args: [
        {
          parcoursId,
          usagerId,
          departement: 'loiret',
          politique,
          routage: { territoireId: 'loiret-t10', equipeId, mode: 'automatique' },
        },
      ],
    });
    const acteur = 'agent.test';
    await handle.executeUpdate(accueillirUpdate, {
      args: [{ acteur, donnees: { besoins: [{ domaine: 'logement' }], urgence: false, consentement: true } }],
    });
    await handle.executeUpdate(commandeUpdate('evaluer'), {
      args: [
        {
          acteur,
          donnees: {
            diagnostic: [{ domaine: 'logement', constat: 'Expulsion annoncée', besoinAccompagnement: true }],
            synthese: 'Accompagnement nécessaire',
            conclusion: 'orientation',
          },
        },
      ],
    });
    await handle.executeUpdate(commandeUpdate('orienter'), {
      args: [{ acteur, donnees: { decision: 'accompagnement', typeAccompagnement: 'social' } }],
    });
    await handle.executeUpdate(commandeUpdate('designerReferent'), {
      args: [{ acteur, donnees: { referentId, accordUsager: true } }],
    });
    return parcoursId;
  }

  beforeAll(async () => {
    connection = await Connection.connect({ address: requireEnv('TEST_TEMPORAL_ADDRESS') });
    s = await startStack({
      departement: 'loiret',
      deps: { temporal: new Client({ connection, namespace: 'default' }) },
    });
    await chargerReferentiel(s.db);
    for (let i = 0; i < N; i += 6)
      parcours.push(...(await Promise.all(Array.from({ length: 6 }, () => enAccompagnement(partant)))));
  });
  afterAll(async () => {
    await s.stop();
    await connection.close();
  });

  async function executer(cle: string): Promise<BilanReassignation> {
    const r = await request(s.app)
      .post(`/agents/${partant}/reassignation`)
      .set(comme(cadreT10))
      .set('Idempotency-Key', cle)
      .send({ motif: 'Départ de l’agent' });
    expect(r.status).toBe(202);
    return s.client.workflow.getHandle(r.body.operationId).result() as Promise<BilanReassignation>;
  }

  async function etat() {
    return Promise.all(
      parcours.map(async (id) => {
        const p = await s.db.parcours.findUniqueOrThrow({
          where: { id },
          include: { evenements: { where: { type: 'changement_referent' } } },
        });
        const vue = await s.client.workflow.getHandle(p.workflowId).query(vueQuery);
        return { lu: p.referentId, workflow: vue?.referentId, changements: p.evenements };
      }),
    );
  }

  it('répartit tous les parcours ouverts sur l’équipe : un seul référent actif et une passation dans chaque chronologie', async () => {
    expect(await s.db.parcours.count({ where: { referentId: partant, statut: { not: 'clos' } } })).toBe(N);
    const bilan = await executer('depart-ref1-0001');
    expect(bilan).toMatchObject({ parcours: N, changes: N, dejaFaits: 0, horsAccompagnement: 0, sansRepreneur: [] });
    // Balanced over the two other référents of the équipe.
    expect(bilan.repartition).toEqual({ [ref2]: N / 2, [ref3]: N / 2 });

    for (const p of await etat()) {
      expect([ref2, ref3]).toContain(p.lu);
      expect(p.workflow).toBe(p.lu);
      expect(p.changements).toHaveLength(1);
      expect(p.changements[0]!.acteur).toBe(cadreT10);
      expect(p.changements[0]!.donnees).toMatchObject({
        ancienReferentId: partant,
        referentId: p.lu,
        motif: 'Départ de l’agent',
      });
    }
    expect(await s.db.parcours.count({ where: { referentId: partant, statut: { not: 'clos' } } })).toBe(0);
  });

  it('se rejoue sans effet : même opération (même clé) ou nouvelle opération', async () => {
    const avant = await etat();
    const meme = await request(s.app)
      .post(`/agents/${partant}/reassignation`)
      .set(comme(cadreT10))
      .set('Idempotency-Key', 'depart-ref1-0001')
      .send({ motif: 'Départ de l’agent' });
    expect(meme.body.operationId).toBe(`reassignation-${partant}-depart-ref1-0001`);
    const bilan = await executer('depart-ref1-0002');
    expect(bilan).toMatchObject({ parcours: 0, changes: 0 });
    expect(await etat()).toEqual(avant);
    const lu = await request(s.app)
      .get(`/reassignations/reassignation-${partant}-depart-ref1-0001`)
      .set(comme(cadreT10));
    expect(lu.body).toMatchObject({ statut: 'COMPLETED', bilan: { changes: N } });
    // Scoped on the data: a cadre of another territoire does not learn of it.
    const autreCadre = await nouvelAgent(s.db, ['cadre'], 'loiret-t01-ep', 'cadre-t01');
    const horsPerimetre = await request(s.app)
      .get(`/reassignations/reassignation-${partant}-depart-ref1-0001`)
      .set(comme(autreCadre));
    expect(horsPerimetre.status).toBe(404);
  });

  it('ne refait pas une passation déjà faite quand l’activité est rejouée', async () => {
    // The same handover sent again (as a retried activity would): the parcours' référent is no longer the
    // leaving agent, so nothing is applied and the timeline keeps one handover.
    const cible = await s.db.parcours.findUniqueOrThrow({ where: { id: parcours[0]! } });
    const activites = createReassignationActivities(s.db, s.client);
    const issue = await activites.changerReferentParcours({
      operationId: `reassignation-${partant}-depart-ref1-0001`,
      workflowId: cible.workflowId,
      parcoursId: cible.id,
      referentId: ref3,
      ancienReferentId: partant,
      motif: 'Départ de l’agent',
      acteur: cadreT10,
    });
    expect(issue).toBe('deja_fait');
    expect(await s.db.parcoursEvenement.count({ where: { parcoursId: cible.id, type: 'changement_referent' } })).toBe(
      1,
    );
  });

  it('nomme un remplaçant pour une absence, et refuse un agent inconnu', async () => {
    const id = await enAccompagnement(ref2);
    const r = await request(s.app)
      .post(`/agents/${ref2}/reassignation`)
      .set(comme(cadreT10))
      .send({ nouveauReferentId: ref3, motif: 'Congé maternité' });
    const bilan = (await s.client.workflow.getHandle(r.body.operationId).result()) as BilanReassignation;
    expect(bilan.repartition).toEqual({ [ref3]: N / 2 + 1 });
    expect((await s.db.parcours.findUniqueOrThrow({ where: { id } })).referentId).toBe(ref3);
    expect(
      (await request(s.app).post('/agents/inconnu/reassignation').set(comme(cadreT10)).send({ motif: 'Départ' }))
        .status,
    ).toBe(404);
  });
});
