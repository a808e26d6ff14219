import {
  accueillir,
  decider,
  prochainReveil,
  reveiller,
  RegleEnfreinte,
  type Contexte,
} from '../../domain/parcours/transitions';
import type { EtatParcours } from '../../domain/parcours/etat';
import { chargerPolitiqueDelais } from '../../config/delais';

const politique = chargerPolitiqueDelais('loiret');
const t0 = new Date('2026-11-02T09:00:00.000Z');
const ctx = (maintenant = t0, seq = 2): Contexte => ({ maintenant, politique, seq });
const base = { parcoursId: 'p', workflowId: 'parcours-p', usagerId: 'u', departement: 'loiret' };
const routage = { territoireId: 't', equipeId: 'e', mode: 'automatique' as const };
const ouvert = (droitRsaOuvertLe?: string): EtatParcours =>
  accueillir(
    base,
    routage,
    { besoins: [{ domaine: 'logement' }], urgence: false, consentement: true, droitRsaOuvertLe },
    ctx(t0, 1),
  ).etat;

const evaluer = (e: EtatParcours) =>
  decider(
    e,
    {
      type: 'evaluer',
      donnees: {
        diagnostic: [{ domaine: 'logement', constat: 'c', besoinAccompagnement: true }],
        synthese: 's',
        conclusion: 'orientation',
      },
    },
    ctx(),
  ).etat;
const orienter = (e: EtatParcours, typeAccompagnement: 'social' | 'professionnel' = 'social') =>
  decider(e, { type: 'orienter', donnees: { decision: 'accompagnement', typeAccompagnement } }, ctx()).etat;

describe('Règles d’étape du parcours', () => {
  it('démarre l’horloge RSA depuis l’ouverture du droit, à côté de celle de l’évaluation', () => {
    const e = ouvert('2026-10-26');
    expect(e.echeances.map((x) => [x.code, x.due.slice(0, 10)])).toEqual([
      ['evaluation', '2026-12-02'],
      ['orientationRsa', '2026-12-07'],
    ]);
  });

  it('donne à une situation urgente les délais d’urgence de la politique, aux seules règles qu’elle nomme', () => {
    const ouvrir = (urgence: boolean) =>
      accueillir(
        base,
        routage,
        { besoins: [{ domaine: 'logement' }], urgence, consentement: true, droitRsaOuvertLe: '2026-10-26' },
        ctx(t0, 1),
      ).etat;
    const echeances = (e: EtatParcours) =>
      Object.fromEntries(e.echeances.map((x) => [x.code, [x.due.slice(0, 10), x.relanceLe.slice(0, 10)]]));
    const [urgent, usuel] = [ouvrir(true), ouvrir(false)];
    // Évaluation in 8 days (reminder 3 days before) instead of 30; the RSA clock is not named: unchanged.
    expect(echeances(urgent)).toEqual({
      evaluation: ['2026-11-10', '2026-11-07'],
      orientationRsa: echeances(usuel).orientationRsa,
    });
    expect(echeances(evaluer(urgent)).orientation).toEqual(['2026-11-17', '2026-11-12']);
    expect(echeances(evaluer(usuel)).orientation).toEqual(['2026-12-02', '2026-11-12']);
    // Désignation in 5 jours ouvrés; the contract's month is not named: unchanged.
    const [oriente, orienteUsuel] = [orienter(evaluer(urgent)), orienter(evaluer(usuel))];
    expect(echeances(oriente).designation).toEqual(['2026-11-09', '2026-11-05']);
    expect(echeances(oriente).contrat).toEqual(echeances(orienteUsuel).contrat);
    // A policy without délais d’urgence: an urgent parcours keeps the usual délais.
    const sansUrgence = { ...politique, urgence: undefined };
    const e = accueillir(
      base,
      routage,
      { besoins: [{ domaine: 'logement' }], urgence: true, consentement: true },
      { maintenant: t0, politique: sansUrgence, seq: 1 },
    ).etat;
    expect(echeances(e).evaluation).toEqual(echeances(usuel).evaluation);
  });

  it('refuse une étape hors de son tour sans modifier l’état reçu', () => {
    const e = ouvert();
    const copie = JSON.stringify(e);
    expect(() =>
      decider(e, { type: 'designerReferent', donnees: { referentId: 'r', accordUsager: true } }, ctx()),
    ).toThrow(RegleEnfreinte);
    expect(() => decider(e, { type: 'reprendre', donnees: {} }, ctx())).toThrow(/pas suspendu/);
    decider(e, { type: 'suspendre', donnees: { motif: 'm' } }, ctx());
    expect(JSON.stringify(e)).toBe(copie);
  });

  it('garde le référent en place lors d’une réorientation (continuité)', () => {
    let e = orienter(evaluer(ouvert()));
    e = decider(e, { type: 'designerReferent', donnees: { referentId: 'r1', accordUsager: true } }, ctx()).etat;
    e = decider(e, { type: 'demanderReorientation', donnees: { motif: 'm' } }, ctx()).etat;
    e = orienter(e, 'professionnel');
    expect(e).toMatchObject({ etape: 'accompagnement', referentId: 'r1', typeAccompagnement: 'professionnel' });
    const changement = decider(e, { type: 'changerReferent', donnees: { referentId: 'r2', motif: 'départ' } }, ctx());
    expect(changement.donnees).toMatchObject({ ancienReferentId: 'r1', referentId: 'r2' });
    expect(changement.etat.anciensReferents).toEqual(['r1']);
  });

  it('oriente vers une structure référente : son délai de désignation, ses agents relancés, le référent repris à la réorientation', () => {
    const evalue = evaluer(ouvert());
    const oriente = decider(
      evalue,
      {
        type: 'orienter',
        donnees: { decision: 'accompagnement', typeAccompagnement: 'professionnel', structureId: 'ft-gien' },
      },
      { ...ctx(), structure: { delaiDesignationJours: 10 } },
    );
    expect(oriente.etat).toMatchObject({ etape: 'designation', structureId: 'ft-gien', referentId: null });
    expect(oriente.donnees).toMatchObject({ structureId: 'ft-gien', delaiDesignationJours: 10 });
    const designation = oriente.etat.echeances.find((x) => x.code === 'designation')!;
    expect(Date.parse(designation.due) - t0.getTime()).toBe(10 * 86_400_000);
    const [relance] = reveiller(oriente.etat, ctx(new Date(designation.relanceLe)));
    expect(relance!.notifications[0]!.destinataire).toEqual({ role: 'structure', structureId: 'ft-gien' });

    // Designated by the structure, then oriented back to the département: its référent leaves, another is designated.
    let e = decider(
      oriente.etat,
      { type: 'designerReferent', donnees: { referentId: 'ft-r1', accordUsager: true } },
      ctx(),
    ).etat;
    e = decider(e, { type: 'demanderReorientation', donnees: { motif: 'm' } }, ctx()).etat;
    e = decider(
      e,
      { type: 'orienter', donnees: { decision: 'accompagnement', typeAccompagnement: 'social' } },
      ctx(),
    ).etat;
    expect(e).toMatchObject({ etape: 'designation', structureId: null, referentId: null, anciensReferents: ['ft-r1'] });
    expect(
      reveiller(e, ctx(new Date(e.echeances.find((x) => x.code === 'designation')!.relanceLe)))[0]!.notifications[0]!
        .destinataire,
    ).toEqual({
      role: 'cadre',
      equipeId: 'e',
    });
  });

  it('réveille pour la relance puis pour l’escalade, et se tait une fois tout envoyé', () => {
    const e = ouvert();
    const relanceLe = prochainReveil(e, politique)!;
    expect(relanceLe.toISOString().slice(0, 10)).toBe('2026-11-25');
    const [relance] = reveiller(e, ctx(relanceLe));
    expect(relance).toMatchObject({
      type: 'relance',
      notifications: [{ modele: 'relance', destinataire: { role: 'evaluateur', equipeId: 'e' } }],
    });
    const due = prochainReveil(relance!.etat, politique)!;
    const [escalade] = reveiller(relance!.etat, ctx(due));
    expect(escalade).toMatchObject({
      type: 'escalade',
      notifications: [{ destinataire: { role: 'cadre', equipeId: 'e' } }],
    });
    expect(prochainReveil(escalade!.etat, politique)).toBeNull();
  });

  it('n’arme aucun délai pendant une suspension, et les décale de sa durée à la reprise', () => {
    const suspendu = decider(ouvert(), { type: 'suspendre', donnees: { motif: 'Hospitalisation' } }, ctx()).etat;
    expect(prochainReveil(suspendu, politique)).toBeNull();
    const repris = decider(suspendu, { type: 'reprendre', donnees: {} }, ctx(new Date(t0.getTime() + 10 * 86_400_000)));
    expect(repris.etat.echeances[0]!.due.slice(0, 10)).toBe('2026-12-12');
    expect(repris.donnees).toMatchObject({ joursSuspendus: 10 });
  });
});
