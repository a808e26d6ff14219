import fs from 'node:fs';
import path from 'node:path';
import { chargerAgents, chargerOrganisation } from '../../config/organisation';
import { distanceKm } from '../../domain/geo/distance';
import { communeSourceSchema } from '../../domain/geo/sources';
import { decouper } from '../../domain/organisation/territoires';
import { couverture, lieuxLesPlusProches } from '../../domain/organisation/proximite';
import {
  choisirReferent,
  classerReferents,
  repartirParcours,
  type CandidatReferent,
} from '../../domain/organisation/referents';

const communes = communeSourceSchema
  .array()
  .parse(JSON.parse(fs.readFileSync(path.join(__dirname, '../../data/geo/communes-27-45.json'), 'utf8')));

describe.each([
  ['eure', '27', 585],
  ['loiret', '45', 325],
])('Organisation par défaut : %s', (departement, code, nombre) => {
  const org = chargerOrganisation(departement);
  const agents = chargerAgents(departement);
  const du = communes
    .filter((c) => c.departement === code)
    .map((c) => ({ code: c.code, epciSiren: c.epci?.siren ?? null }));

  it(`place chacune des ${nombre} communes dans exactement un territoire`, () => {
    expect(du).toHaveLength(nombre);
    const d = decouper(org.territoires, du);
    expect(d.sansTerritoire).toEqual([]);
    expect(d.ambigues).toEqual([]);
    expect(d.territoireDe.size).toBe(nombre);
    // No territoire is empty: each is a real part of the département.
    expect(new Set(d.territoireDe.values()).size).toBe(org.territoires.length);
  });

  it('donne à chaque équipe au moins deux référents avec de la capacité, et un cadre', () => {
    for (const t of org.territoires) {
      const equipe = agents.filter((a) => a.equipeId === t.equipe.id);
      expect(equipe.filter((a) => a.roles.includes('referent') && a.capacite > 0).length).toBeGreaterThanOrEqual(2);
      expect(equipe.some((a) => a.roles.includes('cadre'))).toBe(true);
    }
  });
});

it('Loiret : 4 agences nommées et 19 territoires d’action, une équipe chacun ; Eure : deux pôles par territoire', () => {
  const loiret = chargerOrganisation('loiret');
  expect(loiret.agences.map((a) => a.nom)).toEqual([
    expect.stringContaining('Orléans Métropole'),
    expect.stringContaining('Beauce à Sologne'),
    expect.stringContaining('Giennois-Montargois'),
    expect.stringContaining('Nord Loiret'),
  ]);
  expect(loiret.territoires).toHaveLength(19);
  expect(new Set(loiret.territoires.map((t) => t.equipe.id)).size).toBe(19);
  expect(loiret.couverture.limiteKm).toBe(20);
  expect(
    chargerOrganisation('eure').territoires.every((t) => t.equipe.poles.join() === 'evaluation,accompagnement'),
  ).toBe(true);
});

it('refuse un département inconnu', () => {
  expect(() => chargerOrganisation('gironde')).toThrow(/Département inconnu/);
});

describe('Distances et couverture', () => {
  it('calcule une distance orthodromique (Paris – Lyon ≈ 392 km)', () => {
    expect(distanceKm({ lat: 48.8566, lng: 2.3522 }, { lat: 45.764, lng: 4.8357 })).toBeCloseTo(392, -1);
    expect(distanceKm({ lat: 47.9, lng: 1.9 }, { lat: 47.9, lng: 1.9 })).toBe(0);
  });

  const lieux = [
    { id: 'a', lat: 47.9, lng: 1.9 },
    { id: 'b', lat: 48.2, lng: 2.25 },
  ];
  it('classe les lieux du plus proche au plus loin', () => {
    expect(lieuxLesPlusProches({ lat: 48.1, lng: 2.2 }, lieux, 2).map((l) => l.lieu.id)).toEqual(['b', 'a']);
  });

  it('liste les communes hors de portée, la plus mal servie en premier', () => {
    const c = couverture(
      [
        { code: '1', nom: 'Près', lat: 47.91, lng: 1.9 },
        { code: '2', nom: 'Loin', lat: 47.9, lng: 1.2 },
        { code: '3', nom: 'Très loin', lat: 47.9, lng: 0.9 },
      ],
      lieux,
      20,
    );
    expect(c.horsPortee.map((h) => h.commune.code)).toEqual(['3', '2']);
    expect(c.pireDistanceKm).toBeCloseTo(distanceKm({ lat: 47.9, lng: 0.9 }, lieux[0]!), 6);
  });
});

describe('Classement des référents', () => {
  const ref = (
    id: string,
    charge: number,
    capacite = 10,
    pole: CandidatReferent['pole'] = 'accompagnement',
  ): CandidatReferent => ({ id, charge, capacite, pole });

  it('équilibre : la charge la plus faible au regard de la capacité d’abord', () => {
    const r = classerReferents([ref('a', 6), ref('b', 2), ref('c', 3, 4)], { anciensReferents: [] });
    expect(r.map((p) => p.agentId)).toEqual(['b', 'a', 'c']);
    expect(r[0]).toMatchObject({ rang: 1, continuite: false, complet: false, charge: 2 });
  });

  it('continuité : un ancien référent de l’usager passe devant un collègue moins chargé', () => {
    expect(classerReferents([ref('a', 1), ref('b', 8)], { anciensReferents: ['b'] })[0]).toMatchObject({
      agentId: 'b',
      continuite: true,
    });
  });

  it('capacité atteinte : un référent complet passe après, même ancien référent, et reste signalé', () => {
    const r = classerReferents([ref('a', 10), ref('b', 9)], { anciensReferents: ['a'] });
    expect(r.map((p) => [p.agentId, p.complet])).toEqual([
      ['b', false],
      ['a', true],
    ]);
  });

  it('pôle : le pôle accompagnement passe devant le pôle évaluation', () => {
    expect(classerReferents([ref('a', 0, 10, 'evaluation'), ref('b', 5)], { anciensReferents: [] })[0]!.agentId).toBe(
      'b',
    );
  });

  it('dérogation : un autre choix que la proposition exige un motif et un référent de l’équipe', () => {
    const p = classerReferents([ref('a', 1), ref('b', 5)], { anciensReferents: [] });
    expect(choisirReferent(p)).toEqual({ ok: true, referentId: 'a', derogation: false, motif: null });
    expect(choisirReferent(p, { agentId: 'b' })).toEqual({ ok: false, erreur: 'motif_requis' });
    expect(choisirReferent(p, { agentId: 'b', motif: '  ' })).toEqual({ ok: false, erreur: 'motif_requis' });
    expect(choisirReferent(p, { agentId: 'x', motif: 'connaît la famille' })).toEqual({
      ok: false,
      erreur: 'hors_equipe',
    });
    expect(choisirReferent(p, { agentId: 'b', motif: 'connaît la famille' })).toEqual({
      ok: true,
      referentId: 'b',
      derogation: true,
      motif: 'connaît la famille',
    });
    expect(choisirReferent([])).toEqual({ ok: false, erreur: 'aucun_referent' });
  });

  it('répartit une charge entière : continuité d’abord, puis la charge la plus faible, sans dépasser la capacité', () => {
    const plan = repartirParcours(
      Array.from({ length: 6 }, (_, i) => ({ parcoursId: `p${i}`, anciensReferents: i === 0 ? ['b'] : [] })),
      [ref('a', 0), ref('b', 2), ref('c', 0, 1)],
    );
    // p0 stays with b (continuity); a and c start empty (tie → id), c is then full; a catches up with b (3/10 each, tie → id).
    expect(plan.map((p) => p.referentId)).toEqual(['b', 'a', 'c', 'a', 'a', 'a']);
  });
});
