import { periodesDeSuivi, type EvenementNomme } from '../../domain/parcours/suivi';

const noms = (n: Partial<EvenementNomme['noms']> = {}) => ({ referent: null, structure: null, equipe: null, ...n });
let seq = 0;
const ev = (type: string, jour: string, n: Partial<EvenementNomme['noms']> = {}, donnees = {}): EvenementNomme => ({
  seq: ++seq,
  type,
  survenuLe: `2026-${jour}T09:00:00.000Z`,
  donnees,
  noms: noms(n),
});
const accompagnement = { decision: 'accompagnement' };

describe('Suivi du parcours, période par période', () => {
  it('équipe, puis structure référente et son référent, puis retour au département avec un autre référent', () => {
    const periodes = periodesDeSuivi([
      ev('accueil', '01-05', { equipe: 'Équipe Giennois' }),
      ev('evaluation', '01-20'),
      ev('orientation', '02-10', { structure: 'France Travail Gien' }, accompagnement),
      ev('designation_referent', '02-15', { referent: 'Marc Dupuis' }),
      ev('revue', '06-15'),
      ev('orientation', '07-01', {}, accompagnement),
      ev('designation_referent', '07-04', { referent: 'Léa Martin' }),
      ev('changement_referent', '09-01', { referent: 'Paul Roche' }),
      ev('cloture', '11-30'),
    ]);
    expect(periodes.map((p) => [p.du.slice(5, 10), p.au?.slice(5, 10) ?? null, p.suiviPar, p.referent])).toEqual([
      ['01-05', '02-10', 'Équipe Giennois', null],
      ['02-10', '02-15', 'France Travail Gien', null],
      ['02-15', '07-01', 'France Travail Gien', 'Marc Dupuis'],
      ['07-01', '07-04', 'Équipe Giennois', null],
      ['07-04', '09-01', 'Équipe Giennois', 'Léa Martin'],
      ['09-01', '11-30', 'Équipe Giennois', 'Paul Roche'],
    ]);
  });

  it('une réorientation sans changer de qui suit garde le référent (continuité), et l’ordre des événements compte, pas leur place', () => {
    const e = [
      ev('accueil', '01-05', { equipe: 'Équipe Montargis' }),
      ev('orientation', '02-10', {}, accompagnement),
      ev('designation_referent', '02-12', { referent: 'Inès Garnier' }),
      ev('orientation', '05-10', {}, { decision: 'accompagnement', typeAccompagnement: 'professionnel' }),
    ];
    const periodes = periodesDeSuivi([...e].reverse());
    expect(periodes.map((p) => [p.suiviPar, p.referent, p.au])).toEqual([
      ['Équipe Montargis', null, e[2]!.survenuLe],
      ['Équipe Montargis', 'Inès Garnier', null],
    ]);
  });
});
