/**
 * Lieux d'accueil administered in the product: created, changed, deactivated by an administrator, each change
 * journaled; an active site changes the routing suggestions and the coverage at once, a deactivated one is
 * counted nowhere; "what if we add a site here" answered without saving; bad input answered per field.
 * The database is shared with other suites: the sites created here are deactivated in afterAll.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { startStack, type Stack } from '../support/stack';
import { comme, nomAgent, nouvelAgent } from '../support/parcours';
import ExcelJS from 'exceljs';
import type {
  ApercuImportLieux,
  CarteCouverture,
  HistoriqueAdministration,
  LieuAdministre,
  LieuxAdministres,
  ResultatSimulationCouverture,
} from '../../api/contrat';
import { chargerReferentiel, dossierGeo } from '../../imports/referentiel';

const ORLEANS = '45234';
const franceServices = JSON.parse(
  fs.readFileSync(path.join(dossierGeo, 'france-services-27-45.json'), 'utf8'),
) as Record<string, string>[];

describe('Administration des lieux d’accueil et couverture', () => {
  let s: Stack;
  let admin: string;
  let cadre: string;
  const crees: string[] = [];
  const nouveau = (corps: object = {}) => {
    const id = `lieu-test-${randomUUID().slice(0, 8)}`;
    crees.push(id);
    return { id, type: 'ccas', nom: `CCAS d’essai n° ${id.slice(-8)}`, communeCode: ORLEANS, ...corps };
  };
  const creer = (corps: object, agent = admin) =>
    request(s.app).post('/administration/sites').set(comme(agent)).send(corps);
  const modifier = (id: string, corps: object, agent = admin) =>
    request(s.app).patch(`/administration/sites/${id}`).set(comme(agent)).send(corps);
  const proches = async (code: string) =>
    (await request(s.app).get(`/communes/${code}/lieux-accueil?n=50`).set(comme(cadre)).expect(200)).body.lieux as {
      id: string;
      distanceKm: number;
    }[];
  const carte = async (query = {}) =>
    (await request(s.app).get('/couverture/carte').query(query).set(comme(cadre)).expect(200)).body as CarteCouverture;

  beforeAll(async () => {
    s = await startStack();
    await chargerReferentiel(s.db);
    admin = await nouvelAgent(s.db, ['administrateur'], null, 'admin-lieux');
    cadre = await nouvelAgent(s.db, ['cadre'], null, 'cadre-lieux');
  });
  afterAll(async () => {
    await s.db.lieuAccueil.updateMany({ where: { id: { in: crees } }, data: { actif: false } });
    await s.stop();
  });

  it('crée un CCAS au point de sa commune : suggestions et couverture le comptent aussitôt ; désactivé, plus nulle part', async () => {
    const l = nouveau({ horaires: { lundi: '9h-12h' }, telephone: '02 38 00 00 00' });
    const cree = (await creer(l).expect(201)).body as LieuAdministre;
    const orleans = await s.db.commune.findUniqueOrThrow({ where: { code: ORLEANS } });
    expect(cree).toMatchObject({
      id: l.id,
      type: 'ccas',
      commune: 'Orléans',
      source: 'saisie',
      actif: true,
      latitude: orleans.latitude,
      longitude: orleans.longitude,
      horaires: { lundi: '9h-12h', mardi: '', samedi: '' },
      email: null,
    });
    expect((await proches(ORLEANS)).find((x) => x.id === l.id)).toMatchObject({ distanceKm: 0 });
    const avecLui = await carte();
    expect(avecLui.lieux.some((x) => x.id === l.id)).toBe(true);
    expect(avecLui.lieuxComptes.find((x) => x.source === 'saisie')!.lieux).toBeGreaterThanOrEqual(1);
    expect(avecLui.communes.find((c) => c.code === ORLEANS)).toMatchObject({ distanceKm: 0 });

    // Moved within the commune, then deactivated: each change journaled with before and after.
    await modifier(l.id, { latitude: 47.91, longitude: 1.92, adresse: '1 place de l’Étape' }).expect(200);
    const desactive = (await modifier(l.id, { actif: false }).expect(200)).body as LieuAdministre;
    expect(desactive).toMatchObject({ actif: false, latitude: 47.91, adresse: '1 place de l’Étape' });
    expect((await proches(ORLEANS)).some((x) => x.id === l.id)).toBe(false);
    expect((await carte()).lieux.some((x) => x.id === l.id)).toBe(false);
    const couverture = await request(s.app).get('/couverture').set(comme(cadre)).expect(200);
    expect(couverture.body.horsPortee).toBe(0);

    const { entrees } = (
      await request(s.app).get(`/administration/sites/${l.id}/historique`).set(comme(admin)).expect(200)
    ).body as HistoriqueAdministration;
    expect(entrees.map((e) => e.action)).toEqual(['modification', 'modification', 'creation']);
    expect(entrees[0]).toMatchObject({
      agent: nomAgent(admin),
      avant: { actif: true },
      apres: { actif: false },
    });
    expect(entrees[1]).toMatchObject({
      avant: { latitude: orleans.latitude, adresse: null },
      apres: { latitude: 47.91 },
    });
    const liste = (await request(s.app).get('/administration/sites').set(comme(admin)).expect(200))
      .body as LieuxAdministres;
    expect(liste.lieux.find((x) => x.id === l.id)).toMatchObject({ actif: false });
    // The département's sites only: an Eure France services is not listed.
    expect(liste.lieux.some((x) => x.communeCode.startsWith('27'))).toBe(false);
  });

  it('répond champ par champ en français, 404 et 409, sans rien écrire', async () => {
    const deja = crees.length;
    const invalide = await creer(nouveau({ type: 'mairie', email: 'pas-une-adresse', telephone: 'abc' })).expect(400);
    expect(invalide.body.erreur.champs).toEqual([
      { champ: 'type', message: 'Type attendu : Site du département, CCAS, France services, Partenaire.' },
      { champ: 'telephone', message: 'Numéro de téléphone invalide.' },
      { champ: 'email', message: 'Adresse électronique invalide.' },
    ]);
    const moitie = await creer(nouveau({ latitude: 47.9 })).expect(400);
    expect(moitie.body.erreur.champs).toEqual([
      {
        champ: 'longitude',
        message: 'Indiquer la latitude et la longitude, ou aucune des deux (centre de la commune).',
      },
    ]);
    const eure = await creer(nouveau({ communeCode: '27229' })).expect(400);
    expect(eure.body.erreur.champs).toEqual([
      { champ: 'communeCode', message: 'Cette commune n’est pas une commune du département.' },
    ]);
    const loin = await creer(nouveau({ latitude: 48.1, longitude: 2.9 })).expect(400);
    expect(loin.body.erreur.champs).toEqual([
      {
        champ: 'latitude',
        message: expect.stringMatching(/^Ces coordonnées sont à \d+ km de Orléans \(15 km au plus\)/),
      },
    ]);
    const dehors = await creer(nouveau({ latitude: 45.76, longitude: 4.84 })).expect(400);
    expect(dehors.body.erreur.champs[0].message).toMatch(/hors du département/);
    expect(await s.db.lieuAccueil.count({ where: { id: { in: crees.slice(deja) } } })).toBe(0);

    const l = nouveau({ actif: false });
    await creer(l).expect(201);
    expect((await creer(l).expect(409)).body.erreur.message).toBe('Un lieu d’accueil a déjà cet identifiant.');
    await modifier('lieu-inconnu', { nom: 'x' }).expect(404);
    await modifier('fs-159', { nom: 'Hors du département' }).expect(404); // an Eure site
    await request(s.app).get('/administration/sites/lieu-inconnu/historique').set(comme(admin)).expect(404);
    await modifier(l.id, {}).expect(400);
    await modifier(l.id, { inconnu: 1 }).expect(400);
    await modifier(l.id, { horaires: { dimanche: '10h' } }).expect(400);
    expect(
      (await request(s.app).get(`/administration/sites/${l.id}/historique`).set(comme(admin))).body.entrees,
    ).toHaveLength(1);
  });

  it('« et si on ajoutait un lieu ici » : avant et après, sans rien enregistrer', async () => {
    const dix = await carte({ limiteKm: 10 });
    const loin = [...dix.communes].sort((a, b) => (b.distanceKm ?? 0) - (a.distanceKm ?? 0))[0]!;
    expect(loin.distanceKm).toBeGreaterThan(10);
    expect(dix.resume.horsPortee).toBeGreaterThan(0);
    const avant = await s.db.lieuAccueil.count();
    const r = (
      await request(s.app)
        .post('/couverture/simulation')
        .set(comme(cadre))
        .send({ communeCode: loin.code, limiteKm: 10 })
        .expect(200)
    ).body as ResultatSimulationCouverture;
    expect(r.communesGagnees).toContainEqual({ code: loin.code, nom: loin.nom });
    expect(r.apres.resume.horsPortee).toBeLessThan(r.avant.horsPortee);
    expect(r.apres.communes.find((c) => c.code === loin.code)).toMatchObject({ distanceKm: 0 });
    expect(r.apres.lieux.filter((x) => x.simule)).toHaveLength(1);
    expect(await s.db.lieuAccueil.count()).toBe(avant);

    const horsDepartement = await request(s.app)
      .post('/couverture/simulation')
      .set(comme(cadre))
      .send({ communeCode: '27229' })
      .expect(400);
    expect(horsDepartement.body.erreur.champs[0].champ).toBe('communeCode');
    await request(s.app).get('/couverture/carte?limiteKm=-3').set(comme(cadre)).expect(400);
    // The real dataset alone (no seed): fewer sites counted, none of them from the seed.
    const reelles = await carte({ sources: 'reelles' });
    expect(reelles.lieuxComptes.some((x) => x.source === 'seed')).toBe(false);
    expect(reelles.lieux.length).toBeLessThan((await carte()).lieux.length);
  });

  describe('import des listes officielles, avec aperçu', () => {
    const ANCT = Object.keys(franceServices[0]!);
    const csv = (lignes: string[][]) =>
      Buffer.from([ANCT, ...lignes].map((l) => l.map((c) => `"${c.replace(/"/g, '""')}"`).join(';')).join('\n'));
    const ligneAnct = (f: Record<string, string>) => ANCT.map((k) => f[k] ?? '');
    const envoyer = (chemin: string, format: string, nomFichier: string, contenu: Buffer, agent = admin) =>
      request(s.app)
        .post(`/administration/sites/import${chemin}`)
        .set(comme(agent))
        .send({ format, nomFichier, contenu: contenu.toString('base64') });

    it('liste ANCT des France services : modifiés, inchangés, autres départements, erreurs par ligne ; appliquée et journalisée', async () => {
      // Shared France services rows are changed then put back (no row added: other suites count them).
      const [loiret, change] = franceServices.filter((f) => f.insee_dep === '45' && f.insee_com !== '45155');
      const eure = franceServices.find((f) => f.insee_dep === '27')!;
      const samedi = `${change!.h_samedi} (essai ${randomUUID().slice(0, 4)})`.trim();
      const fichier = csv([
        ligneAnct(loiret!),
        ligneAnct({ ...change!, h_samedi: samedi }),
        ligneAnct(eure),
        ligneAnct({ ...loiret!, id_fs: '999991', latitude: 'nord' }),
        ligneAnct({ ...loiret!, id_fs: '999992', latitude: '48.9', longitude: '1.9' }),
      ]);
      const apercu = (await envoyer('/apercu', 'france_services', 'anct.csv', fichier).expect(200))
        .body as ApercuImportLieux;
      expect(apercu).toMatchObject({
        lignes: 5,
        colonnesManquantes: [],
        parIssue: { ajout: 0, modification: 1, inchange: 1, erreur: 2, hors_departement: 1 },
      });
      expect(apercu.details).toEqual([
        { rang: 3, issue: 'modification', nom: change!.lib_fs, changements: ['horaires'], erreurs: [] },
        {
          rang: 5,
          issue: 'erreur',
          nom: null,
          changements: [],
          erreurs: [{ champ: 'latitude', message: expect.any(String) }],
        },
        {
          rang: 6,
          issue: 'erreur',
          nom: loiret!.lib_fs,
          changements: [],
          erreurs: [{ champ: 'latitude', message: expect.stringMatching(/^Ces coordonnées sont/) }],
        },
      ]);
      const id = `fs-${change!.id_fs}`;
      expect((await s.db.lieuAccueil.findUniqueOrThrow({ where: { id } })).horaires).not.toMatchObject({ samedi });

      await envoyer('', 'france_services', 'anct.csv', fichier).expect(200);
      expect((await s.db.lieuAccueil.findUniqueOrThrow({ where: { id } })).horaires).toMatchObject({ samedi });
      expect(await s.db.lieuAccueil.count({ where: { id: { in: ['fs-999991', 'fs-999992'] } } })).toBe(0);
      const { entrees } = (
        await request(s.app).get(`/administration/sites/${id}/historique`).set(comme(admin)).expect(200)
      ).body as HistoriqueAdministration;
      expect(entrees[0]).toMatchObject({
        action: 'modification',
        agent: nomAgent(admin),
        apres: { horaires: { samedi } },
      });
      // The official row again: the site as the list has it, nothing left to do after.
      await envoyer('', 'france_services', 'anct.csv', csv([ligneAnct(change!)])).expect(200);
      const encore = (await envoyer('/apercu', 'france_services', 'anct.csv', csv([ligneAnct(change!)])).expect(200))
        .body as ApercuImportLieux;
      expect(encore.parIssue).toMatchObject({ modification: 0, inchange: 1 });
    });

    it('liste du département en XLSX : types en toutes lettres, erreurs nommées par les en-têtes du fichier', async () => {
      const classeur = new ExcelJS.Workbook();
      const feuille = classeur.addWorksheet('Sites');
      const nom = `CCAS de la liste ${randomUUID().slice(0, 6)}`;
      feuille.addRows([
        ['Type', 'Nom', 'Code INSEE', 'Lundi', 'Courriel'],
        ['CCAS', nom, ORLEANS, '9h-12h', 'ccas@orleans.invalid'],
        ['Mairie', 'Accueil de la mairie', ORLEANS, '', ''],
        ['Partenaire', 'Association', '27229', '', 'pas-une-adresse'],
        ['ccas', nom, ORLEANS, '', ''],
      ]);
      const fichier = Buffer.from(await classeur.xlsx.writeBuffer());
      const apercu = (await envoyer('/apercu', 'departement', 'sites.xlsx', fichier).expect(200))
        .body as ApercuImportLieux;
      expect(apercu.parIssue).toMatchObject({ ajout: 1, erreur: 3 });
      expect(apercu.details.slice(1).map((d) => d.erreurs)).toEqual([
        [{ champ: 'Type', message: 'Type attendu : Site du département, CCAS, France services, Partenaire.' }],
        [{ champ: 'Courriel', message: 'Adresse électronique invalide.' }],
        [{ champ: '(ligne)', message: 'Même lieu qu’à la ligne 2.' }],
      ]);
      await envoyer('', 'departement', 'sites.xlsx', fichier).expect(200);
      const ajoute = await s.db.lieuAccueil.findFirstOrThrow({ where: { nom } });
      crees.push(ajoute.id);
      expect(ajoute).toMatchObject({ type: 'ccas', communeCode: ORLEANS, source: 'liste-departement', actif: true });

      // A file without the required columns, an unreadable one, a cadre: nothing imported.
      const sansColonnes = Buffer.from('Nom;Adresse\nX;Y\n');
      const manque = (await envoyer('/apercu', 'departement', 'sites.csv', sansColonnes).expect(200)).body;
      expect(manque.colonnesManquantes).toEqual(['Type', 'Code INSEE']);
      const refus = await envoyer('', 'departement', 'sites.csv', sansColonnes).expect(400);
      expect(refus.body.erreur.champs).toEqual([
        { champ: 'contenu', message: 'Colonnes absentes : Type, Code INSEE.' },
      ]);
      const illisible = await envoyer('/apercu', 'departement', 'sites.xlsx', Buffer.from('pas un classeur')).expect(
        400,
      );
      expect(illisible.body.erreur.champs).toEqual([{ champ: 'contenu', message: 'Fichier XLSX illisible.' }]);
      const format = await envoyer('/apercu', 'mairies', 'sites.csv', sansColonnes).expect(400);
      expect(format.body.erreur.champs[0].champ).toBe('format');
      await envoyer('', 'departement', 'sites.xlsx', fichier, cadre).expect(403);
    });
  });

  it('administration réservée aux administrateurs ; la carte aux cadres et administrateurs', async () => {
    const referent = await nouvelAgent(s.db, ['referent'], null, 'referent-lieux');
    await request(s.app).get('/administration/sites').set(comme(cadre)).expect(403);
    await creer(nouveau(), cadre).expect(403);
    await request(s.app).get('/couverture/carte').set(comme(referent)).expect(403);
    await request(s.app).post('/couverture/simulation').set(comme(referent)).send({ communeCode: ORLEANS }).expect(403);
    await request(s.app).get('/couverture/carte').set(comme(admin)).expect(200);
  });
});
