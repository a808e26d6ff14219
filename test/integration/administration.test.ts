/**
 * The organisation administered in the product: agents created and changed by an administrator, each change
 * journaled with before and after; a deactivated agent's live session ends at once; bad input answered per field.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { startStack, type Stack } from '../support/stack';
import { comme, nouvelAgent, nouvelleEquipe } from '../support/parcours';
import type { AgentAdministre, HistoriqueAdministration } from '../../api/contrat';
import { chargerReferentiel } from '../../imports/referentiel';
import { importerOrganisation } from '../../imports/organisation';
import { chargerAgents, chargerOrganisation } from '../../config/organisation';
import { historique as historiqueDe } from '../../administration/journal';

describe('Administration des agents', () => {
  let s: Stack;
  let admin: string;
  let equipe: Awaited<ReturnType<typeof nouvelleEquipe>>;
  const nouveau = () => {
    const id = `admin-test-${randomUUID().slice(0, 8)}`;
    return {
      id,
      prenom: 'Inès',
      nom: 'Garnier',
      email: `${id}@loiret.invalid`,
      roles: ['referent'],
      equipeId: equipe.equipeId,
      pole: 'accompagnement',
      capacite: 40,
    };
  };
  const creer = (corps: object, agent = admin) =>
    request(s.app).post('/administration/agents').set(comme(agent)).send(corps);
  const modifier = (id: string, corps: object, agent = admin) =>
    request(s.app).patch(`/administration/agents/${id}`).set(comme(agent)).send(corps);
  const historique = async (id: string) =>
    (await request(s.app).get(`/administration/agents/${id}/historique`).set(comme(admin)).expect(200))
      .body as HistoriqueAdministration;

  beforeAll(async () => {
    s = await startStack();
    admin = await nouvelAgent(s.db, ['administrateur'], null, 'admin-orga');
    equipe = await nouvelleEquipe(s.db);
  });
  afterAll(async () => {
    await s.stop();
  });

  it('crée un agent, le modifie, et journalise qui, quand, avant et après', async () => {
    const a = nouveau();
    const cree = await creer(a).expect(201);
    expect(cree.body as AgentAdministre).toMatchObject({ id: a.id, actif: true, parcoursSuivis: 0 });
    expect((cree.body as AgentAdministre).equipe).toBeTruthy();

    const modifie = await modifier(a.id, { roles: ['referent', 'evaluateur'], capacite: 25 }).expect(200);
    expect(modifie.body).toMatchObject({ roles: ['referent', 'evaluateur'], capacite: 25 });

    const { entrees } = await historique(a.id);
    expect(entrees.map((e) => e.action)).toEqual(['modification', 'creation']);
    expect(entrees[0]).toMatchObject({
      agent: expect.stringMatching(/^admin-orga admin-orga/),
      avant: { roles: ['referent'], capacite: 40 },
      apres: { roles: ['referent', 'evaluateur'], capacite: 25 },
    });
    expect(entrees[1]!.avant).toBeNull();
    const liste = await request(s.app).get('/administration/agents').set(comme(admin)).expect(200);
    expect((liste.body.agents as AgentAdministre[]).find((x) => x.id === a.id)).toMatchObject({ capacite: 25 });
  });

  it('désactiver un agent met fin à sa session ouverte, tout de suite', async () => {
    const a = nouveau();
    await creer(a).expect(201);
    const navigateur = request.agent(s.app);
    await navigateur.post('/auth/dev').send({ agentId: a.id }).expect(200);
    await navigateur.get('/auth/session').expect(200);
    const sessions = () => s.db.$queryRaw<unknown[]>`SELECT 1 FROM "session_agent" WHERE "sess"->>'agentId' = ${a.id}`;
    expect(await sessions()).toHaveLength(1);

    await modifier(a.id, { actif: false }).expect(200);
    await navigateur.get('/auth/session').expect(401);
    expect(await sessions()).toHaveLength(0);
    await request(s.app).post('/auth/dev').send({ agentId: a.id }).expect(401);
    expect((await historique(a.id)).entrees[0]).toMatchObject({ avant: { actif: true }, apres: { actif: false } });
  });

  it('répond champ par champ en français, 404 et 409, sans rien changer', async () => {
    const a = nouveau();
    const invalide = await creer({ ...a, roles: ['chef'], email: 'pas-une-adresse', capacite: -1 }).expect(400);
    expect(invalide.body.erreur.champs).toEqual(
      expect.arrayContaining([
        { champ: 'roles.0', message: expect.stringMatching(/^Rôle inconnu/) },
        { champ: 'email', message: 'Adresse électronique invalide.' },
        { champ: 'capacite', message: 'Capacité positive ou nulle.' },
      ]),
    );
    const horsDepartement = await creer({ ...a, equipeId: 'eure-t01-ep' }).expect(400);
    expect(horsDepartement.body.erreur.champs).toEqual([
      { champ: 'equipeId', message: 'Cette équipe n’existe pas dans le département.' },
    ]);
    await creer(a).expect(201);
    expect((await creer(a).expect(409)).body.erreur.message).toBe('Un agent a déjà cet identifiant.');
    expect((await creer({ ...nouveau(), email: a.email.toUpperCase() }).expect(409)).body.erreur.message).toBe(
      'Un autre agent a déjà cette adresse électronique.',
    );
    // The same agent created five times at once: one 201, the others 409, never a 500.
    const meme = nouveau();
    const statuts = await Promise.all(Array.from({ length: 5 }, () => creer(meme).then((r) => r.status)));
    expect(statuts.sort()).toEqual([201, 409, 409, 409, 409]);
    await modifier('agent-inconnu', { capacite: 3 }).expect(404);
    await modifier(a.id, {}).expect(400);
    await modifier(a.id, { inconnu: 1 }).expect(400);
    // Nobody locks the département out: an administrator keeps their own rights.
    await modifier(admin, { actif: false }).expect(409);
    await modifier(admin, { roles: ['cadre'] }).expect(409);
    expect(await historique(admin)).toEqual({ entrees: [] });
    expect((await historique(a.id)).entrees).toHaveLength(1);
  });

  it('un import des fichiers de l’organisation qui réécrit un agent est journalisé aussi', async () => {
    // An Eure agent (the suites' API serves the Loiret): changed by hand, then the files imported again.
    const id = 'eure-roumois-ep-ref3';
    await chargerReferentiel(s.db);
    const { capacite } = await s.db.agent.findUniqueOrThrow({ where: { id } });
    await s.db.agent.update({ where: { id }, data: { capacite: capacite + 7 } });
    await chargerReferentiel(s.db);
    const [derniere] = await historiqueDe(s.db, 'agent', id);
    expect(derniere).toMatchObject({
      agent: 'Import des fichiers de l’organisation',
      action: 'modification',
      avant: { capacite: capacite + 7 },
      apres: { capacite },
    });
  });

  it('un agent que le fichier ne nomme plus est désactivé à l’import, sa session close ; il ne revient pas seul', async () => {
    // Other suites import the same files meanwhile: every step below holds whichever import runs it.
    const d = 'eure';
    const seed = chargerAgents(d);
    const id = `eure-parti-${randomUUID().slice(0, 8)}`;
    const parti = { ...seed[0]!, id, email: `${id}@eure.invalid` };
    // Its session on the Eure installation (this suite's API serves the Loiret): the store's row.
    await s.db.sessionAgent.create({
      data: { sid: id, sess: { agentId: id }, expire: new Date(Date.now() + 3_600_000) },
    });
    await importerOrganisation(s.db, chargerOrganisation(d), [...seed, parti]);
    await importerOrganisation(s.db, chargerOrganisation(d), seed);
    const actif = async () => (await s.db.agent.findUniqueOrThrow({ where: { id } })).actif;
    expect(await actif()).toBe(false);
    expect(await s.db.sessionAgent.findUnique({ where: { sid: id } })).toBeNull();
    expect((await historiqueDe(s.db, 'agent', id))[0]).toMatchObject({
      agent: 'Import des fichiers de l’organisation',
      avant: { actif: true },
      apres: { actif: false },
    });
    // Named again by a file: reactivating is an administrator's decision, not the import's.
    await importerOrganisation(s.db, chargerOrganisation(d), [...seed, parti]);
    expect(await actif()).toBe(false);
    // Agents created in the product are not the file's: the imports left this suite's administrator alone.
    expect((await s.db.agent.findUniqueOrThrow({ where: { id: admin } })).actif).toBe(true);
  });

  it('réservé aux administrateurs ; le journal ne se modifie pas, même en base', async () => {
    const cadre = await nouvelAgent(s.db, ['cadre'], null, 'cadre-orga');
    await request(s.app).get('/administration/agents').set(comme(cadre)).expect(403);
    await creer(nouveau(), cadre).expect(403);
    await expect(s.db.$executeRaw`UPDATE "AuditAdministration" SET "agentId" = 'quelqu-un'`).rejects.toThrow(
      /en ajout seul/,
    );
    await expect(s.db.$executeRaw`DELETE FROM "AuditAdministration"`).rejects.toThrow(/en ajout seul/);
  });
});
