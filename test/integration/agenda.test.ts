/**
 * "Mon agenda" through the API, on the real Temporal and PostgreSQL: parcours brought to accompagnement, rendez-vous
 * planned by the référente and by the cadre; each agent reads the ones that are theirs (planned by them, or on the
 * parcours they follow), in the order of time whatever offset they were written with, with names, paged; past ones
 * only through a period; another territoire's agents see none; a change of référent moves them, an intérim has
 * them while the référente is away; the .ics file.
 */
import request from 'supertest';
import { startStack, type Stack } from '../support/stack';
import { comme } from '../support/parcours';
import { attendre } from '../support/attendre';
import {
  avecDecalage,
  dansJours,
  enAccompagnement,
  equipeNommee,
  jourParis,
  referentNomme,
  type Poster,
} from '../support/agenda';
import type { AgendaRendezVous } from '../../api/contrat';

const JOUR = 86_400_000;

describe('Mon agenda (API)', () => {
  let s: Stack;
  let A: Awaited<ReturnType<typeof equipeNommee>>;
  let B: Awaited<ReturnType<typeof equipeNommee>>;
  let nadia: { parcoursId: string; usagerId: string };
  let lea: { parcoursId: string; usagerId: string };
  let passe: Date;

  const post: Poster = async (chemin, corps, agent) => {
    const r = await request(s.app).post(chemin).set(comme(agent)).send(corps);
    if (r.status >= 300) throw new Error(`${chemin} : ${r.status} ${JSON.stringify(r.body)}`);
    return r.body as { id: string; usagerId?: string };
  };
  const agenda = async (agent: string, query: Record<string, string | number> = {}) => {
    const r = await request(s.app).get('/agenda/rendez-vous').query(query).set(comme(agent));
    expect(r.status).toBe(200);
    return r.body as AgendaRendezVous;
  };
  const rendezVous = (parcoursId: string, agent: string, le: string, lieu: string, objet: string) =>
    post(`/parcours/${parcoursId}/rendez-vous`, { le, lieu, objet }, agent);

  beforeAll(async () => {
    s = await startStack();
    A = await equipeNommee(s.db, {
      cadre: ['Marc', 'Lefebvre'],
      evaluateur: ['Sophie', 'Martin'],
      referent: ['Claire', 'Dubois'],
    });
    B = await equipeNommee(s.db, { cadre: ['Paul', 'Girard'], referent: ['Julien', 'Morel'] });
    nadia = await enAccompagnement(post, A, { prenom: 'Nadia', nom: 'Benali' });
    lea = await enAccompagnement(post, A, { prenom: 'Léa', nom: 'Garnier' });
    const autre = await enAccompagnement(post, B, { prenom: 'Karim', nom: 'Haddad' });

    // The cadre plans one for the référente's person; she plans two more. Léa's is written at +03:00: 12:00 UTC,
    // before Nadia's 13:00 UTC although its text ("T15:00") sorts after.
    await rendezVous(nadia.parcoursId, A.agents.cadre, dansJours(1, 8).toISOString(), 'Maison du Département', 'Bilan');
    await rendezVous(
      nadia.parcoursId,
      A.agents.referent,
      dansJours(3, 13).toISOString(),
      'CCAS de Gien',
      'Dossier logement',
    );
    await rendezVous(lea.parcoursId, A.agents.referent, avecDecalage(dansJours(3, 12), 3), 'À domicile', 'Visite');
    await rendezVous(autre.parcoursId, B.agents.referent, dansJours(2, 9).toISOString(), 'MDS Montargis', 'Contrat');
    // One about to pass: hidden once past, unless a period asks for it.
    passe = new Date(Date.now() + 3_000);
    await rendezVous(lea.parcoursId, A.agents.referent, passe.toISOString(), 'Maison du Département', 'Appel');
    await new Promise((r) => setTimeout(r, Math.max(0, passe.getTime() - Date.now() + 200)));
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('donne à la référente ses rendez-vous à venir dans l’ordre du temps, avec les noms, sans les passés', async () => {
    const d = await agenda(A.agents.referent);
    expect(d.total).toBe(3);
    expect(d.au).toBeNull();
    expect(d.items.map((x) => [x.personne, x.objet, x.planifiePar])).toEqual([
      ['Nadia Benali', 'Bilan', 'Marc Lefebvre'],
      ['Léa Garnier', 'Visite', 'Claire Dubois'],
      ['Nadia Benali', 'Dossier logement', 'Claire Dubois'],
    ]);
    expect(d.items[1]).toMatchObject({
      le: dansJours(3, 12).toISOString(),
      lieu: 'À domicile',
      usagerId: lea.usagerId,
      parcoursId: lea.parcoursId,
      referent: 'Claire Dubois',
      interim: false,
      etape: 'accompagnement',
      statut: 'actif',
    });
    // Every person read is in the access journal.
    const journal = await attendre(() =>
      s.db.auditAcces.findFirst({
        where: { agentId: A.agents.referent, route: 'GET /agenda/rendez-vous' },
        orderBy: { id: 'desc' },
      }),
    );
    expect(new Set(journal.usagers)).toEqual(new Set([nadia.usagerId, lea.usagerId]));
  });

  it('donne au cadre et à l’évaluatrice ceux qu’ils ont planifiés, pas ceux du territoire', async () => {
    const cadre = await agenda(A.agents.cadre);
    expect(cadre.items.map((x) => [x.personne, x.objet])).toEqual([['Nadia Benali', 'Bilan']]);
    expect((await agenda(A.agents.evaluateur)).total).toBe(0);
  });

  it('ne montre rien d’un autre territoire, ni aux agents d’un autre territoire', async () => {
    for (const agent of [B.agents.cadre, B.agents.referent, B.agents.evaluateur]) {
      const d = await agenda(agent, { du: jourParis(new Date()) });
      const texte = JSON.stringify(d);
      for (const x of [nadia.parcoursId, lea.parcoursId, nadia.usagerId, 'Nadia', 'Léa'])
        expect(texte).not.toContain(x);
    }
    expect((await agenda(B.agents.referent)).items.map((x) => x.personne)).toEqual(['Karim Haddad']);
    expect((await agenda(A.agents.referent)).items.map((x) => x.personne)).not.toContain('Karim Haddad');
    // Accueil and administrators have no agenda.
    for (const agent of [A.agents.accueil, A.agents.administrateur, A.agents.partenaire])
      expect((await request(s.app).get('/agenda/rendez-vous').set(comme(agent))).status).toBe(403);
  });

  it('montre les passés sur une période, refuse une période à l’envers, et pagine', async () => {
    const aujourdHui = jourParis(new Date());
    const periode = await agenda(A.agents.referent, { du: aujourdHui, au: jourParis(dansJours(1, 12)) });
    expect(periode.items.map((x) => x.objet)).toEqual(['Appel', 'Bilan']);
    expect(periode.items[0]!.le).toBe(passe.toISOString());

    const envers = await request(s.app)
      .get('/agenda/rendez-vous')
      .query({ du: jourParis(dansJours(5, 12)), au: aujourdHui })
      .set(comme(A.agents.referent));
    expect(envers.status).toBe(400);
    expect(envers.body.erreur.champs).toEqual([
      { champ: 'query.au', message: 'La fin de la période précède son début.' },
    ]);

    const page = await agenda(A.agents.referent, { limit: 1, offset: 1 });
    expect(page.total).toBe(3);
    expect(page.items.map((x) => x.objet)).toEqual(['Visite']);
  });

  it('donne les rendez-vous en iCalendar', async () => {
    const r = await request(s.app).get('/agenda/rendez-vous.ics').set(comme(A.agents.referent));
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/calendar/);
    expect(r.text.match(/BEGIN:VEVENT/g)).toHaveLength(3);
    expect(r.text).toContain('SUMMARY:Rendez-vous avec Nadia Benali');
    expect(r.text).toContain(`DTSTART:${dansJours(3, 12).toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`);
  });

  it('suit le changement de référent : les rendez-vous passent à la nouvelle référente', async () => {
    const nouvelle = await referentNomme(s.db, A.equipeId, 'Inès', 'Roussel');
    await post(
      `/parcours/${nadia.parcoursId}/referent/changement`,
      { referentId: nouvelle, motif: 'Rapprochement du domicile' },
      A.agents.cadre,
    );
    expect((await agenda(nouvelle)).items.map((x) => x.objet)).toEqual(['Bilan', 'Dossier logement']);
    // Claire no longer follows Nadia: not even the one she planned herself (she no longer sees the parcours).
    expect((await agenda(A.agents.referent)).items.map((x) => x.personne)).toEqual(['Léa Garnier']);
  });

  it('donne à l’intérim les rendez-vous des personnes de la référente absente, le temps de l’absence', async () => {
    const hugo = await referentNomme(s.db, A.equipeId, 'Hugo', 'Lambert');
    const absence = await request(s.app)
      .post('/absences')
      .set(comme(A.agents.cadre))
      .send({
        agentId: A.agents.referent,
        interimId: hugo,
        du: new Date(Date.now() - 3_600_000).toISOString(),
        au: new Date(Date.now() + 21 * JOUR).toISOString(),
        motif: 'conge',
      });
    expect(absence.status).toBe(201);
    await attendre(
      async () => (await s.db.parcours.findUniqueOrThrow({ where: { id: lea.parcoursId } })).interimId === hugo,
      'l’intérim en place',
    );
    expect((await agenda(hugo)).items).toEqual([
      expect.objectContaining({
        personne: 'Léa Garnier',
        objet: 'Visite',
        planifiePar: 'Claire Dubois',
        referent: 'Claire Dubois',
        interim: true,
      }),
    ]);
    const annulee = await request(s.app)
      .patch(`/absences/${absence.body.id as string}`)
      .set(comme(A.agents.cadre))
      .send({ annulee: true });
    expect(annulee.status).toBe(200);
    await attendre(
      async () => (await s.db.parcours.findUniqueOrThrow({ where: { id: lea.parcoursId } })).interimId === null,
      'le parcours rendu à sa référente',
    );
    expect((await agenda(hugo)).total).toBe(0);
  });
});
