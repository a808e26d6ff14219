/**
 * Orientation to a structure référente, through the API on the real workflows: only a structure that takes
 * orientations today, its own délai to designate, only its référents designated (by its responsable), its agents
 * seeing the people oriented to it and nothing else, names of structure and référent in the timeline.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { startStack, type Stack } from '../support/stack';
import { comme, nouvelAgent } from '../support/parcours';
import { chargerReferentiel } from '../../imports/referentiel';
import { annuaireDepuisDb } from '../../lecture/annuaire';
import type { ParcoursDetail } from '../../api/contrat';

const accueil = { besoins: [{ domaine: 'insertion_emploi' }], urgence: false, consentement: true };
const evaluation = {
  diagnostic: [
    { domaine: 'insertion_emploi', constat: 'Recherche d’emploi depuis 14 mois', besoinAccompagnement: true },
  ],
  synthese: 'Projet professionnel à construire',
  conclusion: 'orientation',
};

describe('Structures référentes : orientation, désignation, périmètre', () => {
  let s: Stack;
  let direction: string;
  let referentDepartement: string;
  const id = randomUUID().slice(0, 8);
  const structure = `ft-${id}`;
  const echue = `asso-echue-${id}`;
  const responsable = `ft-resp-${id}`;
  const referent = `ft-ref-${id}`;

  beforeAll(async () => {
    s = await startStack();
    await chargerReferentiel(s.db);
    direction = await nouvelAgent(s.db, ['cadre', 'evaluateur'], null, 'direction-structures');
    referentDepartement = await nouvelAgent(s.db, ['referent'], 'loiret-t02-ep', 'ref-dept');
    await s.db.structureReferente.createMany({
      data: [
        {
          id: structure,
          departement: 'loiret',
          nom: `France Travail Gien ${id}`,
          type: 'france_travail',
          delaiDesignationJours: 10,
        },
        {
          id: echue,
          departement: 'loiret',
          nom: `Association échue ${id}`,
          type: 'association',
          conventionDebut: new Date('2023-01-01'),
          conventionFin: new Date('2025-12-31'),
        },
      ],
    });
    const agent = (aid: string, roles: string[], prenom: string) => ({
      id: aid,
      departement: 'loiret',
      structureId: structure,
      prenom,
      nom: `France Travail ${id}`,
      email: `${aid}@francetravail.invalid`,
      roles,
      capacite: roles.includes('referent') ? 40 : 0,
    });
    await s.db.agent.createMany({
      data: [agent(responsable, ['cadre'], 'Rose'), agent(referent, ['referent'], 'Marc')],
    });
  });
  afterAll(async () => {
    // No structure of this file takes orientations after it: other files' screens list the département's ones.
    await s.db.structureReferente.updateMany({ where: { id: { in: [structure, echue] } }, data: { actif: false } });
    await s.stop();
  });

  const ouvrir = async () => {
    const p = await request(s.app)
      .post('/parcours')
      .set(comme(direction))
      .send({ usager: { nom: 'Benali', prenom: `Karim ${id}`, communeCode: '45155' }, accueil })
      .expect(201);
    await request(s.app).post(`/parcours/${p.body.id}/evaluation`).set(comme(direction)).send(evaluation).expect(200);
    return p.body.id as string;
  };
  const orienter = (parcoursId: string, corps: object) =>
    request(s.app)
      .post(`/parcours/${parcoursId}/orientation`)
      .set(comme(direction))
      .send({ decision: 'accompagnement', typeAccompagnement: 'professionnel', ...corps });

  it('oriente vers la structure dans son délai, la structure désigne l’un de ses référents, et voit ce parcours seulement', async () => {
    const parcoursId = await ouvrir();
    const autre = await ouvrir();
    for (const [structureId, attendu] of [
      [echue, /ne reçoit pas d’orientation/],
      ['structure-inconnue', /ne reçoit pas d’orientation/],
    ] as const) {
      const refus = await orienter(parcoursId, { structureId }).expect(400);
      expect(refus.body.erreur.champs).toEqual([{ champ: 'structureId', message: expect.stringMatching(attendu) }]);
    }
    const oriente = await orienter(parcoursId, { structureId: structure }).expect(200);
    expect(oriente.body).toMatchObject({ etape: 'designation', structureId: structure });
    const ligne = await s.db.parcours.findUniqueOrThrow({ where: { id: parcoursId } });
    expect(ligne.structureId).toBe(structure);
    const designation = (ligne.echeances as { code: string; depuis: string; due: string }[]).find(
      (x) => x.code === 'designation',
    )!;
    expect((Date.parse(designation.due) - Date.parse(designation.depuis)) / 86_400_000).toBe(10);

    // The structure's responsable: its own référents proposed, nothing of another structure or of the département.
    const propositions = await request(s.app)
      .get(`/structures/${structure}/referents`)
      .set(comme(responsable))
      .expect(200);
    expect(propositions.body.map((p: { agentId: string }) => p.agentId)).toEqual([referent]);
    await request(s.app).get(`/structures/${echue}/referents`).set(comme(responsable)).expect(404);
    await request(s.app).get(`/parcours/${autre}`).set(comme(responsable)).expect(404);
    const liste = await request(s.app).get('/parcours').set(comme(responsable)).expect(200);
    expect(liste.body.items.map((p: { id: string }) => p.id)).toEqual([parcoursId]);
    expect(liste.body.items[0].noms.structure).toBe(`France Travail Gien ${id}`);

    // Only the structure's référents: a référent of the département is refused, whoever designates.
    const refus = await request(s.app)
      .post(`/parcours/${parcoursId}/referent`)
      .set(comme(direction))
      .send({ referentId: referentDepartement, accordUsager: true })
      .expect(400);
    expect(refus.body.erreur.champs).toEqual([
      { champ: 'referentId', message: 'Ce référent n’est pas un référent actif de la structure qui suit le parcours.' },
    ]);
    await request(s.app)
      .post(`/parcours/${parcoursId}/referent`)
      .set(comme(responsable))
      .send({ referentId: referent, accordUsager: true })
      .expect(200);
    const suivi = (await request(s.app).get(`/parcours/${parcoursId}`).set(comme(referent)).expect(200))
      .body as ParcoursDetail;
    expect(suivi).toMatchObject({ etape: 'accompagnement', referentId: referent });
    const noms = suivi.evenements.map((e) => [e.type, e.noms]);
    expect(noms).toContainEqual([
      'orientation',
      { structure: `France Travail Gien ${id}`, referent: null, equipe: null },
    ]);
    expect(noms).toContainEqual([
      'designation_referent',
      { structure: null, referent: `Marc France Travail ${id}`, equipe: null },
    ]);
    await request(s.app).get(`/parcours/${autre}`).set(comme(referent)).expect(404);
  });

  it('les relances de désignation vont aux agents actifs de la structure', async () => {
    const adresses = await annuaireDepuisDb(s.db)({ role: 'structure', structureId: structure });
    expect(adresses.sort()).toEqual([`${referent}@francetravail.invalid`, `${responsable}@francetravail.invalid`]);
  });
});
