/**
 * Absences and the escalation chain, as pure rules: who acts for an absent référent at any instant, the intérim
 * in the parcours' decider (reminders go to the intérim, then back), and what an unanswered escalation leads to.
 */
import fc from 'fast-check';
import { agentQuiAgit, chevauchent, proposerInterims, type AbsenceEnVigueur } from '../../domain/organisation/absences';
import {
  accueillir,
  confierInterim,
  decider,
  prochainReveil,
  quiDoitAgir,
  rendreAuTitulaire,
  reveiller,
  RegleEnfreinte,
  type Contexte,
} from '../../domain/parcours/transitions';
import type { EtatParcours, Interim } from '../../domain/parcours/etat';
import { politiqueDelaisSchema, type PolitiqueDelais } from '../../domain/delais/politique';
import { chargerPolitiqueDelais } from '../../config/delais';

const JOUR = 86_400_000;
const loiret = chargerPolitiqueDelais('loiret');
const eure = chargerPolitiqueDelais('eure');
const t0 = new Date('2026-11-02T09:00:00.000Z');
const ctx = (maintenant = t0, politique: PolitiqueDelais = loiret, extra: Partial<Contexte> = {}): Contexte => ({
  maintenant,
  politique,
  seq: 2,
  ...extra,
});

/** A parcours in accompaniment, followed by référent r1 (its contract délai running). */
function suiviPar(referentId = 'r1', politique = loiret): EtatParcours {
  let e = accueillir(
    { parcoursId: 'p', workflowId: 'parcours-p', usagerId: 'u', departement: 'loiret' },
    { territoireId: 't', equipeId: 'e', mode: 'automatique' },
    { besoins: [{ domaine: 'logement' }], urgence: false, consentement: true },
    ctx(t0, politique),
  ).etat;
  const c = ctx(t0, politique);
  e = decider(
    e,
    {
      type: 'evaluer',
      donnees: {
        diagnostic: [{ domaine: 'logement', constat: 'c', besoinAccompagnement: true }],
        synthese: 's',
        conclusion: 'orientation',
      },
    },
    c,
  ).etat;
  e = decider(e, { type: 'orienter', donnees: { decision: 'accompagnement', typeAccompagnement: 'social' } }, c).etat;
  return decider(e, { type: 'designerReferent', donnees: { referentId, accordUsager: true } }, c).etat;
}

const interim = (du: Date, au: Date, agentId = 'r2', absenceId = 'a1'): Interim => ({
  absenceId,
  titulaireId: 'r1',
  agentId,
  titulaireNom: 'Rose Un',
  agentNom: 'Remi Deux',
  du: du.toISOString(),
  au: au.toISOString(),
});

describe('Absences : qui agit pour le titulaire', () => {
  /** Absences of the titular that do not overlap (as the API guarantees), within a year. */
  const absences = fc
    .array(fc.tuple(fc.integer({ min: 0, max: 360 }), fc.integer({ min: 1, max: 40 }), fc.constantFrom('r2', 'r3')), {
      maxLength: 6,
    })
    .map((xs) =>
      xs
        .map(([debut, duree, interimId]) => ({
          agentId: 'r1',
          interimId,
          du: new Date(t0.getTime() + debut * JOUR).toISOString(),
          au: new Date(t0.getTime() + (debut + duree) * JOUR).toISOString(),
        }))
        .filter((a, i, tous) => tous.slice(0, i).every((b) => !chevauchent(a, b))),
    );

  it('est le titulaire hors de toute absence, l’intérim de l’absence en cours sinon', () => {
    fc.assert(
      fc.property(absences, fc.integer({ min: -5, max: 420 }), (liste: AbsenceEnVigueur[], jour) => {
        const instant = new Date(t0.getTime() + jour * JOUR);
        const enCours = liste.filter(
          (a) => Date.parse(a.du) <= instant.getTime() && instant.getTime() < Date.parse(a.au),
        );
        expect(enCours.length).toBeLessThanOrEqual(1);
        expect(agentQuiAgit('r1', liste, instant)).toBe(enCours[0]?.interimId ?? 'r1');
        // Another agent's absences never change who acts for r1.
        expect(
          agentQuiAgit(
            'r1',
            liste.map((a) => ({ ...a, agentId: 'r9' })),
            instant,
          ),
        ).toBe('r1');
      }),
    );
  });

  it('les relances du parcours vont à qui agit, à tout instant, quand le workflow applique chaque absence à ses dates', () => {
    fc.assert(
      fc.property(absences, fc.integer({ min: 0, max: 420 }), (liste, jour) => {
        const instant = new Date(t0.getTime() + jour * JOUR);
        // The workflow's view at `instant`: each absence begun is applied at its start, handed back at its end.
        let e = suiviPar();
        const jalons = liste
          .flatMap((a, i) => [
            { le: a.du, debut: true, a, id: `a${i}` },
            { le: a.au, debut: false, a, id: `a${i}` },
          ])
          .filter((j) => Date.parse(j.le) <= instant.getTime())
          .sort((x, y) => Date.parse(x.le) - Date.parse(y.le) || Number(x.debut) - Number(y.debut));
        for (const j of jalons) {
          const d = j.debut
            ? confierInterim(e, interim(new Date(j.a.du), new Date(j.a.au), j.a.interimId, j.id))
            : rendreAuTitulaire(e, j.id, new Date(j.le));
          if (d) e = d.etat;
        }
        expect(quiDoitAgir(e, 'contrat')).toEqual({ role: 'referent', agentId: agentQuiAgit('r1', liste, instant) });
      }),
    );
  });

  it('propose les autres référents de l’équipe, ceux qui ont de la place d’abord', () => {
    const p = proposerInterims(
      [
        { id: 'r1', pole: null, capacite: 30, charge: 2 },
        { id: 'r2', pole: null, capacite: 10, charge: 10 },
        { id: 'r3', pole: null, capacite: 30, charge: 20 },
      ],
      'r1',
    );
    expect(p.map((x) => [x.agentId, x.complet])).toEqual([
      ['r3', false],
      ['r2', true],
    ]);
  });
});

describe('Intérim dans le parcours', () => {
  it('envoie la relance à l’intérim pendant l’absence, au titulaire après, avec les événements et les messages', () => {
    const e = suiviPar();
    const debut = confierInterim(e, interim(t0, new Date(t0.getTime() + 21 * JOUR)))!;
    expect(debut.type).toBe('interim');
    expect(debut.donnees).toMatchObject({ titulaireNom: 'Rose Un', agentNom: 'Remi Deux' });
    expect(debut.notifications.map((n) => [n.modele, n.destinataire])).toEqual([
      ['interim_usager', { role: 'usager', usagerId: 'u' }],
      ['interim_equipe', { role: 'cadre', equipeId: 'e' }],
      ['interim_equipe', { role: 'referent', agentId: 'r2' }],
    ]);
    // The same intérim again (a retried delivery): nothing more.
    expect(confierInterim(debut.etat, interim(t0, new Date(t0.getTime() + 21 * JOUR)))).toBeNull();
    const relanceLe = prochainReveil(debut.etat, loiret)!;
    const [relance] = reveiller(debut.etat, ctx(relanceLe));
    expect(relance).toMatchObject({
      type: 'relance',
      donnees: { delai: 'contrat', interimId: 'r2' },
      notifications: [{ destinataire: { role: 'referent', agentId: 'r2' } }],
    });
    const fin = rendreAuTitulaire(relance!.etat, 'a1', new Date(t0.getTime() + 21 * JOUR))!;
    expect(fin.type).toBe('fin_interim');
    expect(fin.etat.interim).toBeNull();
    expect(quiDoitAgir(fin.etat, 'contrat')).toEqual({ role: 'referent', agentId: 'r1' });
    // Another absence's end changes nothing.
    expect(rendreAuTitulaire(debut.etat, 'autre', t0)).toBeNull();
  });

  it('refuse un intérim sur un parcours d’un autre référent, ou par l’absent lui-même', () => {
    expect(() => confierInterim(suiviPar('r5'), interim(t0, t0))).toThrow(RegleEnfreinte);
    expect(() => confierInterim(suiviPar(), interim(t0, t0, 'r1'))).toThrow(/agent absent/);
  });

  it('un changement de référent met fin à l’intérim de l’ancien', () => {
    const e = confierInterim(suiviPar(), interim(t0, new Date(t0.getTime() + 21 * JOUR)))!.etat;
    const change = decider(e, { type: 'changerReferent', donnees: { referentId: 'r3', motif: 'départ' } }, ctx());
    expect(change.etat.interim).toBeNull();
    expect(quiDoitAgir(change.etat, 'contrat')).toEqual({ role: 'referent', agentId: 'r3' });
  });
});

describe('Suite d’une escalade sans réponse', () => {
  /** The contract délai broken and escalated: the parcours as the timer leaves it. */
  function escalade(politique: PolitiqueDelais) {
    const e = suiviPar('r1', politique);
    const due = new Date(e.echeances.find((x) => x.code === 'contrat')!.due);
    const decisions = reveiller(e, ctx(due, politique));
    expect(decisions.map((d) => d.type)).toEqual(['escalade']);
    return { etat: decisions.at(-1)!.etat, due };
  }

  it('la politique est validée : mode et durée', () => {
    expect(() =>
      politiqueDelaisSchema.parse({ ...loiret, suiteEscalade: { apres: loiret.revueProlongee, mode: 'x' } }),
    ).toThrow();
    expect(loiret.suiteEscalade).toEqual({ apres: { valeur: 10, unite: 'jours' }, mode: 'proposer' });
    expect(eure.suiteEscalade).toEqual({ apres: { valeur: 15, unite: 'jours' }, mode: 'reassigner' });
  });

  it('Loiret : 10 jours sans action après l’escalade, un nouveau référent est proposé au cadre', () => {
    const { etat, due } = escalade(loiret);
    const suite = prochainReveil(etat, loiret)!;
    expect(suite.getTime() - due.getTime()).toBe(10 * JOUR);
    expect(reveiller(etat, ctx(new Date(suite.getTime() - 1), loiret))).toEqual([]);
    const [d] = reveiller(etat, ctx(suite, loiret, { repreneur: { agentId: 'r4', nom: 'Rita Quatre' } }));
    expect(d).toMatchObject({
      type: 'reassignation_proposee',
      donnees: { delai: 'contrat', ancienReferentId: 'r1', referentId: 'r4', referentNom: 'Rita Quatre' },
      notifications: [{ modele: 'suite_escalade', destinataire: { role: 'cadre', equipeId: 'e' } }],
    });
    expect(d!.etat).toMatchObject({ referentId: 'r1', repreneurPropose: 'r4' });
    expect(prochainReveil(d!.etat, loiret)).toBeNull();
  });

  it('Eure : 15 jours sans action, le parcours est confié au premier référent classé qui a de la place', () => {
    const { etat, due } = escalade(eure);
    const suite = prochainReveil(etat, eure)!;
    expect(suite.getTime() - due.getTime()).toBe(15 * JOUR);
    const [d] = reveiller(etat, ctx(suite, eure, { repreneur: { agentId: 'r4', nom: 'Rita Quatre' } }));
    expect(d).toMatchObject({
      type: 'reassignation_automatique',
      donnees: { ancienReferentId: 'r1', referentId: 'r4' },
    });
    expect(d!.etat).toMatchObject({ referentId: 'r4', anciensReferents: ['r1'] });
    expect(d!.notifications.map((n) => n.destinataire)).toEqual([
      { role: 'cadre', equipeId: 'e' },
      { role: 'referent', agentId: 'r4' },
    ]);
    // Nobody with room: the cadre gets a proposal without a name rather than nothing.
    const [sans] = reveiller(etat, ctx(suite, eure, { repreneur: null }));
    expect(sans).toMatchObject({ type: 'reassignation_proposee', donnees: { referentId: null } });
  });

  it('toute action sur le parcours après l’escalade arrête la chaîne', () => {
    const { etat } = escalade(loiret);
    const agi = decider(etat, { type: 'relancer', donnees: {} }, ctx(new Date(t0.getTime() + 40 * JOUR)));
    expect(agi.etat.echeances.every((x) => x.suiteLe === undefined)).toBe(true);
    expect(prochainReveil(agi.etat, loiret)).toBeNull();
  });

  it('sans politique de suite (parcours ouverts avant), l’escalade reste le dernier maillon', () => {
    const sans = { ...loiret, suiteEscalade: undefined };
    const { etat } = escalade(sans);
    expect(prochainReveil(etat, sans)).toBeNull();
  });

  it('les délais dont le cadre est chargé ne donnent pas lieu à réassignation', () => {
    const e = accueillir(
      { parcoursId: 'p', workflowId: 'parcours-p', usagerId: 'u', departement: 'loiret' },
      { territoireId: 't', equipeId: 'e', mode: 'automatique' },
      { besoins: [{ domaine: 'logement' }], urgence: false, consentement: true },
      ctx(),
    ).etat;
    const due = new Date(e.echeances[0]!.due);
    const [esc] = reveiller(e, ctx(due));
    expect(esc!.type).toBe('escalade');
    expect(prochainReveil(esc!.etat, loiret)).toBeNull();
  });
});
