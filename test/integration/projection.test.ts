import { randomUUID } from 'node:crypto';
import { createProjectionActivities } from '../../activities/projection';
import { testDb } from '../support/stack';
import type { VueParcours } from '../../domain/parcours/etat';

describe('Projection du parcours dans PostgreSQL', () => {
  const db = testDb();
  const { projeterParcours } = createProjectionActivities(db);
  afterAll(async () => {
    await db.$disconnect();
  });

  async function nouvelleVue(): Promise<VueParcours> {
    const usagerId = randomUUID();
    await db.usager.create({ data: { id: usagerId, nom: 'Test', prenom: 'Projection' } });
    const id = randomUUID();
    const now = new Date().toISOString();
    return {
      parcoursId: id,
      workflowId: `parcours-${id}`,
      usagerId,
      departement: 'eure',
      etape: 'evaluation',
      statut: 'actif',
      besoins: ['sante'],
      urgence: false,
      lieuAccueilId: null,
      territoireId: null,
      equipeId: null,
      referentId: null,
      structureId: null,
      typeAccompagnement: null,
      echeance: null,
      enRetard: false,
      etapeDepuis: now,
      ouvertLe: now,
      closLe: null,
      motifCloture: null,
      echeances: [],
      objectifs: [],
    };
  }
  const evt = (seq: number) => ({
    seq,
    type: `e${seq}`,
    acteur: 'a',
    survenuLe: new Date().toISOString(),
    donnees: { seq },
  });

  it('est idempotente : une activité rejouée n’ajoute ni événement ni changement', async () => {
    const vue = await nouvelleVue();
    await projeterParcours({ vue, evenement: evt(1) });
    await projeterParcours({ vue, evenement: evt(1) });
    expect(await db.parcoursEvenement.count({ where: { parcoursId: vue.parcoursId } })).toBe(1);
  });

  it('ne recule jamais : un événement ancien rejoué après un plus récent ne réécrit pas l’état', async () => {
    const vue = await nouvelleVue();
    await projeterParcours({ vue, evenement: evt(1) });
    await projeterParcours({ vue: { ...vue, etape: 'orientation' }, evenement: evt(2) });
    await projeterParcours({ vue, evenement: evt(1) });
    const p = await db.parcours.findUniqueOrThrow({ where: { id: vue.parcoursId } });
    expect(p.etape).toBe('orientation');
    expect(p.version).toBe(2);
    expect(await db.parcoursEvenement.count({ where: { parcoursId: vue.parcoursId } })).toBe(2);
  });
});
