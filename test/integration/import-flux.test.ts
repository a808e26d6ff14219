import request from 'supertest';
import { MockActivityEnvironment } from '@temporalio/testing';
import { startStack, type Stack } from '../support/stack';
import { chargerReferentiel } from '../../imports/referentiel';
import { comme, nouvelAgent } from '../support/parcours';
import { attendre } from '../support/attendre';
import { beneficiaires, csv, xlsx } from '../support/flux';
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { createFluxActivities } from '../../activities/flux';
import { analyserFichier, enregistrerImport } from '../../imports/flux';
import { chargerCorrespondances } from '../../config/flux';
import type { Echeance } from '../../domain/parcours/etat';
import type { ImportFlux } from '../../api/contrat';
import { importFini } from '../../domain/flux/ligne';
import { PRIORITE_IMPORT, vueQuery } from '../../workflows/messages';

/** Distinct allocataire numbers: suites share the database. */
const PREFIXE = 4501;
const N = 40;

describe('Import des listes de bénéficiaires (CAF, MSA, France Travail)', () => {
  let s: Stack;
  let direction: string;
  let communes: string[];
  let lignes: string[][];

  beforeAll(async () => {
    s = await startStack();
    await chargerReferentiel(s.db);
    direction = await nouvelAgent(s.db, ['cadre'], null, 'direction-flux');
    communes = (
      await s.db.territoireCommune.findMany({
        where: { territoire: { departement: 'loiret' } },
        orderBy: { communeCode: 'asc' },
        take: 7,
      })
    ).map((c) => c.communeCode);
    lignes = beneficiaires(N, communes, PREFIXE);
  });
  afterAll(async () => {
    await s.stop();
  });

  const corps = (contenu: Buffer, nomFichier = 'flux-caf.csv', source = 'caf') => ({
    source,
    nomFichier,
    contenu: contenu.toString('base64'),
  });
  const envoyer = (chemin: string, c: object, agent = direction, cle?: string) => {
    const r = request(s.app).post(chemin).set(comme(agent));
    return (cle ? r.set('Idempotency-Key', cle) : r).send(c);
  };
  const terminer = (id: string) =>
    attendre(
      async () => {
        const r = await request(s.app).get(`/imports/flux/${id}`).set(comme(direction));
        return importFini(r.body as ImportFlux) ? (r.body as ImportFlux) : null;
      },
      'fin de l’import',
      60_000,
    );
  /** Parcours of this file's people, by their allocataire number. */
  const parcoursDuFichier = () =>
    s.db.parcours.findMany({
      where: { usager: { numeroAllocataire: { startsWith: String(PREFIXE) } } },
      include: { usager: true },
    });

  it('montre avant d’importer ce qui serait fait, et les erreurs ligne par ligne en français', async () => {
    const fautives = [
      ['', 'DEM', 'Sans', 'Numéro', '01/01/1980', communes[0]!, '', '01/11/2026'],
      ['999', 'DEM', 'Date', 'Impossible', '31/02/1980', communes[0]!, '', '01/11/2026'],
      ['998', 'DEM', 'Hors', 'Département', '01/01/1980', '27229', '', '01/11/2026'],
      lignes[3]!,
    ];
    const r = await envoyer('/imports/flux/apercu', corps(csv([...lignes, ...fautives])));
    expect(r.status).toBe(200);
    expect(r.body.parIssue).toMatchObject({ creee: N, rejetee: 4, inchangee: 0 });
    expect(r.body.colonnesManquantes).toEqual([]);
    expect(r.body.erreurs).toEqual([
      { rang: N + 2, champ: 'Numéro allocataire', message: 'Valeur requise absente.' },
      { rang: N + 3, champ: 'Date de naissance', message: expect.stringMatching(/date/i) },
      { rang: N + 4, champ: 'Code INSEE', message: 'Commune hors du département.' },
      { rang: N + 5, champ: '(ligne)', message: 'Même personne qu’à la ligne 5.' },
    ]);
    // Nothing was written by the preview.
    expect(await parcoursDuFichier()).toHaveLength(0);
  });

  it('refuse un fichier illisible, des colonnes manquantes, et les agents hors direction', async () => {
    const illisible = await envoyer('/imports/flux/apercu', corps(Buffer.from('PK\u0003\u0004abc'), 'flux.xlsx'));
    expect([illisible.status, illisible.body.erreur.champs[0].champ]).toEqual([400, 'contenu']);
    const sansCommune = await envoyer('/imports/flux', corps(Buffer.from('Nom;Prénom\nA;B\n')));
    expect(sansCommune.status).toBe(400);
    expect(sansCommune.body.erreur.champs[0].message).toMatch(/^Colonnes absentes : .*Code INSEE/);
    const cadreTerritoire = await nouvelAgent(s.db, ['cadre'], 'loiret-t01-ep', 'cadre-t01-flux');
    expect((await envoyer('/imports/flux/apercu', corps(csv(lignes)), cadreTerritoire)).status).toBe(403);
    const referent = await nouvelAgent(s.db, ['referent'], 'loiret-t01-ep', 'referent-flux');
    expect((await envoyer('/imports/flux/apercu', corps(csv(lignes)), referent)).status).toBe(403);
  });

  it('ouvre un parcours par personne, routé par sa commune, horloge RSA depuis l’ouverture du droit ; un second import ne change rien', async () => {
    const lance = await envoyer('/imports/flux', corps(csv(lignes)), direction, 'import-flux-0001');
    expect(lance.status).toBe(202);
    const bilan = await terminer(lance.body.id);
    expect(bilan.parIssue).toMatchObject({ creee: N, mise_a_jour: 0, inchangee: 0, rejetee: 0, en_attente: 0 });

    const parcours = await parcoursDuFichier();
    expect(parcours).toHaveLength(N);
    const routage = await s.db.territoireCommune.findMany({ where: { communeCode: { in: communes } } });
    for (const p of parcours) {
      expect(p.territoireId).toBe(routage.find((t) => t.communeCode === p.usager.communeCode)!.territoireId);
      const ligne = lignes.find((l) => l[0] === p.usager.numeroAllocataire)!;
      const [j, m, a] = ligne[7]!.split('/');
      const rsa = (p.echeances as unknown as Echeance[]).find((e) => e.code === 'orientationRsa')!;
      expect(rsa.depuis.slice(0, 10)).toBe(`${a}-${m}-${j}`);
      expect(new Date(rsa.due).getTime() - new Date(rsa.depuis).getTime()).toBe(42 * 86_400_000);
    }
    // Each workflow started from the state its row shows, with its search attributes (set at the start).
    for (const p of parcours.slice(0, 5)) {
      const h = s.client.workflow.getHandle(p.workflowId);
      const vue = (await h.query(vueQuery))!;
      expect([vue.etape, vue.ouvertLe, vue.echeances]).toEqual(['evaluation', p.ouvertLe.toISOString(), p.echeances]);
      const description = await h.describe();
      expect(description.searchAttributes).toMatchObject({
        ParcoursEtape: ['evaluation'],
        ParcoursTerritoire: [p.territoireId],
      });
      // Its tasks after the agents' when the worker has a backlog.
      expect(description.priority?.priorityKey).toBe(PRIORITE_IMPORT);
    }
    // The timeline says who imported the list, and from which partner.
    const accueil = await s.db.parcoursEvenement.findFirstOrThrow({ where: { parcoursId: parcours[0]!.id, seq: 1 } });
    expect([accueil.acteur, (accueil.donnees as { origine: string }).origine]).toEqual([direction, 'caf']);

    // The same file again (another click): the preview says so, and the import changes nothing.
    const apercu = await envoyer('/imports/flux/apercu', corps(csv(lignes)));
    expect(apercu.body.dejaImporteLe).not.toBeNull();
    expect(apercu.body.parIssue).toMatchObject({ creee: 0, inchangee: N });
    const encore = await terminer(
      (await envoyer('/imports/flux', corps(csv(lignes)), direction, 'import-flux-0002')).body.id,
    );
    expect(encore.parIssue).toMatchObject({ creee: 0, mise_a_jour: 0, inchangee: N });
    expect(await parcoursDuFichier()).toHaveLength(N);

    // The same click again: the same import, not a third one.
    const rejoue = await envoyer('/imports/flux', corps(csv(lignes)), direction, 'import-flux-0002');
    expect(rejoue.body.id).toBe(encore.id);
  });

  it('lit le même fichier en XLSX, et ne met à jour que ce qui a changé', async () => {
    const modifiees = lignes.map((l, i) => (i === 2 ? [...l.slice(0, 6), '07 00 00 00 02', l[7]!] : l));
    const r = await envoyer(
      '/imports/flux',
      corps(await xlsx(modifiees), 'flux-caf.xlsx'),
      direction,
      'import-flux-0003',
    );
    const bilan = await terminer(r.body.id);
    expect(bilan.parIssue).toMatchObject({ creee: 0, mise_a_jour: 1, inchangee: N - 1 });
    const usager = await s.db.usager.findFirstOrThrow({ where: { numeroAllocataire: modifiees[2]![0] } });
    expect(usager.telephone).toBe('07 00 00 00 02');
  });

  it('rejoue un lot interrompu sans rien ouvrir deux fois (activité exécutée deux fois)', async () => {
    const autres = beneficiaires(12, communes, PREFIXE + 1);
    const r = await envoyer('/imports/flux', corps(csv(autres)), direction, 'import-flux-0004');
    await terminer(r.body.id);
    // A crash after the rows were applied but before their issues were recorded: the lot runs again.
    await s.db.importFluxLigne.updateMany({ where: { importId: r.body.id }, data: { issue: 'en_attente' } });
    const activites = createFluxActivities(s.db, s.client);
    await new MockActivityEnvironment().run(activites.importerLotFlux, {
      importId: r.body.id,
      departement: 'loiret',
      source: 'caf' as const,
      acteur: direction,
      taskQueue: s.taskQueue,
      de: 2,
      a: 14,
    });
    const bilan = await activites.terminerImportFlux(r.body.id);
    expect(bilan).toMatchObject({ parIssue: { creee: 12, en_attente: 0 }, parcoursEnOuverture: 0 });
    const parcours = await s.db.parcours.count({
      where: { usager: { numeroAllocataire: { startsWith: String(PREFIXE + 1) } } },
    });
    expect(parcours).toBe(12);
  });

  it('reprend un lot tombé au milieu de ses démarrages sans rien appliquer deux fois', async () => {
    const autres = beneficiaires(20, communes, PREFIXE + 3);
    const importId = randomUUID();
    const analyse = await analyserFichier(
      s.db,
      'loiret',
      chargerCorrespondances('loiret').caf!,
      csv(autres),
      'caf-panne.csv',
    );
    // Staged only: no import workflow, the lot below is the only one to run.
    await enregistrerImport(
      s.db,
      { id: importId, departement: 'loiret', source: 'caf', nomFichier: 'caf-panne.csv', acteur: direction },
      analyse,
    );
    const lot = {
      importId,
      departement: 'loiret',
      source: 'caf' as const,
      acteur: direction,
      taskQueue: s.taskQueue,
      de: 2,
      a: 22,
    };
    // The server goes away after 7 starts: the lot fails with people created, rows reserved, some parcours started.
    let demarrages = 0;
    const enPanne = {
      workflow: {
        executeUpdateWithStart: (...args: Parameters<Client['workflow']['executeUpdateWithStart']>) =>
          ++demarrages > 7
            ? Promise.reject(new Error('Temporal injoignable'))
            : s.client.workflow.executeUpdateWithStart(...args),
      },
    } as unknown as Client;
    await expect(
      new MockActivityEnvironment().run(createFluxActivities(s.db, enPanne).importerLotFlux, lot),
    ).rejects.toThrow('Temporal injoignable');
    expect(await s.db.importFluxLigne.count({ where: { importId, issue: 'en_attente' } })).toBe(20);
    // The retry (the activity's next attempt) finishes the lot.
    const activites = createFluxActivities(s.db, s.client);
    await new MockActivityEnvironment().run(activites.importerLotFlux, lot);
    const bilan = await activites.terminerImportFlux(importId);
    expect(bilan).toMatchObject({ parIssue: { creee: 20, en_attente: 0 }, parcoursEnOuverture: 0 });
    const parUsager = await s.db.parcours.groupBy({
      by: ['usagerId'],
      where: { usager: { numeroAllocataire: { startsWith: String(PREFIXE + 3) } } },
      _count: true,
    });
    expect(parUsager).toHaveLength(20);
    expect(parUsager.filter((p) => p._count > 1)).toEqual([]);
    expect(await s.db.usager.count({ where: { numeroAllocataire: { startsWith: String(PREFIXE + 3) } } })).toBe(20);
  });

  it('deux imports en même temps qui nomment les mêmes personnes n’ouvrent qu’un parcours par personne', async () => {
    // Two partners' files sharing half their people, launched together (two agents, two clicks).
    const personnes = beneficiaires(30, communes, PREFIXE + 2);
    const [a, b] = await Promise.all([
      envoyer('/imports/flux', corps(csv(personnes.slice(0, 20)), 'caf-a.csv'), direction, 'import-flux-0005'),
      envoyer('/imports/flux', corps(csv(personnes.slice(10)), 'caf-b.csv'), direction, 'import-flux-0006'),
    ]);
    await Promise.all([terminer(a.body.id), terminer(b.body.id)]);
    const parcours = await s.db.parcours.groupBy({
      by: ['usagerId'],
      where: { usager: { numeroAllocataire: { startsWith: String(PREFIXE + 2) } }, statut: { not: 'clos' } },
      _count: true,
    });
    expect(parcours).toHaveLength(30);
    expect(parcours.filter((p) => p._count > 1)).toEqual([]);
  });
});
