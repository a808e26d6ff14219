/**
 * Délais at the policy's real durations, with Temporal's time-skipping server: reminders before the due date,
 * escalation after, 6-month revues over 2 years, suspended clocks, appointment reminders, one email per message.
 */
import { startTimeSkipping, type TimeSkippingStack } from '../support/time-skipping';
import { accueilType, nouvelleEquipe, ouvrirParcours } from '../support/parcours';
import { attendre } from '../support/attendre';
import { commandeUpdate, etatQuery } from '../../workflows/messages';

const JOUR = 86_400_000;

describe('Délais tenus par le workflow (saut de temps)', () => {
  let s: TimeSkippingStack;
  let equipe: Awaited<ReturnType<typeof nouvelleEquipe>>;

  beforeAll(async () => {
    s = await startTimeSkipping();
    equipe = await nouvelleEquipe(s.db);
  });
  afterAll(async () => {
    await s?.stop();
  });

  const ouvrir = () =>
    ouvrirParcours(s.env.client, s.db, s.taskQueue, {
      routage: { territoireId: equipe.territoireId, equipeId: equipe.equipeId, mode: 'automatique' },
    });
  const dans = (ms: number) => s.env.sleep(ms);
  const notifications = (parcoursId: string) =>
    s.db.notification.findMany({ where: { parcoursId }, orderBy: { creeLe: 'asc' } });
  const mailsA = (adresse: string) => s.courriels.filter((m) => m.a.includes(adresse));

  it('relance l’évaluateur avant l’échéance, puis escalade au cadre et marque le parcours en retard', async () => {
    const { parcoursId, vue } = await ouvrir();
    // Loiret: évaluation within 30 days, reminder 7 days before.
    expect(new Date(vue.echeance!).getTime() - new Date(vue.ouvertLe).getTime()).toBe(30 * JOUR);
    const avant = mailsA(equipe.emails.evaluateur).length;

    await dans(22 * JOUR);
    expect(await notifications(parcoursId)).toHaveLength(0);

    await dans(2 * JOUR);
    const [relance] = await attendre(async () => {
      const n = await notifications(parcoursId);
      return n.length === 1 && n[0]!.statut === 'envoye' && n;
    }, 'relance envoyée');
    expect(relance).toMatchObject({
      modele: 'relance',
      destinataire: { role: 'evaluateur', equipeId: equipe.equipeId },
      adresses: [equipe.emails.evaluateur],
    });
    expect(mailsA(equipe.emails.evaluateur).length).toBe(avant + 1);
    expect((await s.db.parcours.findUniqueOrThrow({ where: { id: parcoursId } })).enRetard).toBe(false);

    await dans(7 * JOUR);
    await attendre(
      async () => (await s.db.parcours.findUniqueOrThrow({ where: { id: parcoursId } })).enRetard,
      'parcours en retard',
    );
    const n = await attendre(async () => {
      const x = await notifications(parcoursId);
      return x.length === 2 && x[1]!.statut === 'envoye' && x;
    }, 'escalade envoyée');
    expect(n[1]).toMatchObject({
      modele: 'escalade',
      destinataire: { role: 'cadre', equipeId: equipe.equipeId },
      adresses: [equipe.emails.cadre],
    });
    const types = (await s.db.parcoursEvenement.findMany({ where: { parcoursId }, orderBy: { seq: 'asc' } })).map(
      (e) => e.type,
    );
    expect(types).toEqual(['accueil', 'relance', 'escalade']);
  });

  it('tient les délais d’urgence de la politique : évaluation en 8 jours, relance au 5e, escalade au 9e', async () => {
    const { parcoursId, vue } = await ouvrirParcours(s.env.client, s.db, s.taskQueue, {
      routage: { territoireId: equipe.territoireId, equipeId: equipe.equipeId, mode: 'automatique' },
      accueil: { ...accueilType, urgence: true },
    });
    expect(new Date(vue.echeance!).getTime() - new Date(vue.ouvertLe).getTime()).toBe(8 * JOUR);
    await dans(4 * JOUR);
    expect(await notifications(parcoursId)).toHaveLength(0);
    await dans(2 * JOUR);
    await attendre(async () => (await notifications(parcoursId)).length === 1, 'relance au 5e jour');
    expect((await s.db.parcours.findUniqueOrThrow({ where: { id: parcoursId } })).enRetard).toBe(false);
    await dans(3 * JOUR);
    const n = await attendre(async () => {
      const x = await notifications(parcoursId);
      return x.length === 2 && x;
    }, 'escalade après 8 jours');
    expect(n.map((x) => x.modele)).toEqual(['relance', 'escalade']);
    expect((await s.db.parcours.findUniqueOrThrow({ where: { id: parcoursId } })).enRetard).toBe(true);
  });

  it('mène une revue tous les 6 mois pendant 2 ans : relance du référent avant chaque revue, jamais d’escalade', async () => {
    const { handle, parcoursId } = await ouvrir();
    const agir = async (type: Parameters<typeof commandeUpdate>[0], donnees: unknown) =>
      handle.executeUpdate(commandeUpdate(type), { args: [{ acteur: 'agent', donnees: donnees as never }] });
    await agir('evaluer', {
      diagnostic: [{ domaine: 'logement', constat: 'Hébergé chez un tiers', besoinAccompagnement: true }],
      synthese: 'Accompagnement nécessaire',
      conclusion: 'orientation',
    });
    await agir('orienter', { decision: 'accompagnement', typeAccompagnement: 'social' });
    await agir('designerReferent', { referentId: equipe.referentId, accordUsager: true });
    const plan = await agir('etablirPlan', { objectifs: [{ libelle: 'Accéder à un logement', domaine: 'logement' }] });
    const objectifId = plan.objectifs[0]!.id;

    let echeance = new Date(plan.echeance!);
    for (let i = 1; i <= 4; i++) {
      // Six months later, a few days before the due date (the reminder went out a month before).
      await dans(echeance.getTime() - (await s.env.currentTimeMs()) - 3 * JOUR);
      const vue = await agir('reviser', {
        synthese: `Revue ${i}`,
        progres: [{ objectifId, avancement: 'en_cours' }],
        issue: 'poursuite',
      });
      expect(vue.enRetard).toBe(false);
      echeance = new Date(vue.echeance!);
    }
    const etat = await handle.query(etatQuery);
    expect(etat!.revues).toBe(4);
    const evenements = await attendre(async () => {
      const e = await s.db.parcoursEvenement.findMany({ where: { parcoursId }, orderBy: { seq: 'asc' } });
      return e.filter((x) => x.type === 'revue').length === 4 && e;
    }, '4 revues');
    expect(evenements.filter((e) => e.type === 'relance')).toHaveLength(4);
    expect(evenements.filter((e) => e.type === 'escalade')).toHaveLength(0);
    const premier = evenements.find((e) => e.type === 'accueil')!.survenuLe.getTime();
    const dernier = evenements
      .filter((e) => e.type === 'revue')
      .at(-1)!
      .survenuLe.getTime();
    expect((dernier - premier) / JOUR).toBeGreaterThan(700);
  });

  it('ne déclenche rien pendant une suspension, et décale l’échéance de sa durée à la reprise', async () => {
    const { handle, parcoursId, vue } = await ouvrir();
    await handle.executeUpdate(commandeUpdate('suspendre'), {
      args: [{ acteur: 'agent', donnees: { motif: 'Hospitalisation' } }],
    });
    await dans(60 * JOUR);
    const pendant = await s.db.parcoursEvenement.findMany({ where: { parcoursId } });
    expect(pendant.map((e) => e.type)).toEqual(['accueil', 'suspension']);
    const reprise = await handle.executeUpdate(commandeUpdate('reprendre'), {
      args: [{ acteur: 'agent', donnees: {} }],
    });
    const decalage = new Date(reprise.echeance!).getTime() - new Date(vue.echeance!).getTime();
    expect(Math.round(decalage / JOUR)).toBe(60);
    expect(reprise.enRetard).toBe(false);
  });

  it('rappelle son rendez-vous à la personne 48 h avant', async () => {
    const { handle, parcoursId } = await ouvrir();
    const le = new Date((await s.env.currentTimeMs()) + 5 * JOUR).toISOString();
    await handle.executeUpdate(commandeUpdate('planifierRendezVous'), {
      args: [{ acteur: 'agent', donnees: { le, lieu: 'MDS Orléans', objet: 'Évaluation' } }],
    });
    await dans(2 * JOUR);
    expect((await notifications(parcoursId)).filter((n) => n.modele === 'rappel_rendez_vous')).toHaveLength(0);
    await dans(1.5 * JOUR);
    const rappel = await attendre(
      async () =>
        (await notifications(parcoursId)).find((n) => n.modele === 'rappel_rendez_vous' && n.statut === 'envoye'),
      'rappel envoyé',
    );
    expect(rappel.adresses).toEqual(['usager@exemple.invalid']);
  });
});

describe('Livraison des courriels', () => {
  it('n’envoie qu’un courriel par message même quand l’activité de livraison est rejouée', async () => {
    let pannes = 0;
    const s = await startTimeSkipping({
      wrap: (a) => ({
        // The delivery succeeds, then the activity fails (as if the worker died before reporting): Temporal retries it.
        async livrerNotifications(arg) {
          const r = await a.livrerNotifications(arg);
          if (pannes++ === 0) throw new Error('panne simulée après l’envoi');
          return r;
        },
      }),
    });
    try {
      const { territoireId, equipeId, emails } = await nouvelleEquipe(s.db);
      const email = emails.evaluateur;
      const { parcoursId } = await ouvrirParcours(s.env.client, s.db, s.taskQueue, {
        routage: { territoireId, equipeId, mode: 'automatique' },
      });
      await s.env.sleep(24 * JOUR);
      await attendre(() => Promise.resolve(pannes >= 2), 'livraison rejouée', 60_000);
      const n = await s.db.notification.findMany({ where: { parcoursId } });
      expect(n).toHaveLength(1);
      expect(n[0]!.statut).toBe('envoye');
      expect(s.courriels.filter((m) => m.a.includes(email))).toHaveLength(1);
    } finally {
      await s.stop();
    }
  });
});
