/**
 * The organisation administered in the product: agents created and changed by an administrator, each change
 * journaled with before and after; a deactivated agent's live session ends at once; bad input answered per field.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { startStack, type Stack } from '../support/stack';
import { comme, nomAgent, nouvelAgent, nouvelleEquipe, ouvrirParcours } from '../support/parcours';
import type {
  AgentAdministre,
  EquipesAdministrees,
  HistoriqueAdministration,
  Organisation,
  Routage,
  TerritoireAdministre,
} from '../../api/contrat';
import { equipeDuDepartement } from '../../lecture/routage';
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
      agent: nomAgent(admin),
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
    // Seeding again leaves the administered organisation alone; the explicit import writes the files over it.
    await chargerReferentiel(s.db);
    expect((await s.db.agent.findUniqueOrThrow({ where: { id } })).capacite).toBe(capacite + 7);
    await importerOrganisation(s.db, chargerOrganisation('eure'), chargerAgents('eure'));
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

  it('structures référentes : créées, datées, désactivées, avec leurs référents hors équipes ; erreurs champ par champ', async () => {
    const id = `structure-${randomUUID().slice(0, 8)}`;
    const corps = {
      id,
      nom: 'Association Insertion Giennoise',
      type: 'association',
      conventionReference: 'CONV-2026-014',
      conventionDebut: '2026-01-01',
      conventionFin: '2028-12-31',
      delaiDesignationJours: 10,
    };
    const post = (c: object) => request(s.app).post('/administration/structures').set(comme(admin)).send(c);
    const patch = (c: object) => request(s.app).patch(`/administration/structures/${id}`).set(comme(admin)).send(c);
    const invalide = await post({
      ...corps,
      type: 'club',
      conventionFin: '2025-12-31',
      delaiDesignationJours: 0,
    }).expect(400);
    expect(invalide.body.erreur.champs).toEqual(
      expect.arrayContaining([
        { champ: 'type', message: expect.stringMatching(/^Type attendu/) },
        { champ: 'delaiDesignationJours', message: 'Au moins un jour.' },
      ]),
    );
    expect((await post({ ...corps, conventionFin: '2025-12-31' }).expect(400)).body.erreur.champs).toEqual([
      { champ: 'conventionFin', message: 'La fin de la convention suit son début.' },
    ]);
    const cree = await post(corps).expect(201);
    expect(cree.body).toMatchObject({ ...corps, actif: true, referents: 0, parcoursSuivis: 0 });
    await post(corps).expect(409);
    // The new end checked against the start already saved.
    expect((await patch({ conventionFin: '2025-06-30' }).expect(400)).body.erreur.champs).toEqual([
      { champ: 'conventionFin', message: 'La fin de la convention suit son début.' },
    ]);
    await patch({ actif: false }).expect(200);

    // Its référent: an agent of the structure, in no équipe of the département.
    const referent = { ...nouveau(), equipeId: null, pole: null, structureId: id };
    await creer({ ...referent, equipeId: equipe.equipeId }).expect(400);
    await creer({ ...referent, structureId: 'structure-inconnue' }).expect(400);
    await creer(referent).expect(201);
    const liste = await request(s.app).get('/administration/structures').set(comme(admin)).expect(200);
    expect(liste.body.structures.find((x: { id: string }) => x.id === id)).toMatchObject({
      actif: false,
      referents: 1,
    });
    const h = await request(s.app).get(`/administration/structures/${id}/historique`).set(comme(admin)).expect(200);
    expect(h.body.entrees.map((e: { action: string }) => e.action)).toEqual(['modification', 'creation']);
    expect(h.body.entrees[0]).toMatchObject({ avant: { actif: true }, apres: { actif: false } });
    await request(s.app).patch('/administration/structures/inconnue').set(comme(admin)).send({ nom: 'X' }).expect(404);
  });

  describe('territoires et communes', () => {
    const suffixe = randomUUID().slice(0, 8);
    const t = `test-t-${suffixe}`;
    let source = '';
    let communes: string[] = [];
    const patch = (id: string, corps: object) =>
      request(s.app).patch(`/administration/territoires/${id}`).set(comme(admin)).send(corps);
    const routage = async (code: string) =>
      ((await request(s.app).get(`/communes/${code}/routage`).set(comme(admin)).expect(200)).body as Routage)
        .territoireId;
    beforeAll(async () => {
      await chargerReferentiel(s.db);
      // Two small communes of a seed territoire that other suites do not route people to.
      const utilisees = ['45234', '45155', '45250', '45208', '45053', '45302'];
      const lignes = await s.db.territoireCommune.findMany({
        where: { territoire: { departement: 'loiret', id: { startsWith: 'loiret-' } } },
        include: { territoire: { include: { _count: { select: { communes: true } } } } },
        // The browser suite takes its communes from the other end (it may run at the same time).
        orderBy: { communeCode: 'asc' },
      });
      const grand = lignes.filter((l) => l.territoire._count.communes > 5 && !utilisees.includes(l.communeCode));
      source = grand[0]!.territoireId;
      communes = grand
        .filter((l) => l.territoireId === source)
        .slice(0, 2)
        .map((l) => l.communeCode);
    });
    afterAll(async () => {
      await s.db.territoireCommune.updateMany({ where: { territoireId: t }, data: { territoireId: source } });
      await s.db.agent.updateMany({ where: { equipe: { territoireId: t } }, data: { equipeId: null } });
      await s.db.equipe.deleteMany({ where: { territoireId: t } });
      await s.db.territoire.deleteMany({ where: { id: t } });
    });

    it('un territoire créé prend ses communes à celui qui les servait, et le routage suit aussitôt', async () => {
      const corps = {
        id: t,
        nom: 'Territoire d’essai',
        equipe: { id: `${t}-ep`, nom: 'Équipe d’essai', poles: ['evaluation', 'accompagnement'] },
        communes,
      };
      const cree = await request(s.app).post('/administration/territoires').set(comme(admin)).send(corps).expect(201);
      expect((cree.body as TerritoireAdministre).communes.map((c) => c.code).sort()).toEqual([...communes].sort());
      expect(cree.body.equipes).toEqual([expect.objectContaining({ nom: 'Équipe d’essai', agents: 0 })]);
      expect(await routage(communes[0]!)).toBe(t);
      const duSource = (await request(s.app).get(`/administration/territoires/${source}`).set(comme(admin)))
        .body as TerritoireAdministre;
      expect(duSource.communes.map((c) => c.code)).not.toContain(communes[0]);
      // Journaled on both sides: the new territoire created with its communes, the other one changed.
      const h = (await request(s.app).get(`/administration/territoires/${t}/historique`).set(comme(admin))).body;
      expect(h.entrees).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            action: 'creation',
            apres: expect.objectContaining({ communes: corps.communes.sort() }),
          }),
          expect.objectContaining({ action: 'creation', apres: expect.objectContaining({ nom: 'Équipe d’essai' }) }),
        ]),
      );
      const [changement] = await historiqueDe(s.db, 'territoire', source);
      expect(changement!.avant!.communes).toEqual(expect.arrayContaining(communes));
      expect(changement!.apres.communes).not.toEqual(expect.arrayContaining([communes[0]]));

      // Renamed, équipe changed; a commune given back; the last one cannot leave (no territoire left empty).
      await patch(t, { nom: 'Territoire du Giennois sud' }).expect(200);
      const equipe = await request(s.app)
        .patch(`/administration/equipes/${t}-ep`)
        .set(comme(admin))
        .send({ poles: ['accompagnement'] })
        .expect(200);
      expect(equipe.body).toMatchObject({
        nom: 'Territoire du Giennois sud',
        equipes: [{ poles: ['accompagnement'] }],
      });
      await patch(source, { rattacher: [communes[0]] }).expect(200);
      expect(await routage(communes[0]!)).toBe(source);
      const vide = await patch(source, { rattacher: [communes[1]] }).expect(409);
      expect(vide.body.erreur.message).toMatch(/n’aurait plus aucune commune/);
      expect(await routage(communes[1]!)).toBe(t);
    });

    it('une équipe créée dans un territoire existant, listée, désactivée quand rien ne repose sur elle : le routage la saute', async () => {
      const equipes = (query: object = {}) =>
        request(s.app).get('/administration/equipes').query(query).set(comme(admin)).expect(200);
      const equipeAvec = (id: string, corps: object) =>
        request(s.app).patch(`/administration/equipes/${id}`).set(comme(admin)).send(corps);
      // "-aa" sorts before "-ep": the territoire's first active équipe, the one its communes now route to.
      const nouvelle = { id: `${t}-aa`, territoireId: t, nom: 'Équipe d’essai bis', poles: ['accompagnement'] };
      const cree = await request(s.app).post('/administration/equipes').set(comme(admin)).send(nouvelle).expect(201);
      expect((cree.body as TerritoireAdministre).equipes).toEqual([
        expect.objectContaining({ id: nouvelle.id, actif: true, agents: 0, parcoursOuverts: 0 }),
        expect.objectContaining({ id: `${t}-ep`, actif: true }),
      ]);
      const routeVers = async () =>
        ((await request(s.app).get(`/communes/${communes[1]}/routage`).set(comme(admin)).expect(200)).body as Routage)
          .equipeId;
      expect(await routeVers()).toBe(nouvelle.id);
      const duTerritoire = (await equipes({ territoireId: t })).body as EquipesAdministrees;
      expect(duTerritoire.equipes.map((e) => e.id)).toEqual([nouvelle.id, `${t}-ep`]);
      expect(duTerritoire.equipes[0]).toMatchObject({ territoire: 'Territoire du Giennois sud', territoireId: t });
      const duDepartement = (await equipes()).body as EquipesAdministrees;
      expect(duDepartement.equipes.length).toBeGreaterThan(2);
      expect(duDepartement.equipes.every((e) => !e.id.startsWith('eure-'))).toBe(true);

      // An active agent in it, then an open parcours: each refuses the deactivation, named in French.
      const agent = await nouvelAgent(s.db, ['referent'], nouvelle.id, 'agent-equipe');
      const occupee = await equipeAvec(nouvelle.id, { actif: false }).expect(409);
      expect(occupee.body.erreur.message).toBe(
        'L’équipe « Équipe d’essai bis » a encore 1 agent actif : confiez-les à une autre équipe avant de la désactiver.',
      );
      await s.db.agent.update({ where: { id: agent }, data: { actif: false } });
      const { handle } = await ouvrirParcours(s.client, s.db, s.taskQueue, {
        routage: { territoireId: t, equipeId: nouvelle.id, mode: 'automatique' },
      });
      const suivie = await equipeAvec(nouvelle.id, { actif: false }).expect(409);
      expect(suivie.body.erreur.message).toMatch(/a encore 1 parcours ouvert :/);
      await handle.terminate('test');
      await s.db.parcours.updateMany({ where: { equipeId: nouvelle.id }, data: { statut: 'clos' } });

      const desactivee = await equipeAvec(nouvelle.id, { actif: false }).expect(200);
      // Active équipes first.
      expect((desactivee.body as TerritoireAdministre).equipes).toEqual([
        expect.objectContaining({ id: `${t}-ep`, actif: true }),
        expect.objectContaining({ id: nouvelle.id, actif: false }),
      ]);
      expect(await routeVers()).toBe(`${t}-ep`);
      // No longer offered: not among the équipes to choose, not an agent's équipe, not a re-routing's target.
      const organisation = (await request(s.app).get('/organisation').set(comme(admin)).expect(200))
        .body as Organisation;
      expect(organisation.territoires.find((x) => x.id === t)!.equipes.map((e) => e.id)).toEqual([`${t}-ep`]);
      const refusee = await modifier(agent, { equipeId: nouvelle.id }).expect(400);
      expect(refusee.body.erreur.champs).toEqual([{ champ: 'equipeId', message: 'Cette équipe est désactivée.' }]);
      expect(await equipeDuDepartement(s.db, 'loiret', { territoireId: t, equipeId: nouvelle.id })).toBe(false);

      // The last active équipe of its territoire stays: its communes would route to no one.
      const seule = await equipeAvec(`${t}-ep`, { actif: false }).expect(409);
      expect(seule.body.erreur.message).toMatch(/seule équipe active de son territoire/);
      const { entrees } = (await request(s.app).get(`/administration/territoires/${t}/historique`).set(comme(admin)))
        .body as HistoriqueAdministration;
      expect(entrees).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ action: 'creation', avant: null, apres: { ...nouvelle, actif: true } }),
          expect.objectContaining({
            action: 'modification',
            avant: expect.objectContaining({ id: nouvelle.id, actif: true }),
            apres: expect.objectContaining({ id: nouvelle.id, actif: false }),
          }),
        ]),
      );

      // Reactivated, it takes its communes back; creation refused per field, 409 on a taken id.
      await equipeAvec(nouvelle.id, { actif: true }).expect(200);
      expect(await routeVers()).toBe(nouvelle.id);
      await equipeAvec(nouvelle.id, { actif: false }).expect(200);
      await request(s.app).post('/administration/equipes').set(comme(admin)).send(nouvelle).expect(409);
      const inconnu = await request(s.app)
        .post('/administration/equipes')
        .set(comme(admin))
        .send({ ...nouvelle, id: `${t}-zz`, territoireId: 'eure-roumois' })
        .expect(400);
      expect(inconnu.body.erreur.champs).toEqual([
        { champ: 'territoireId', message: 'Ce territoire n’existe pas dans le département.' },
      ]);
    });

    it('refuse champ par champ, 404 et 409, sans rien changer', async () => {
      const avant = await s.db.auditAdministration.count({ where: { objetId: { in: [t, source] } } });
      const horsDepartement = await patch(t, { rattacher: ['27229'] }).expect(400);
      expect(horsDepartement.body.erreur.champs).toEqual([
        { champ: 'rattacher.0', message: 'Cette commune n’est pas une commune du département.' },
      ]);
      const invalide = await patch(t, { rattacher: ['4505', '45053', '45053'], agenceId: 'Agence!' }).expect(400);
      expect(invalide.body.erreur.champs).toEqual(
        expect.arrayContaining([
          { champ: 'rattacher.0', message: 'Code INSEE de commune attendu (5 caractères).' },
          { champ: 'agenceId', message: expect.stringMatching(/^Identifiant lisible/) },
        ]),
      );
      await patch(t, {}).expect(400);
      await patch(t, { agenceId: 'agence-inconnue' }).expect(400);
      await patch('territoire-inconnu', { nom: 'X' }).expect(404);
      await request(s.app)
        .patch('/administration/equipes/equipe-inconnue')
        .set(comme(admin))
        .send({ nom: 'X' })
        .expect(404);
      await request(s.app)
        .post('/administration/territoires')
        .set(comme(admin))
        .send({
          id: t,
          nom: 'Double',
          equipe: { id: `${t}-autre`, nom: 'Autre', poles: ['evaluation'] },
          communes: [communes[0]],
        })
        .expect(409);
      // An Eure territoire from the Loiret's administration: not found.
      await patch('eure-roumois', { nom: 'X' }).expect(404);
      expect(await s.db.auditAdministration.count({ where: { objetId: { in: [t, source] } } })).toBe(avant);
      expect(await routage(communes[0]!)).toBe(source);
    });
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
