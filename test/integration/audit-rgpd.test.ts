/**
 * Access journal (who read or wrote which usager's data, when, from where; administrators only; append-only,
 * down to the database), export of everything held on one usager, and the RGPD retention run.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { startStack, type Stack } from '../support/stack';
import { comme, nouvelAgent } from '../support/parcours';
import { chargerReferentiel } from '../../imports/referentiel';
import { retentionWorkflow } from '../../workflows/retention';
import { planifierRetention } from '../../worker/planification';

const equipe = 'loiret-t17-ep';
const agents = {
  accueil: `${equipe}-accueil`,
  evaluateur: `${equipe}-eval`,
  cadre: `${equipe}-cadre`,
  ailleurs: 'loiret-t16-ep-cadre',
};
const accueil = { besoins: [{ domaine: 'logement' }], urgence: false, consentement: true };
const evaluation = {
  diagnostic: [{ domaine: 'logement', constat: 'Constat confidentiel', besoinAccompagnement: true }],
  synthese: 'Synthèse confidentielle',
  conclusion: 'orientation',
};

describe('Journal des accès et RGPD', () => {
  let s: Stack;
  let admin: string;
  const api = (agent: string) => ({
    get: (chemin: string) => request(s.app).get(chemin).set(comme(agent)),
    post: (chemin: string, corps: object) => request(s.app).post(chemin).set(comme(agent)).send(corps),
  });
  const ouvrir = async (nom: string) => {
    const r = await api(agents.accueil).post('/parcours', {
      usager: {
        nom,
        prenom: 'Camille',
        email: `${nom.toLowerCase()}@exemple.invalid`,
        telephone: '0600000000',
        dateNaissance: '1980-02-03',
        communeCode: '45208',
      },
      accueil,
      routage: { territoireId: 'loiret-t17', equipeId: equipe, motif: 'Suivi par cette équipe' },
    });
    expect(r.status).toBe(201);
    return r.body as { id: string; usagerId: string };
  };

  beforeAll(async () => {
    s = await startStack();
    await chargerReferentiel(s.db);
    admin = await nouvelAgent(s.db, ['administrateur'], null, 'admin-rgpd');
  });
  afterAll(async () => {
    await s.stop();
  });

  it('journalise lectures, écritures et refus (qui, quoi, quand, quel usager, d’où), consultables par l’administrateur seul', async () => {
    const p = await ouvrir('Journal');
    expect((await api(agents.evaluateur).post(`/parcours/${p.id}/evaluation`, evaluation)).status).toBe(200);
    expect((await api(agents.cadre).get(`/usagers/${p.usagerId}/dossier`)).status).toBe(200);
    expect((await api(agents.ailleurs).get(`/parcours/${p.id}`)).status).toBe(404);

    const r = await api(admin).get(`/audit?usagerId=${p.usagerId}`);
    expect(r.status).toBe(200);
    const lignes = (r.body.items as Array<Record<string, unknown>>).map(
      ({ agentId, operation, route, statut, usagers, ip, moyen }) => ({
        agentId,
        operation,
        route,
        statut,
        usagers,
        ip,
        moyen,
      }),
    );
    const attendu = (agentId: string, operation: string, route: string, statut: number): unknown =>
      expect.objectContaining({
        agentId,
        operation,
        route,
        statut,
        usagers: [p.usagerId],
        ip: expect.stringMatching(/127\.0\.0\.1/),
        moyen: 'dev',
      });
    expect(lignes).toEqual(
      expect.arrayContaining([
        attendu(agents.accueil, 'ecriture', 'POST /parcours', 201),
        attendu(agents.evaluateur, 'ecriture', 'POST /parcours/:id/evaluation', 200),
        attendu(agents.cadre, 'lecture', 'GET /usagers/:id/dossier', 200),
      ]),
    );
    // The refused attempt is journaled too, without naming the usager (nothing was found for that agent).
    const refus = await api(admin).get(`/audit?agentId=${agents.ailleurs}`);
    expect(refus.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ route: 'GET /parcours/:id', statut: 404, chemin: `/parcours/${p.id}` }),
      ]),
    );
    // Only administrators read the journal.
    expect((await api(agents.cadre).get('/audit')).status).toBe(403);
  });

  it('ne peut être modifié ni par l’API (aucune route) ni en base (déclencheur)', async () => {
    const doc = await request(s.app).get('/openapi.json');
    expect(Object.keys(doc.body.paths['/audit'] as object)).toEqual(['get']);
    for (const methode of ['put', 'patch', 'delete'] as const) {
      expect((await request(s.app)[methode]('/audit').set(comme(admin)).send({})).status).toBe(405);
      expect((await request(s.app)[methode]('/audit/1').set(comme(admin)).send({})).status).toBe(404);
    }
    const avant = await s.db.auditAcces.count();
    expect(avant).toBeGreaterThan(0);
    await expect(s.db.auditAcces.updateMany({ data: { agentId: 'falsifie' } })).rejects.toThrow(/ajout seul/);
    await expect(s.db.auditAcces.deleteMany({})).rejects.toThrow(/ajout seul/);
    await expect(s.db.$executeRawUnsafe('TRUNCATE "AuditAcces"')).rejects.toThrow(/ajout seul/);
    expect(await s.db.auditAcces.count()).toBeGreaterThanOrEqual(avant);
    expect(await s.db.auditAcces.count({ where: { agentId: 'falsifie' } })).toBe(0);
  });

  it('exporte tout ce qui est détenu sur un usager (droit d’accès), pour l’administrateur, et le journalise', async () => {
    const p = await ouvrir('Export');
    await api(agents.evaluateur).post(`/parcours/${p.id}/evaluation`, evaluation);
    expect((await api(agents.cadre).get(`/usagers/${p.usagerId}/export`)).status).toBe(403);
    const r = await api(admin).get(`/usagers/${p.usagerId}/export`);
    expect(r.status).toBe(200);
    expect(r.body.usager).toMatchObject({
      id: p.usagerId,
      nom: 'Export',
      email: 'export@exemple.invalid',
      telephone: '0600000000',
      dateNaissance: '1980-02-03',
    });
    expect(r.body.parcours).toHaveLength(1);
    expect(r.body.parcours[0].evenements.map((e: { type: string }) => e.type)).toEqual(['accueil', 'evaluation']);
    expect(r.body.parcours[0].evenements[1].donnees.synthese).toBe('Synthèse confidentielle');
    expect(r.body.acces.map((a: { route: string }) => a.route)).toEqual(
      expect.arrayContaining(['POST /parcours', 'POST /parcours/:id/evaluation']),
    );
    expect((await api(admin).get(`/usagers/${randomUUID()}/export`)).status).toBe(404);
    const journal = await api(admin).get(`/audit?usagerId=${p.usagerId}&agentId=${admin}`);
    expect(journal.body.items[0]).toMatchObject({
      route: 'GET /usagers/:id/export',
      operation: 'lecture',
      statut: 200,
    });
  });

  it('anonymise un dossier clos depuis plus que la durée de conservation, garde les statistiques, ne touche pas aux dossiers ouverts', async () => {
    const clos = await ouvrir('Retenu');
    await api(agents.evaluateur).post(`/parcours/${clos.id}/evaluation`, { ...evaluation, conclusion: 'repondu' });
    const ouvert = await ouvrir('Ouvert');
    await api(agents.evaluateur).post(`/parcours/${ouvert.id}/evaluation`, evaluation);
    // Same person, one parcours closed and one still open: the dossier is kept whole.
    const mixte = await ouvrir('Mixte');
    await api(agents.evaluateur).post(`/parcours/${mixte.id}/evaluation`, { ...evaluation, conclusion: 'repondu' });
    expect((await api(agents.accueil).post('/parcours', { usagerId: mixte.usagerId, accueil })).status).toBe(201);
    const avant = await s.db.parcours.findUniqueOrThrow({
      where: { id: clos.id },
      include: { evenements: { orderBy: { seq: 'asc' } } },
    });
    expect(avant.statut).toBe('clos');

    const executer = (moisPlusTard: number) => {
      const maintenant = new Date();
      maintenant.setUTCMonth(maintenant.getUTCMonth() + moisPlusTard);
      return s.client.workflow.execute(retentionWorkflow, {
        taskQueue: s.taskQueue,
        workflowId: `retention-test-${randomUUID()}`,
        args: [{ departement: 'loiret', conservationMois: 24, maintenant: maintenant.toISOString() }],
      });
    };
    // 23 months after the clôture: still within the retention period.
    await executer(23);
    expect(await s.db.usager.findUniqueOrThrow({ where: { id: clos.usagerId } })).toMatchObject({
      nom: 'Retenu',
      anonymiseLe: null,
    });

    // Known from a partner's list too: its numbers are identifying data as well.
    await s.db.usager.update({
      where: { id: clos.usagerId },
      data: { numeroAllocataire: `R${clos.usagerId.slice(0, 8)}`, roleAllocataire: 'DEM' },
    });
    // Agents' sessions end by the clock, whatever the run's date: a live one stays, an expired one goes.
    const [vivante, echue] = [randomUUID(), randomUUID()];
    await s.db.sessionAgent.createMany({
      data: [
        { sid: vivante, sess: {}, expire: new Date(Date.now() + 3_600_000) },
        { sid: echue, sess: {}, expire: new Date(Date.now() - 1000) },
      ],
    });
    const bilan = await executer(25);
    expect(bilan.usagersAnonymises).toBeGreaterThanOrEqual(1);
    expect(bilan.sessionsPurgees).toBeGreaterThanOrEqual(1);
    expect(await s.db.sessionAgent.count({ where: { sid: { in: [vivante, echue] } } })).toBe(1);
    expect(await s.db.sessionAgent.count({ where: { sid: vivante } })).toBe(1);
    const u = await s.db.usager.findUniqueOrThrow({ where: { id: clos.usagerId } });
    expect(u).toMatchObject({
      nom: 'Anonyme',
      prenom: 'Anonyme',
      email: null,
      telephone: null,
      dateNaissance: null,
      communeCode: null,
      numeroAllocataire: null,
      roleAllocataire: null,
    });
    expect(u.anonymiseLe).not.toBeNull();
    const apres = await s.db.parcours.findUniqueOrThrow({
      where: { id: clos.id },
      include: { evenements: { orderBy: { seq: 'asc' } } },
    });
    // Statistics kept: the parcours, its territoire, besoins, dates, motif, and the timeline's types and dates.
    expect(apres).toMatchObject({
      territoireId: avant.territoireId,
      equipeId: avant.equipeId,
      besoins: avant.besoins,
      motifCloture: avant.motifCloture,
      closLe: avant.closLe,
    });
    expect(apres.evenements.map((e) => [e.type, e.survenuLe.getTime()])).toEqual(
      avant.evenements.map((e) => [e.type, e.survenuLe.getTime()]),
    );
    expect(apres.evenements.every((e) => JSON.stringify(e.donnees) === '{}')).toBe(true);

    for (const intact of [ouvert, mixte]) {
      const v = await s.db.usager.findUniqueOrThrow({ where: { id: intact.usagerId } });
      expect(v.anonymiseLe).toBeNull();
      expect(v.nom).not.toBe('Anonyme');
    }
    const evalOuvert = await s.db.parcoursEvenement.findFirstOrThrow({
      where: { parcoursId: ouvert.id, type: 'evaluation' },
    });
    expect(evalOuvert.donnees).toMatchObject({ synthese: 'Synthèse confidentielle' });
    // Safe to run again: nothing more to do for that person.
    await executer(25);
    expect((await s.db.usager.findUniqueOrThrow({ where: { id: clos.usagerId } })).anonymiseLe).toEqual(u.anonymiseLe);
  });

  it('planifie la rétention chaque nuit par un Schedule Temporal (pas de cron), mis à jour s’il existe déjà', async () => {
    const taskQueue = `planification-${randomUUID()}`;
    const departement = 'loiret';
    const id = await planifierRetention(s.client, { departement, taskQueue });
    await planifierRetention(s.client, { departement, taskQueue });
    const d = await s.client.schedule.getHandle(id).describe();
    expect(d.action).toMatchObject({
      type: 'startWorkflow',
      workflowType: 'retentionWorkflow',
      taskQueue,
      args: [{ departement, conservationMois: 24 }],
    });
    expect(d.spec.calendars?.[0]).toMatchObject({ hour: [{ start: 3, end: 3, step: 1 }] });
    await s.client.schedule.getHandle(id).delete();
  });
});
