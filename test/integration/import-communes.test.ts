/**
 * Import of a communes file in the shape of data.gouv.fr's « Communes et villes de France » CSV: the preview says
 * row by row what changes for the département's communes (new, name or point changed, unchanged, errors in
 * French named by the file's headers; other départements' rows and communes déléguées left), then the import
 * applies it in one transaction, each change journaled with before and after.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { startStack, type Stack } from '../support/stack';
import { comme, nouvelAgent } from '../support/parcours';
import type { ApercuImportCommunes } from '../../api/contrat';
import { chargerReferentiel } from '../../imports/referentiel';
import { historique } from '../../administration/journal';
import { analyserFichierCommunes, appliquerFichierCommunes } from '../../imports/communes';

/** The columns of data.gouv's file, in its order (a few left out), with its unnamed index column first. */
const COLONNES = [
  '',
  'code_insee',
  'nom_standard',
  'nom_sans_accent',
  'typecom',
  'reg_code',
  'dep_code',
  'dep_nom',
  'epci_code',
  'epci_nom',
  'code_postal',
  'codes_postaux',
  'population',
  'latitude_mairie',
  'longitude_mairie',
  'latitude_centre',
  'longitude_centre',
];
type Ligne = Partial<Record<(typeof COLONNES)[number], string>>;
const csv = (lignes: Ligne[], colonnes = COLONNES) =>
  Buffer.from(
    [colonnes, ...lignes.map((l, i) => colonnes.map((c) => (c === '' ? String(i) : (l[c] ?? ''))))]
      .map((l) => l.map((c) => (/[,"]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','))
      .join('\n'),
  );

describe('Import d’un fichier des communes (data.gouv.fr), avec aperçu', () => {
  let s: Stack;
  let admin: string;
  const envoyer = (chemin: string, contenu: Buffer, agent = admin, nomFichier = 'communes-france-2025.csv') =>
    request(s.app)
      .post(`/administration/communes/import${chemin}`)
      .set(comme(agent))
      .send({ nomFichier, contenu: contenu.toString('base64') });

  const nomDe = async (id: string) => {
    const a = await s.db.agent.findUniqueOrThrow({ where: { id } });
    return `${a.prenom} ${a.nom}`;
  };

  beforeAll(async () => {
    s = await startStack();
    admin = await nouvelAgent(s.db, ['administrateur'], null, 'admin-communes');
    await chargerReferentiel(s.db);
  });
  afterAll(async () => {
    await s.stop();
  });

  it('dit ce qui change, ligne par ligne, puis l’applique et le journalise ; rien d’autre ne bouge', async () => {
    // Communes from the middle of the Loiret's list (other suites take theirs at either end), put back afterwards.
    const loiret = await s.db.commune.findMany({ where: { departement: '45' }, orderBy: { code: 'asc' } });
    const [inchangee, renommee, deplacee, lointaine] = loiret.slice(160, 164) as [
      (typeof loiret)[number],
      (typeof loiret)[number],
      (typeof loiret)[number],
      (typeof loiret)[number],
    ];
    const eure = await s.db.commune.findFirstOrThrow({ where: { departement: '27' } });
    const ligne = (c: (typeof loiret)[number], autres: Ligne = {}): Ligne => ({
      code_insee: c.code,
      nom_standard: c.nom,
      typecom: 'COM',
      dep_code: c.departement,
      epci_code: c.epciSiren ?? '',
      epci_nom: c.epciNom ?? '',
      codes_postaux: c.codesPostaux.join(','),
      population: String(c.population ?? ''),
      latitude_mairie: String(c.latitude + 0.01),
      longitude_mairie: String(c.longitude),
      latitude_centre: String(c.latitude),
      longitude_centre: String(c.longitude),
      ...autres,
    });
    const nouveauNom = `${renommee.nom} (essai ${randomUUID().slice(0, 4)})`;
    const fichier = csv([
      ligne(inchangee),
      ligne(renommee, { nom_standard: nouveauNom }),
      // 0.02° of latitude north: about 2.2 km; the centre left empty, the mairie's point is taken.
      ligne(deplacee, { latitude_centre: '', longitude_centre: '', latitude_mairie: String(deplacee.latitude + 0.02) }),
      ligne(eure),
      ligne(inchangee, { code_insee: '45998', nom_standard: 'Commune nouvelle d’essai', typecom: 'COM' }),
      ligne(inchangee, { code_insee: '45997', nom_standard: 'Ancienne commune déléguée', typecom: 'COMD' }),
      ligne(inchangee, { code_insee: '4500', nom_standard: '', latitude_centre: 'nord' }),
      ligne(inchangee, { code_insee: '27001' }),
      ligne(lointaine, { latitude_centre: String(lointaine.latitude + 0.3) }),
      ligne(inchangee),
    ]);
    const apercu = (await envoyer('/apercu', fichier).expect(200)).body as ApercuImportCommunes;
    expect(apercu).toMatchObject({
      lignes: 10,
      colonnesManquantes: [],
      parIssue: { ajout: 1, modification: 2, inchange: 1, erreur: 4, hors_departement: 1, ignoree: 1 },
      absentes: loiret.length - 4,
    });
    expect(apercu.details).toEqual([
      {
        rang: 3,
        issue: 'modification',
        code: renommee.code,
        nom: nouveauNom,
        changements: ['nom'],
        deplacementKm: null,
        erreurs: [],
      },
      {
        rang: 4,
        issue: 'modification',
        code: deplacee.code,
        nom: deplacee.nom,
        changements: ['coordonnees'],
        deplacementKm: 2.2,
        erreurs: [],
      },
      expect.objectContaining({ rang: 6, issue: 'ajout', code: '45998', nom: 'Commune nouvelle d’essai' }),
      {
        rang: 8,
        issue: 'erreur',
        code: null,
        nom: null,
        changements: [],
        deplacementKm: null,
        erreurs: expect.arrayContaining([
          { champ: 'code_insee', message: 'Code INSEE de commune attendu (5 caractères).' },
          { champ: 'nom_standard', message: 'Ce champ est requis.' },
          { champ: 'latitude_centre', message: 'Latitude en degrés attendue.' },
        ]),
      },
      expect.objectContaining({
        rang: 9,
        issue: 'erreur',
        erreurs: [{ champ: 'code_insee', message: 'Ce code INSEE n’est pas celui d’une commune du département 45.' }],
      }),
      expect.objectContaining({
        rang: 10,
        issue: 'erreur',
        // 33 km north: too far from its point, or past the département's box.
        erreurs: [{ champ: 'latitude_centre', message: expect.stringMatching(/^Ces coordonnées sont (à 33 km|hors)/) }],
      }),
      expect.objectContaining({
        rang: 11,
        issue: 'erreur',
        erreurs: [{ champ: '(ligne)', message: 'Même commune qu’à la ligne 2.' }],
      }),
    ]);
    // Nothing written by the preview.
    expect((await s.db.commune.findUniqueOrThrow({ where: { code: renommee.code } })).nom).toBe(renommee.nom);
    expect(await s.db.commune.count({ where: { code: '45998' } })).toBe(0);

    // Applied: the changes only (the new commune would change every suite's count of the Loiret's communes: the
    // file without it), each journaled with before and after.
    const sansAjout = csv([ligne(inchangee), ligne(renommee, { nom_standard: nouveauNom }), ligne(eure)]);
    try {
      const applique = (await envoyer('', sansAjout).expect(200)).body as ApercuImportCommunes;
      expect(applique).toMatchObject({ parIssue: { modification: 1, inchange: 1, hors_departement: 1 } });
      expect(applique.sansTerritoire).toBe(0);
      expect((await s.db.commune.findUniqueOrThrow({ where: { code: renommee.code } })).nom).toBe(nouveauNom);
      const [entree] = await historique(s.db, 'commune', renommee.code);
      expect(entree).toMatchObject({
        action: 'modification',
        agent: await nomDe(admin),
        avant: { code: renommee.code, nom: renommee.nom },
        apres: { code: renommee.code, nom: nouveauNom, sourcePoint: 'datagouv-communes-centre' },
      });
      expect(await historique(s.db, 'commune', inchangee.code)).toEqual([]);
      expect((await s.db.commune.findUniqueOrThrow({ where: { code: eure.code } })).nom).toBe(eure.nom);
    } finally {
      const { code, ...avant } = renommee;
      await s.db.commune.update({ where: { code }, data: avant });
    }
  });

  it('une commune nouvelle est ajoutée, journalisée, et dite sans territoire', async () => {
    // A département no other suite reads (its communes count nowhere): the same functions as the routes'.
    const fichier = csv([
      {
        code_insee: '99901',
        nom_standard: 'Commune d’essai',
        typecom: 'COM',
        dep_code: '99',
        codes_postaux: '99100',
        latitude_centre: '48.1',
        longitude_centre: '2.1',
      },
    ]);
    try {
      const a = await analyserFichierCommunes(s.db, '99', fichier, 'communes.csv');
      expect(a.lignes.map((l) => l.issue)).toEqual(['ajout']);
      expect(await appliquerFichierCommunes(s.db, admin, 'essai-99', '99', a.lignes)).toEqual({ sansTerritoire: 1 });
      expect(await s.db.commune.findUniqueOrThrow({ where: { code: '99901' } })).toMatchObject({
        nom: 'Commune d’essai',
        departement: '99',
        codesPostaux: ['99100'],
        latitude: 48.1,
        sourcePoint: 'datagouv-communes-centre',
      });
      expect(await historique(s.db, 'commune', '99901')).toEqual([
        expect.objectContaining({
          action: 'creation',
          avant: null,
          apres: expect.objectContaining({ nom: 'Commune d’essai' }),
        }),
      ]);
    } finally {
      await s.db.commune.deleteMany({ where: { code: '99901' } });
    }
  });

  it('colonnes absentes, fichier illisible, rôle : refusés sans rien changer', async () => {
    const sansPoint = csv([], ['code_insee', 'nom_standard', 'dep_code']);
    const apercu = (await envoyer('/apercu', sansPoint).expect(200)).body as ApercuImportCommunes;
    expect(apercu.colonnesManquantes).toEqual([
      'latitude_centre et longitude_centre (ou latitude_mairie et longitude_mairie)',
    ]);
    const refus = await envoyer('', sansPoint).expect(400);
    expect(refus.body.erreur.champs[0].message).toMatch(/^Colonnes absentes : latitude_centre/);
    const illisible = await envoyer('/apercu', Buffer.from([0xff, 0xfe, 0x00, 0x41])).expect(400);
    expect(illisible.body.erreur.champs[0]).toEqual({ champ: 'contenu', message: expect.any(String) });
    await envoyer('/apercu', sansPoint, admin, 'communes.json').expect(400);
    const cadre = await nouvelAgent(s.db, ['cadre'], null, 'cadre-communes');
    await envoyer('/apercu', sansPoint, cadre).expect(403);
    await envoyer('', sansPoint, cadre).expect(403);
  });
});
