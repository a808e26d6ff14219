/**
 * An activity that fails for a reason no retry can fix marks the parcours as an incident, shown on the cadre's
 * board (and in the timeline), instead of retrying silently for ever: PostgreSQL refusing a projection's data,
 * a mail server refusing a message for good. The reconciliation then repairs the row.
 */
import request from 'supertest';
import { createSmtpMailer } from '../../infra/mailer';
import { startSmtpSink, type MessageRecu, type RunningSmtp } from '../../infra/smtp-sink';
import { reconcilier } from '../../lecture/reconciliation';
import { attendre } from '../support/attendre';
import { comme, nouvelleEquipe } from '../support/parcours';
import { startStack, type Stack } from '../support/stack';

const accueil = { besoins: [{ domaine: 'logement' }], urgence: false, consentement: true };
const evaluation = {
  diagnostic: [{ domaine: 'logement', constat: 'Hébergé chez un tiers', besoinAccompagnement: true }],
  synthese: 'Orientation vers un accompagnement social',
  conclusion: 'orientation',
};

describe('Incidents : un échec définitif est signalé au cadre', () => {
  let s: Stack;
  let smtp: RunningSmtp;
  let mailer: ReturnType<typeof createSmtpMailer>;
  let equipe: Awaited<ReturnType<typeof nouvelleEquipe>>;
  const recus: MessageRecu[] = [];
  beforeAll(async () => {
    // A mail server that refuses the évaluateurs' mailbox for good (550), and takes the rest.
    smtp = await startSmtpSink((m) => {
      if (m.a.some((a) => a.startsWith('evaluateur-')))
        return Promise.reject(Object.assign(new Error('Boîte inconnue'), { responseCode: 550 }));
      recus.push(m);
    });
    mailer = createSmtpMailer(smtp.url, 'test@parcours-solidarites.invalid');
    s = await startStack({ deps: { mailer } });
    equipe = await nouvelleEquipe(s.db);
  });
  afterAll(async () => {
    await s.stop();
    mailer.fermer();
    await smtp.stop();
  });

  const ouvrir = async () => {
    const r = await request(s.app)
      .post('/parcours')
      .set(comme(equipe.agents.accueil))
      .send({
        usager: { nom: 'Incident', prenom: 'Essai' },
        accueil,
        routage: { territoireId: equipe.territoireId, equipeId: equipe.equipeId, motif: 'Essai d’incident' },
      });
    expect(r.status).toBe(201);
    return r.body.id as string;
  };
  const enIncident = async () =>
    (
      await request(s.app)
        .get('/parcours')
        .set(comme(equipe.agents.cadre))
        .query({ enIncident: 'true', ouverts: 'true', equipeId: equipe.equipeId })
    ).body as { items: Array<{ id: string; etape: string; incident: { message: string } | null }> };
  const chronologie = async (id: string) =>
    (await request(s.app).get(`/parcours/${id}`).set(comme(equipe.agents.cadre))).body.evenements as Array<{
      type: string;
      donnees: Record<string, unknown>;
    }>;

  it('projection refusée par PostgreSQL : l’action répond, le parcours passe en incident, la réconciliation répare', async () => {
    const id = await ouvrir();
    // A rule PostgreSQL enforces and the projection breaks (23514), for this équipe's parcours only: the
    // database refuses the orientation step's row, whatever the retries.
    const contrainte = `incident_${equipe.equipeId.replace(/\W/g, '_')}`;
    await s.db.$executeRawUnsafe(
      `ALTER TABLE "Parcours" ADD CONSTRAINT "${contrainte}" CHECK ("equipeId" IS DISTINCT FROM '${equipe.equipeId}' OR "etape" <> 'orientation') NOT VALID`,
    );
    try {
      const debut = Date.now();
      const r = await request(s.app)
        .post(`/parcours/${id}/evaluation`)
        .set(comme(equipe.agents.evaluateur))
        .send(evaluation);
      // Answered at once with the workflow's state (the truth): no retry loop behind it.
      expect([r.status, r.body.etape]).toEqual([200, 'orientation']);
      expect(Date.now() - debut).toBeLessThan(8_000);

      // On the cadre's list (the board's « Incidents techniques »): the row still at its former step.
      const liste = await enIncident();
      expect(liste.items).toEqual([
        expect.objectContaining({
          id,
          etape: 'evaluation',
          incident: expect.objectContaining({ message: expect.stringContaining('n’a pas pu être mis à jour') }),
        }),
      ]);
      expect((await chronologie(id)).map((e) => e.type)).toEqual(['accueil', 'incident']);
      expect((await chronologie(id))[1]!.donnees).toEqual({
        activite: 'projection',
        objet: 'evaluation',
        cause: 'Données refusées par PostgreSQL (23514).',
      });
    } finally {
      await s.db.$executeRawUnsafe(`ALTER TABLE "Parcours" DROP CONSTRAINT "${contrainte}"`);
    }

    // IT, once the cause is fixed: the reconciliation reports the row and rewrites it from the workflow.
    const requete = `WorkflowId = 'parcours-${id}'`;
    const ecarts = await attendre(async () => {
      const r = await reconcilier({ db: s.db, temporal: s.client, requete });
      return r.compares === 1 && r.ecarts;
    }, 'le parcours visible de la réconciliation');
    expect(ecarts.map((e) => e.champ)).toEqual(['etape', 'echeance', 'incident']);
    await reconcilier({ db: s.db, temporal: s.client, requete, reparer: true });
    expect((await reconcilier({ db: s.db, temporal: s.client, requete })).ecarts).toEqual([]);
    expect((await enIncident()).items).toEqual([]);
  });

  it('message refusé pour de bon par le serveur de courriel : marqué en échec, incident, les autres partent', async () => {
    const id = await ouvrir();
    const r = await request(s.app)
      .post(`/parcours/${id}/relance`)
      .set(comme(equipe.agents.cadre))
      .send({ message: 'Merci de prévoir l’évaluation.' });
    expect(r.status).toBe(200);
    const liste = await attendre(async () => {
      const l = await enIncident();
      return l.items.some((p) => p.id === id) && l;
    }, 'l’incident de livraison');
    expect(liste.items.find((p) => p.id === id)!.incident!.message).toContain('n’a pas pu être remis');
    const journal = await request(s.app).get(`/parcours/${id}/messages`).set(comme(equipe.agents.cadre));
    // The person's own messages (their link) are not this test's: only the refused reminder.
    expect(journal.body.items.filter((m: { modele: string }) => m.modele !== 'lien_parcours')).toEqual([
      expect.objectContaining({ modele: 'relance_manuelle', statut: 'echec', tentatives: 1 }),
    ]);
    expect((await chronologie(id)).map((e) => e.type)).toEqual(['accueil', 'relance_manuelle', 'incident']);
  });
});
