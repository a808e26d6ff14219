/**
 * Absences and the escalation chain at their real durations, on Temporal's time-skipping server with the real
 * workflows and activities: a référent away three weeks (her reminders go to the intérim, then back to her, each
 * step in the timeline), and escalations left unanswered (a référent proposed in the Loiret, given in the Eure).
 */
import { startTimeSkipping, type TimeSkippingStack } from '../support/time-skipping';
import { nouvelAgent, nouvelleEquipe, ouvrirParcours } from '../support/parcours';
import { attendre } from '../support/attendre';
import { commandeUpdate } from '../../workflows/messages';
import { creerAbsence, type ContexteAbsences } from '../../administration/absences';
import { chargerPolitiqueDelais } from '../../config/delais';
import type { PolitiqueDelais } from '../../domain/delais/politique';

const JOUR = 86_400_000;

describe('Absences et suite des escalades (saut de temps)', () => {
  let s: TimeSkippingStack;
  let equipe: Awaited<ReturnType<typeof nouvelleEquipe>>;
  let remplacante: string;

  beforeAll(async () => {
    s = await startTimeSkipping();
    equipe = await nouvelleEquipe(s.db);
    remplacante = await nouvelAgent(s.db, ['referent'], equipe.equipeId, 'remplacante');
  });
  afterAll(async () => {
    await s?.stop();
  });

  /** A parcours in accompaniment, followed by the équipe's référent (its contract délai running). */
  async function suivi(politique?: PolitiqueDelais) {
    const { handle, parcoursId, vue } = await ouvrirParcours(s.env.client, s.db, s.taskQueue, {
      routage: { territoireId: equipe.territoireId, equipeId: equipe.equipeId, mode: 'automatique' },
      ...(politique ? { politique } : {}),
    });
    const agir = (type: Parameters<typeof commandeUpdate>[0], donnees: unknown, acteur = equipe.agents.cadre) =>
      handle.executeUpdate(commandeUpdate(type), { args: [{ acteur, donnees: donnees as never }] });
    await agir('evaluer', {
      diagnostic: [{ domaine: 'logement', constat: 'Hébergé chez un tiers', besoinAccompagnement: true }],
      synthese: 'Accompagnement social',
      conclusion: 'orientation',
    });
    await agir('orienter', { decision: 'accompagnement', typeAccompagnement: 'social' });
    await agir('designerReferent', { referentId: equipe.referentId, accordUsager: true });
    return { handle, parcoursId, ouvertLe: Date.parse(vue.ouvertLe), agir };
  }
  const evenements = (parcoursId: string) =>
    s.db.parcoursEvenement.findMany({ where: { parcoursId }, orderBy: { seq: 'asc' } });
  const notifications = (parcoursId: string, modele: string) =>
    s.db.notification.findMany({ where: { parcoursId, modele }, orderBy: { creeLe: 'asc' } });
  /** Sleeps on the server until `instant` (ms since the epoch, the server's clock). */
  const jusqua = async (instant: number) => s.env.sleep(Math.max(1, instant - (await s.env.currentTimeMs())));

  it('une absence de trois semaines : les relances vont à l’intérim puis reviennent à la référente', async () => {
    const { parcoursId, ouvertLe, agir } = await suivi();
    const contexte: ContexteAbsences = {
      db: s.db,
      temporal: s.env.client,
      departement: 'loiret',
      taskQueue: s.taskQueue,
      verifierPortee: () => undefined,
    };
    // Away from day 14 to day 35; the contract's reminder (1 month, 7 days before) falls within.
    const du = new Date(ouvertLe + 14 * JOUR).toISOString();
    const au = new Date(ouvertLe + 35 * JOUR).toISOString();
    const absenceId = await creerAbsence(contexte, equipe.agents.cadre, {
      agentId: equipe.referentId,
      du,
      au,
      motif: 'conge',
    });
    // The intérim proposed: the other référent of the équipe, who has room.
    expect((await s.db.absence.findUniqueOrThrow({ where: { id: absenceId } })).interimId).toBe(remplacante);

    await jusqua(ouvertLe + 13 * JOUR);
    expect((await evenements(parcoursId)).map((e) => e.type)).not.toContain('interim');

    await jusqua(ouvertLe + 15 * JOUR);
    const debut = await attendre(
      async () => (await evenements(parcoursId)).find((e) => e.type === 'interim'),
      'l’intérim commence',
    );
    expect(debut.donnees).toMatchObject({ titulaireId: equipe.referentId, agentId: remplacante, du, au });
    expect((await s.db.parcours.findUniqueOrThrow({ where: { id: parcoursId } })).interimId).toBe(remplacante);
    const annonces = await attendre(async () => {
      const n = await notifications(parcoursId, 'interim_usager');
      return n.length === 1 && n[0]!.statut === 'envoye' && n;
    }, 'la personne est prévenue');
    expect(annonces[0]!.destinataire).toMatchObject({ role: 'usager' });
    expect((await notifications(parcoursId, 'interim_equipe')).map((n) => n.destinataire)).toEqual([
      { role: 'cadre', equipeId: equipe.equipeId },
      { role: 'referent', agentId: remplacante },
    ]);
    expect((await s.db.absence.findUniqueOrThrow({ where: { id: absenceId } })).statut).toBe('en_cours');

    // The contract's reminder, 7 days before its due date: to the intérim, not to the absent référent.
    await jusqua(ouvertLe + 26 * JOUR);
    const relance = await attendre(async () => {
      const n = await notifications(parcoursId, 'relance');
      return n.length === 1 && n[0]!.statut === 'envoye' && n[0];
    }, 'la relance');
    expect(relance.destinataire).toEqual({ role: 'referent', agentId: remplacante });
    expect(s.courriels.some((m) => m.a.includes(`${remplacante}@cd45.invalid`))).toBe(true);
    // The intérim acts in her place: the plan, and the 6-month revue's clock.
    await agir('etablirPlan', { objectifs: [{ libelle: 'Trouver un logement', domaine: 'logement' }] }, remplacante);

    await jusqua(ouvertLe + 36 * JOUR);
    const fin = await attendre(
      async () => (await evenements(parcoursId)).find((e) => e.type === 'fin_interim'),
      'la référente reprend',
    );
    expect(fin.donnees).toMatchObject({ titulaireId: equipe.referentId, agentId: remplacante });
    await attendre(
      async () => (await s.db.absence.findUniqueOrThrow({ where: { id: absenceId } })).statut === 'terminee',
      'l’absence terminée',
    );
    expect((await s.db.parcours.findUniqueOrThrow({ where: { id: parcoursId } })).interimId).toBeNull();

    // The revue's reminder, five months later: to the titular référent again.
    await jusqua(ouvertLe + 27 * JOUR + 154 * JOUR);
    await attendre(async () => (await notifications(parcoursId, 'relance')).length === 2, 'la relance de la revue');
    expect((await notifications(parcoursId, 'relance'))[1]!.destinataire).toEqual({
      role: 'referent',
      agentId: equipe.referentId,
    });
    expect((await evenements(parcoursId)).map((e) => e.type)).toEqual([
      'accueil',
      'evaluation',
      'orientation',
      'designation_referent',
      'interim',
      'relance',
      'plan',
      'fin_interim',
      'relance',
    ]);
    expect((await notifications(parcoursId, 'interim_usager')).map((n) => (n.donnees as { fin: boolean }).fin)).toEqual(
      [false, true],
    );
  });

  it('une escalade sans suite : un référent proposé au cadre (Loiret, 10 jours), confié d’office (Eure, 15 jours)', async () => {
    const eure = chargerPolitiqueDelais('eure');
    const [loiret, confie] = await Promise.all([suivi(), suivi(eure)]);
    // The contract délai (1 month) broken, escalated; then 9 days without action: nothing more.
    await jusqua(loiret.ouvertLe + 32 * JOUR);
    const depassee = async (parcoursId: string) => {
      const e = await attendre(
        async () => (await evenements(parcoursId)).find((x) => x.type === 'escalade'),
        'l’escalade',
      );
      return Date.parse((e.donnees as { echeance: string }).echeance);
    };
    const [dueLoiret, dueEure] = await Promise.all([depassee(loiret.parcoursId), depassee(confie.parcoursId)]);
    await jusqua(dueLoiret + 9 * JOUR);
    expect((await evenements(loiret.parcoursId)).map((e) => e.type)).not.toContain('reassignation_proposee');

    await jusqua(dueLoiret + 10 * JOUR + 3_600_000);
    const proposee = await attendre(
      async () => (await evenements(loiret.parcoursId)).find((e) => e.type === 'reassignation_proposee'),
      'la proposition',
    );
    expect(proposee.donnees).toMatchObject({ delai: 'contrat', ancienReferentId: equipe.referentId });
    expect((proposee.donnees as { referentId: string }).referentId).toBe(remplacante);
    expect(await s.db.parcours.findUniqueOrThrow({ where: { id: loiret.parcoursId } })).toMatchObject({
      referentId: equipe.referentId,
      repreneurPropose: remplacante,
    });
    expect((await evenements(confie.parcoursId)).map((e) => e.type)).not.toContain('reassignation_automatique');

    await jusqua(dueEure + 15 * JOUR + 3_600_000);
    await attendre(
      async () =>
        (await s.db.parcours.findUniqueOrThrow({ where: { id: confie.parcoursId } })).referentId === remplacante,
      'le parcours confié',
    );
    const types = (await evenements(confie.parcoursId)).map((e) => e.type);
    expect(types.slice(-2)).toEqual(['escalade', 'reassignation_automatique']);
    // Both are written in one transaction (same instant): which comes first is not part of the rule.
    const destinataires = (await notifications(confie.parcoursId, 'suite_escalade')).map((n) => n.destinataire);
    expect(destinataires).toHaveLength(2);
    expect(destinataires).toEqual(
      expect.arrayContaining([
        { role: 'cadre', equipeId: equipe.equipeId },
        { role: 'referent', agentId: remplacante },
      ]),
    );
    // The proposal settled by the cadre's change of référent.
    await loiret.agir('changerReferent', { referentId: remplacante, motif: 'Proposition acceptée' });
    await attendre(
      async () =>
        (await s.db.parcours.findUniqueOrThrow({ where: { id: loiret.parcoursId } })).repreneurPropose === null,
      'la proposition réglée',
    );
  });
});
