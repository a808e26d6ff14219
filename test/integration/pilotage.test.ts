/** Pilotage: indicators from the aggregates the projection keeps, their exports, and the public statistics. */
import request from 'supertest';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { startStack, type Stack } from '../support/stack';
import { comme, nouvelAgent, nouvelleEquipe } from '../support/parcours';
import { createProjectionActivities } from '../../activities/projection';
import { vueQuery } from '../../workflows/messages';
import { workflowIdDe } from '../../domain/parcours/identifiants';

const evaluation = (conclusion: 'orientation' | 'repondu') => ({
  diagnostic: [{ domaine: 'logement', constat: 'Constat', besoinAccompagnement: true }],
  synthese: 'Synthèse',
  conclusion,
});

describe('Pilotage calculé par PostgreSQL', () => {
  let s: Stack;
  let equipe: Awaited<ReturnType<typeof nouvelleEquipe>>;
  let ids: string[];
  beforeAll(async () => {
    s = await startStack();
    equipe = await nouvelleEquipe(s.db);
    const post = (chemin: string, body: object, agent = equipe.agents.cadre) =>
      request(s.app).post(chemin).set(comme(agent)).send(body);
    ids = [];
    for (let i = 0; i < 6; i++) {
      const r = await post(
        '/parcours',
        {
          usager: { nom: `Pilotage-${i}`, prenom: 'Essai' },
          accueil: { besoins: [{ domaine: 'logement' }], urgence: false, consentement: true },
          routage: { territoireId: equipe.territoireId, equipeId: equipe.equipeId, motif: 'Équipe de l’essai' },
        },
        equipe.agents.accueil,
      );
      expect(r.status).toBe(201);
      ids.push(r.body.id);
    }
    // Five évaluations lead to an orientation, one answers the need at once (clôture); two parcours go on to a
    // référent; one of them is closed by its référent.
    for (const [i, id] of ids.entries()) {
      expect((await post(`/parcours/${id}/evaluation`, evaluation(i === 5 ? 'repondu' : 'orientation'))).status).toBe(
        200,
      );
    }
    for (const id of ids.slice(0, 2)) {
      expect(
        (await post(`/parcours/${id}/orientation`, { decision: 'accompagnement', typeAccompagnement: 'social' }))
          .status,
      ).toBe(200);
      expect(
        (await post(`/parcours/${id}/referent`, { referentId: equipe.referentId, accordUsager: true })).status,
      ).toBe(200);
    }
    expect((await post(`/parcours/${ids[0]}/cloture`, { motif: 'objectifs_atteints' })).status).toBe(200);
  });
  afterAll(async () => {
    await s.stop();
  });

  const lire = (chemin: string, query: Record<string, string> = {}, agent = equipe.agents.cadre) =>
    request(s.app)
      .get(chemin)
      .query({ territoireId: equipe.territoireId, ...query })
      .set(comme(agent));

  it('compte les flux entre étapes et les issues', async () => {
    const r = await lire('/pilotage/flux');
    expect(r.status).toBe(200);
    const flux = Object.fromEntries(
      r.body.items.map((l: { de: string; vers: string; n: number }) => [`${l.de}>${l.vers}`, l.n]),
    );
    expect(flux).toEqual({
      'evaluation>orientation': 5,
      'evaluation>reponse_immediate': 1,
      'orientation>designation': 2,
      'designation>accompagnement': 2,
      'accompagnement>objectifs_atteints': 1,
    });
  });

  it('donne délais par étape, respect des délais par règle, stock et indicateurs du tableau de bord', async () => {
    const etapes = (await lire('/pilotage/delais-etapes')).body.items;
    expect(etapes.find((l: { etape: string }) => l.etape === 'evaluation')).toMatchObject({
      passages: 6,
      medianeJours: 0,
      p90Jours: 0,
    });
    const regles = (await lire('/pilotage/respect-delais')).body.items;
    expect(regles.find((l: { delai: string }) => l.delai === 'evaluation')).toMatchObject({
      termines: 6,
      dansDelai: 6,
      partDansDelai: 1,
      libelleDelai: 'Évaluation globale après le premier accueil',
    });
    const stock = (await lire('/pilotage/stock', { mois: '1' })).body.items;
    const enCours = Object.fromEntries(stock.map((l: { etape: string; enCours: number }) => [l.etape, l.enCours]));
    expect(enCours).toEqual({ evaluation: 0, orientation: 3, designation: 0, accompagnement: 1 });

    const indicateurs = (await lire('/pilotage/indicateurs')).body;
    const orientation = indicateurs.parEtape.find((e: { etape: string }) => e.etape === 'orientation');
    expect(orientation).toMatchObject({ enCours: 3, enRetard: 0, passages: 2 });
    expect(indicateurs.evolution.at(-1)).toMatchObject({ ouverts: 6, clos: 2 });

    const charge = (await lire('/pilotage/charge')).body.items;
    expect(charge.find((a: { agentId: string }) => a.agentId === equipe.referentId)).toMatchObject({
      charge: 1,
      capacite: 30,
    });
    // A référent filter reads the detailed rows: its one accompaniment.
    const duReferent = (await lire('/pilotage/flux', { referentId: equipe.referentId })).body.items;
    expect(duReferent).toEqual([expect.objectContaining({ de: 'accompagnement', vers: 'objectifs_atteints', n: 1 })]);
  });

  it('ne compte pas deux fois un événement dont la projection est rejouée', async () => {
    const avant = (await lire('/pilotage/flux')).body.items;
    const vue = await s.client.workflow.getHandle(workflowIdDe(ids[1]!)).query(vueQuery);
    const dernier = await s.db.parcoursEvenement.findFirstOrThrow({
      where: { parcoursId: ids[1] },
      orderBy: { seq: 'desc' },
    });
    // The activity retried after its commit: same event, same state.
    await createProjectionActivities(s.db).projeterParcours({
      vue: vue!,
      evenement: {
        seq: dernier.seq,
        type: dernier.type,
        acteur: dernier.acteur,
        survenuLe: dernier.survenuLe.toISOString(),
        donnees: dernier.donnees as Record<string, unknown>,
      },
    });
    expect((await lire('/pilotage/flux')).body.items).toEqual(avant);
  });

  it('exporte chaque table en CSV et en XLSX, et journalise l’export', async () => {
    const csv = await lire('/pilotage/flux/export', { format: 'csv' });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename=flux-\d{4}-\d{2}-\d{2}\.csv$/);
    const lignes = parse<Record<string, string>>(csv.text, { bom: true, columns: true });
    expect(lignes).toContainEqual(
      expect.objectContaining({
        'Étape quittée': 'evaluation',
        'Étape suivante ou motif de clôture': 'orientation',
        Parcours: '5',
      }),
    );

    const xlsx = await lire('/pilotage/respect-delais/export', { format: 'xlsx' })
      .buffer(true)
      .parse((res, fin) => {
        const morceaux: Buffer[] = [];
        res.on('data', (c: Buffer) => morceaux.push(c));
        res.on('end', () => fin(null, Buffer.concat(morceaux)));
      });
    expect(xlsx.status).toBe(200);
    const classeur = new ExcelJS.Workbook();
    await classeur.xlsx.load(xlsx.body as never);
    const feuille = classeur.worksheets[0]!;
    expect(feuille.name).toBe('Respect des délais');
    expect(feuille.getRow(1).values).toContain('Part tenue (0 à 1)');
    expect(feuille.rowCount).toBeGreaterThan(1);

    for (const table of ['delais-etapes', 'stock', 'escalades', 'charge']) {
      expect((await lire(`/pilotage/${table}/export`, { format: 'csv' })).status).toBe(200);
    }
    const journal = await s.db.auditAcces.findFirst({
      where: { agentId: equipe.agents.cadre, route: 'GET /pilotage/flux/export' },
    });
    expect(journal).toMatchObject({ operation: 'lecture', statut: 200 });
  });

  it('refuse un autre territoire à un cadre de territoire, une période inversée, et laisse la direction tout voir', async () => {
    expect((await lire('/pilotage/flux', { territoireId: 'loiret-t01' })).status).toBe(404);
    const inverse = await lire('/pilotage/stock', { du: '2026-05', au: '2026-01' });
    expect(inverse.status).toBe(400);
    expect(inverse.body.erreur.champs[0].champ).toBe('query.du');
    const direction = await nouvelAgent(s.db, ['cadre'], null, 'direction');
    const r = await lire('/pilotage/delais-etapes', { par: 'territoire' }, direction);
    expect(r.status).toBe(200);
    expect(r.body.items).toContainEqual(
      expect.objectContaining({
        groupe: equipe.territoireId,
        libelle: expect.stringMatching(/^Territoire /),
        etape: 'evaluation',
      }),
    );
  });

  it('publie des statistiques sans données personnelles, les petits effectifs masqués', async () => {
    const r = await request(s.app).get('/public/statistiques');
    expect(r.status).toBe(200);
    expect(r.body.seuilSecret).toBe(5);
    const ici = (l: { groupe: string }) => l.groupe === equipe.territoireId;
    const evaluationIci = r.body.delaisEtapes.find(
      (l: { groupe: string; etape: string }) => ici(l) && l.etape === 'evaluation',
    );
    expect(evaluationIci).toMatchObject({ passages: 6, medianeJours: 0 });
    const designationIci = r.body.delaisEtapes.find(
      (l: { groupe: string; etape: string }) => ici(l) && l.etape === 'designation',
    );
    expect(designationIci).toMatchObject({ passages: null, medianeJours: null, moyenneJours: null, p90Jours: null });
    const texte = JSON.stringify(r.body);
    for (const id of [...ids, equipe.referentId, 'Pilotage-0']) expect(texte).not.toContain(id);
  });
});
