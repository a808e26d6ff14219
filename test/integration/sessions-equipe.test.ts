/**
 * A session of the équipe pluridisciplinaire from end to end, its worker in a process of its own and killed
 * (SIGKILL) while the closing applies the decisions: convocations, decisions, the PV's text, each parcours at its
 * new step once, each person notified once. Then the convocation délai, days long, on the time-skipping server.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Membre } from '../../infra/processes';
import { attendre } from '../support/attendre';
import { comme, nouvelleEquipe, nouvelUsager } from '../support/parcours';
import { lancerWorker } from '../support/pannes';
import { requireEnv, startStack, type Stack } from '../support/stack';
import { startTimeSkipping } from '../support/time-skipping';
import {
  WORKFLOWS,
  ajouterDossierUpdate,
  cloturerSessionUpdate,
  statutSessionQuery,
  workflowIdSession,
} from '../../workflows/messages';
import type { sessionEquipeWorkflow } from '../../workflows/session-equipe';
import { chargerIdentite } from '../../config/identite';
import { lettreSessionPdf } from '../../lecture/sessions';
import { binaire, piecesPdf, textePdf } from '../support/pdf';

const texte = textePdf;
const N = 12;

describe('Session de l’équipe pluridisciplinaire', () => {
  let s: Stack;
  let worker: Membre;
  let equipe: Awaited<ReturnType<typeof nouvelleEquipe>>;
  const demarrerWorker = async () => {
    worker = await lancerWorker({
      databaseUrl: requireEnv('TEST_DATABASE_URL'),
      smtpUrl: s.smtpUrl,
      taskQueue: s.taskQueue,
    });
  };
  beforeAll(async () => {
    s = await startStack({ sansWorker: true });
    await demarrerWorker();
    equipe = await nouvelleEquipe(s.db);
  }, 120_000);
  afterAll(async () => {
    await worker?.kill();
    await s?.stop();
  });

  const api = (agent: string) => ({
    post: (chemin: string, corps: object, cle = randomUUID()) =>
      request(s.app).post(chemin).set(comme(agent)).set('Idempotency-Key', cle).send(corps),
    put: (chemin: string, corps: object) =>
      request(s.app).put(chemin).set(comme(agent)).set('Idempotency-Key', randomUUID()).send(corps),
    get: (chemin: string) => request(s.app).get(chemin).set(comme(agent)),
    pdf: (chemin: string) => request(s.app).get(chemin).set(comme(agent)).buffer(true).parse(binaire),
  });

  /** A parcours at the orientation step, waiting for the équipe's decision. */
  async function aOrienter(i: number): Promise<string> {
    const ouvert = await api(equipe.agents.accueil).post('/parcours', {
      usager: {
        nom: `Session${String.fromCharCode(65 + i)}`,
        prenom: 'Camille',
        email: `personne-${i}@exemple.invalid`,
      },
      accueil: { besoins: [{ domaine: 'insertion_emploi' }], urgence: false, consentement: true },
      routage: { territoireId: equipe.territoireId, equipeId: equipe.equipeId, motif: 'Équipe de la session' },
    });
    expect(ouvert.status).toBe(201);
    const evalue = await api(equipe.agents.evaluateur).post(`/parcours/${ouvert.body.id}/evaluation`, {
      diagnostic: [{ domaine: 'insertion_emploi', constat: 'Sans emploi', besoinAccompagnement: true }],
      synthese: 'Orientation à décider en équipe',
      conclusion: 'orientation',
    });
    expect([evalue.status, evalue.body.etape]).toEqual([200, 'orientation']);
    return ouvert.body.id as string;
  }

  it(`${N} dossiers : convocations, décisions, PV, chaque parcours à sa nouvelle étape, chacun notifié une fois — worker tué pendant la clôture`, async () => {
    const cadre = api(equipe.agents.cadre);
    const membres = [equipe.agents.cadre, equipe.agents.evaluateur, equipe.agents.referent];
    const t0 = Date.now();
    const parcours: string[] = [];
    for (let i = 0; i < N; i++) parcours.push(await aOrienter(i));
    const tPrepares = Date.now();

    const planifiee = await cadre.post('/sessions', {
      equipeId: equipe.equipeId,
      le: new Date(Date.now() + 2 * 86_400_000).toISOString(),
      lieu: 'Maison du département, salle 2',
      membres,
    });
    expect(planifiee.status).toBe(201);
    const sessionId = planifiee.body.id as string;
    // 15 days ahead in the Loiret, the session is in 2: the convocations leave at once.
    expect(Date.parse(planifiee.body.convocationLe)).toBeLessThan(Date.now());

    for (const id of parcours)
      expect(
        (await cadre.post(`/sessions/${sessionId}/dossiers`, { parcoursId: id, nature: 'orientation' })).status,
      ).toBe(201);
    const refus = await cadre.post(`/sessions/${sessionId}/dossiers`, { parcoursId: parcours[0], nature: 'autre' });
    expect([refus.status, refus.body.erreur.champs[0].champ]).toEqual([400, 'nature']);

    // Each person convened once, by email (the outbox's delivery).
    const convocations = await attendre(
      async () => {
        const n = await s.db.notification.findMany({
          where: { parcoursId: { in: parcours }, modele: 'convocation_equipe' },
        });
        return n.length === N && n.every((x) => x.statut === 'envoye') && n;
      },
      'les convocations',
      60_000,
    );
    expect(new Set(convocations.map((c) => c.parcoursId)).size).toBe(N);
    const detail = (await cadre.get(`/sessions/${sessionId}`)).body;
    expect(detail.statut).toBe('convoquee');
    const convocationPdf = await cadre.pdf(`/sessions/${sessionId}/dossiers/${detail.items[0].id}/convocation`);
    expect(texte(convocationPdf.body)).toMatch(
      /Convocation à l’équipe pluridisciplinaire.*Maison du département, salle 2/,
    );

    // The session: presence, observations, decision; two external orientations.
    for (const [i, d] of (detail.items as { id: string }[]).entries()) {
      const r = await cadre.put(`/sessions/${sessionId}/dossiers/${d.id}`, {
        presence: i % 3 === 0 ? 'absent' : 'present',
        observations: i % 3 === 0 ? undefined : `Souhaite une formation (${i})`,
        decision:
          i < 2
            ? { decision: 'externe', organismeExterne: 'Mission locale', motif: 'Moins de 26 ans' }
            : { decision: 'accompagnement', typeAccompagnement: 'professionnel' },
      });
      expect(r.status).toBe(200);
    }
    const mauvaise = await cadre.put(`/sessions/${sessionId}/dossiers/${detail.items[0].id}`, {
      presence: 'present',
      decision: { decision: 'avis_favorable', motif: 'Sans objet' },
    });
    expect([mauvaise.status, mauvaise.body.erreur.champs[0].champ]).toEqual([400, 'decision.decision']);
    const sansQuorum = await cadre.post(`/sessions/${sessionId}/cloture`, { membresPresents: membres.slice(0, 2) });
    expect([sansQuorum.status, sansQuorum.body.erreur.champs[0].message]).toEqual([
      400,
      expect.stringMatching(/Quorum/),
    ]);

    const tSeance = Date.now();
    const cle = randomUUID();
    const close = await cadre.post(`/sessions/${sessionId}/cloture`, { membresPresents: membres }, cle);
    expect(close.status).toBe(200);
    // The worker dies while the decisions are being applied, and comes back a second later.
    const appliquees = await attendre(
      async () => {
        const n = await s.db.dossierSession.count({ where: { sessionId, issue: { not: null } } });
        return n >= 1 && n;
      },
      'une première décision appliquée',
      60_000,
    );
    await worker.kill();
    const tKill = Date.now();
    expect(appliquees).toBeLessThan(N);
    await new Promise((r) => setTimeout(r, 1000));
    await demarrerWorker();

    // The same closing replayed (same key) gets its answer; another one is refused: the session is closed.
    expect((await cadre.post(`/sessions/${sessionId}/cloture`, { membresPresents: membres }, cle)).status).toBe(200);
    expect((await cadre.post(`/sessions/${sessionId}/cloture`, { membresPresents: membres })).status).toBe(409);
    expect(
      (await cadre.put(`/sessions/${sessionId}/dossiers/${detail.items[0].id}`, { presence: 'present' })).status,
    ).toBe(409);

    await attendre(
      async () => (await s.db.sessionEquipe.findUniqueOrThrow({ where: { id: sessionId } })).statut === 'terminee',
      'la fin de la session',
      90_000,
    );
    const tFin = Date.now();
    const s_ = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    console.log(
      `Session de ${N} dossiers : parcours préparés en ${s_(tPrepares - t0)}, convocations et séance ${s_(tSeance - tPrepares)}, ` +
        `worker tué après ${appliquees} décisions appliquées, session terminée ${s_(tFin - tKill)} après (relance du worker comprise)`,
    );
    const lignes = await s.db.parcours.findMany({ where: { id: { in: parcours } } });
    expect(lignes.filter((p) => p.etape === 'cloture' && p.motifCloture === 'orientation_externe')).toHaveLength(2);
    expect(lignes.filter((p) => p.etape === 'designation' && p.typeAccompagnement === 'professionnel')).toHaveLength(
      N - 2,
    );
    const orientations = await s.db.parcoursEvenement.findMany({
      where: { parcoursId: { in: parcours }, type: 'orientation' },
    });
    expect(orientations.map((e) => e.parcoursId).sort()).toEqual([...parcours].sort());
    expect(orientations.every((e) => e.acteur === equipe.agents.cadre)).toBe(true);

    // Each person notified once: one decision message each, delivered, one email each.
    const decisions = await attendre(
      async () => {
        const n = await s.db.notification.findMany({
          where: { parcoursId: { in: parcours }, modele: 'decision_equipe' },
        });
        return n.length === N && n.every((x) => x.statut === 'envoye') && n;
      },
      'les notifications des décisions',
      60_000,
    );
    const recus = s.courriels
      .map((c) => /^Message-ID:\s*<([^@>]+)@/im.exec(c.brut)?.[1])
      .filter((k) => decisions.some((d) => d.cle === k) || convocations.some((d) => d.cle === k));
    expect(recus.length).toBe(2 * N);
    expect(new Set(recus).size).toBe(2 * N);

    const fin = (await cadre.get(`/sessions/${sessionId}`)).body;
    expect(fin.items.map((d: { issue: string }) => d.issue)).toEqual(Array(N).fill('appliquee'));
    const pv = texte((await cadre.pdf(`/sessions/${sessionId}/pv`)).body);
    expect(pv).toMatch(/Procès-verbal de la séance/);
    expect(pv).toMatch(/3 membres présents \(3 requis\)/);
    expect(pv).toMatch(new RegExp(`Dossiers examinés \\(${N}\\)`));
    for (let i = 0; i < N; i++) expect(pv).toContain(`Camille Session${String.fromCharCode(65 + i)}`);
    expect(pv).toMatch(/Orientation vers Mission locale\..*Motif : Moins de 26 ans/);
    expect(pv.match(/Orientation vers un accompagnement professionnel/g)).toHaveLength(N - 2);
    expect(pv).toContain('Souhaite une formation (1)');
    const lettre = texte((await cadre.pdf(`/sessions/${sessionId}/dossiers/${fin.items[0].id}/decision`)).body);
    expect(lettre).toMatch(/Décision de l’équipe pluridisciplinaire.*Orientation vers Mission locale/);

    // Each email to the person carries its letter as PDF, in the département's name and signed by its signatory.
    const { signataire } = chargerIdentite('loiret');
    expect(lettre).toContain(signataire.nom);
    const premier = fin.items[0] as { id: string; parcoursId: string; personne: string };
    const recu = (modele: string) => {
      const n = [...convocations, ...decisions].find(
        (x) => x.parcoursId === premier.parcoursId && x.modele === modele,
      )!;
      const c = s.courriels.find((m) => new RegExp(`^Message-ID:\\s*<${n.cle}@`, 'im').test(m.brut))!;
      return piecesPdf(c.brut);
    };
    for (const [modele, titre] of [
      ['convocation_equipe', /Convocation à l’équipe pluridisciplinaire/],
      ['decision_equipe', /Décision de l’équipe pluridisciplinaire.*Orientation vers Mission locale/],
    ] as const) {
      const pieces = recu(modele);
      expect(pieces).toHaveLength(1);
      expect(pieces[0]!.subarray(0, 5).toString()).toBe('%PDF-');
      const t = texte(pieces[0]!);
      expect(t).toMatch(titre);
      expect(t).toContain(premier.personne);
      expect(t).toContain(signataire.nom);
      expect(t).toContain(signataire.qualite);
    }
    // Drawn again from the same ids (a retried delivery), the letter is the same.
    const deNouveau = await lettreSessionPdf(s.db, premier.id, 'decision');
    expect(texte(deNouveau.contenu)).toBe(texte(recu('decision_equipe')[0]!));

    // The dossier lists the session's two letters, downloadable; the restricted view gets none.
    const liste = await cadre.get(`/parcours/${premier.parcoursId}/documents`);
    expect(liste.status).toBe(200);
    const lettres = (liste.body.items as { document: string; lien: string; session: { dossierId: string } | null }[])
      .filter((d) => d.session)
      .map((d) => [d.document, d.session!.dossierId]);
    expect(lettres).toEqual([
      ['convocation-equipe', premier.id],
      ['decision-equipe', premier.id],
    ]);
    const telechargee = await cadre.pdf(
      `/parcours/${premier.parcoursId}/documents/decision-equipe?session=${premier.id}`,
    );
    expect([telechargee.status, telechargee.headers['content-type']]).toEqual([200, 'application/pdf']);
    expect(texte(telechargee.body)).toBe(texte(deNouveau.contenu));
    const sansSession = await cadre.pdf(`/parcours/${premier.parcoursId}/documents/decision-equipe`);
    expect(sansSession.status).toBe(400);
  }, 240_000);

  it('hors de son territoire : 404 ; un référent lit sans décider (403)', async () => {
    const autre = await nouvelleEquipe(s.db);
    const r = await api(equipe.agents.cadre).post('/sessions', {
      equipeId: equipe.equipeId,
      le: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      lieu: 'Salle 1',
      membres: [equipe.agents.cadre],
    });
    expect(r.status).toBe(201);
    expect((await api(autre.agents.cadre).get(`/sessions/${r.body.id}`)).status).toBe(404);
    expect((await api(equipe.agents.referent).get(`/sessions/${r.body.id}`)).status).toBe(200);
    expect(
      (
        await api(equipe.agents.referent).post(`/sessions/${r.body.id}/cloture`, {
          membresPresents: [equipe.agents.cadre],
        })
      ).status,
    ).toBe(403);
    expect((await api(equipe.agents.cadre).get(`/sessions/${r.body.id}/pv`)).status).toBe(409);
  });
});

describe('Convocations au délai du département (serveur à saut de temps)', () => {
  it('les personnes sont convoquées 15 jours avant la session, pas avant', async () => {
    const ts = await startTimeSkipping();
    try {
      const equipe = await nouvelleEquipe(ts.db);
      const usagerId = await nouvelUsager(ts.db, 'convoquee@exemple.invalid');
      const sessionId = randomUUID();
      const le = new Date(Date.now() + 30 * 86_400_000);
      const convocationLe = new Date(le.getTime() - 15 * 86_400_000);
      await ts.db.sessionEquipe.create({
        data: {
          id: sessionId,
          departement: 'loiret',
          territoireId: equipe.territoireId,
          equipeId: equipe.equipeId,
          le,
          lieu: 'Salle du conseil',
          membres: [equipe.agents.cadre],
          quorum: 1,
          statut: 'planifiee',
          convocationLe,
          acteur: equipe.agents.cadre,
        },
      });
      const handle = await ts.env.client.workflow.start<typeof sessionEquipeWorkflow>(WORKFLOWS.sessionEquipe, {
        workflowId: workflowIdSession(sessionId),
        taskQueue: ts.taskQueue,
        args: [{ sessionId, convocationLe: convocationLe.toISOString(), quorum: 1, taskQueue: ts.taskQueue }],
      });
      const dossierId = randomUUID();
      await handle.executeUpdate(ajouterDossierUpdate, {
        args: [{ dossierId, parcoursId: randomUUID(), usagerId, nature: 'orientation' }],
      });
      const convocations = () =>
        ts.db.notification.findMany({ where: { cle: { contains: sessionId }, modele: 'convocation_equipe' } });
      await ts.env.sleep('14 days');
      expect(await convocations()).toHaveLength(0);
      expect(await handle.query(statutSessionQuery)).toBe('planifiee');
      await ts.env.sleep('2 days');
      await attendre(async () => (await convocations())[0]?.statut === 'envoye', 'la convocation', 30_000);
      expect(ts.courriels.some((c) => c.brut.includes('convoquee@exemple.invalid'))).toBe(true);
      // Closed without a decision: postponed, the person told so once.
      await handle.executeUpdate(cloturerSessionUpdate, {
        args: [{ acteur: equipe.agents.cadre, membresPresents: [equipe.agents.cadre] }],
      });
      await handle.result();
      const dossier = await ts.db.dossierSession.findUniqueOrThrow({ where: { id: dossierId } });
      expect(dossier.issue).toBe('ajourne');
      expect(
        await ts.db.notification.count({ where: { cle: { contains: sessionId }, modele: 'decision_equipe' } }),
      ).toBe(1);
    } finally {
      await ts.stop();
    }
  }, 120_000);
});
