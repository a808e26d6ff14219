import { estFerie, estOuvre, paques, ajouterJoursOuvres } from '../../domain/delais/calendrier';
import { ajouter, retrancher } from '../../domain/delais/politique';
import { chargerPolitiqueDelais } from '../../config/delais';

const d = (s: string) => new Date(`${s}T09:00:00.000Z`);
const jour = (x: Date) => x.toISOString().slice(0, 10);

describe('Calendrier des jours ouvrés', () => {
  it('calcule Pâques et les fêtes mobiles', () => {
    expect(jour(paques(2026))).toBe('2026-04-05');
    expect(jour(paques(2027))).toBe('2027-03-28');
    expect(estFerie(d('2026-04-06'))).toBe(true); // lundi de Pâques
    expect(estFerie(d('2026-05-14'))).toBe(true); // Ascension
    expect(estFerie(d('2026-05-25'))).toBe(true); // lundi de Pentecôte
    expect(estFerie(d('2026-07-14'))).toBe(true);
    expect(estFerie(d('2026-07-15'))).toBe(false);
  });

  it('saute week-ends et jours fériés, dans les deux sens', () => {
    expect(estOuvre(d('2026-11-21'))).toBe(false); // samedi
    // Tuesday 10 Nov 2026 + 1 jour ouvré: Wednesday 11 Nov is Armistice → Thursday 12.
    expect(jour(ajouterJoursOuvres(d('2026-11-10'), 1))).toBe('2026-11-12');
    // Friday 24 Dec 2027 + 1: Christmas is a Saturday, next working day Monday 27.
    expect(jour(ajouterJoursOuvres(d('2027-12-24'), 1))).toBe('2027-12-27');
    expect(jour(ajouterJoursOuvres(d('2026-11-12'), 1, -1))).toBe('2026-11-10');
    expect(ajouterJoursOuvres(d('2026-11-10'), 1).getUTCHours()).toBe(9);
  });
});

describe('Durées de la politique des délais', () => {
  it('ajoute des mois sans déborder sur le mois suivant', () => {
    expect(jour(ajouter(d('2026-01-31'), { valeur: 1, unite: 'mois' }))).toBe('2026-02-28');
    expect(jour(ajouter(d('2027-08-31'), { valeur: 6, unite: 'mois' }))).toBe('2028-02-29');
    expect(jour(retrancher(d('2026-03-31'), { valeur: 1, unite: 'mois' }))).toBe('2026-02-28');
  });

  it('compte semaines, jours, heures et jours ouvrés', () => {
    expect(jour(ajouter(d('2026-11-02'), { valeur: 6, unite: 'semaines' }))).toBe('2026-12-14');
    expect(ajouter(d('2026-11-02'), { valeur: 48, unite: 'heures' }).toISOString()).toBe('2026-11-04T09:00:00.000Z');
    expect(jour(ajouter(d('2026-12-18'), { valeur: 5, unite: 'jours_ouvres' }))).toBe('2026-12-28');
  });

  it('charge et valide la politique de chaque département, et refuse un département inconnu', () => {
    expect(chargerPolitiqueDelais('loiret').orientationRsa.delai).toEqual({ valeur: 6, unite: 'semaines' });
    expect(chargerPolitiqueDelais('eure').evaluation.delai.unite).toBe('jours_ouvres');
    expect(() => chargerPolitiqueDelais('../etc')).toThrow(/Département inconnu/);
  });
});
