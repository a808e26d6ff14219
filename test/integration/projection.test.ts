import { randomUUID } from 'node:crypto';
import { createProjectionActivities, projeterOuvertures, type Projection } from '../../activities/projection';
import { testDb } from '../support/stack';
import { nouvelleEquipe } from '../support/parcours';
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

  it('ouvre plusieurs parcours d’un coup (import) : les mêmes lignes qu’une à une, comptées une fois même rejouée', async () => {
    const equipe = await nouvelleEquipe(db);
    const abonnement = await db.abonnementWebhook.create({
      data: {
        id: randomUUID(),
        departement: 'loiret',
        partenaire: 'CCAS (projection)',
        url: 'http://127.0.0.1:9/',
        secret: 'whsec_essai',
        types: ['accueil'],
        territoireIds: [equipe.territoireId],
        creePar: 'test',
      },
    });
    // One date for all (an import's): the rows differ only by their ids.
    const le = new Date().toISOString();
    const ouverture = async (): Promise<Projection> => {
      const vue = {
        ...(await nouvelleVue()),
        etapeDepuis: le,
        ouvertLe: le,
        departement: 'loiret',
        territoireId: equipe.territoireId,
        equipeId: equipe.equipeId,
      };
      return {
        vue,
        evenement: { seq: 1, type: 'accueil', acteur: 'import', survenuLe: vue.ouvertLe, donnees: { origine: 'caf' } },
        notifications: [
          {
            cle: `${vue.workflowId}:1:lien`,
            modele: 'lien_parcours',
            destinataire: { role: 'usager', usagerId: vue.usagerId },
            donnees: { n: 1 },
          },
        ],
      };
    };
    const lot = [await ouverture(), await ouverture(), await ouverture()];
    const seule = await ouverture();
    try {
      const livraisons = await projeterOuvertures(db, lot);
      expect(livraisons.map((l) => l.length)).toEqual([1, 1, 1]);
      // The lot retried (its activity ran twice): nothing added, the same deliveries named.
      expect(await projeterOuvertures(db, lot)).toEqual(livraisons);
      expect(await projeterParcours(seule)).toHaveLength(1);

      const ids = [...lot, seule].map((o) => o.vue.parcoursId);
      const sans = ({ id: _i, usagerId: _u, workflowId: _w, modifieLe: _m, ...reste }: Record<string, unknown>) =>
        reste;
      const lignes = await db.parcours.findMany({ where: { id: { in: ids } } });
      expect(new Set(lignes.map((l) => JSON.stringify(sans(l)))).size).toBe(1);
      const evenements = await db.parcoursEvenement.findMany({ where: { parcoursId: { in: ids } } });
      expect(evenements.map((e) => e.seq)).toEqual([1, 1, 1, 1]);
      expect(await db.notification.count({ where: { parcoursId: { in: ids } } })).toBe(4);
      expect(await db.livraisonWebhook.count({ where: { abonnementId: abonnement.id } })).toBe(4);
      // Four entries into the évaluation at the territoire's level, each counted once.
      const [{ n }] = await db.$queryRaw<[{ n: number }]>`
        SELECT coalesce(sum("n"), 0)::int AS n FROM "PilotageAgregat"
        WHERE "territoireId" = ${equipe.territoireId} AND "equipeId" = '*' AND "mesure" = 'entree' AND "objet" = 'evaluation'`;
      expect(n).toBe(4);
    } finally {
      await db.livraisonWebhook.deleteMany({ where: { abonnementId: abonnement.id } });
      await db.abonnementWebhook.delete({ where: { id: abonnement.id } });
    }
  });
});
