import { usagerSchema } from '../../domain/usager';
import { accueilSchema, evaluationSchema, rendezVousSchema, revueSchema } from '../../domain/parcours/commandes';
import { textePropre } from '../../domain/validation';
import { PROFONDEUR_MAX, profondeurJson } from '../../api/corps';

const JOUR = 86_400_000;
const jour = (decalage: number) => new Date(Date.now() + decalage * JOUR).toISOString().slice(0, 10);
const accueil = { besoins: [{ domaine: 'logement' }], consentement: true };
const message = (r: { error?: { issues: { message: string }[] } }) => r.error?.issues[0]?.message;

describe('Saisie bornée et sensée', () => {
  it('borne la date de naissance entre 1900 et aujourd’hui, comparée comme une date', () => {
    const naissance = (dateNaissance: string) => usagerSchema.safeParse({ nom: 'Roux', prenom: 'Ali', dateNaissance });
    expect(naissance('1900-01-01').success).toBe(true);
    expect(naissance(jour(0)).success).toBe(true);
    for (const d of ['0000-01-01', '1899-12-31', '2999-01-01', jour(1), '1981-02-29', '1980-13-01'])
      expect(naissance(d).success).toBe(false);
    expect(message(naissance('0000-01-01'))).toMatch(/Date de naissance : entre le 01\/01\/1900 et le/);
  });

  it('borne l’ouverture du droit RSA à quelques années autour d’aujourd’hui', () => {
    const rsa = (droitRsaOuvertLe: string) => accueilSchema.safeParse({ ...accueil, droitRsaOuvertLe });
    expect(rsa(jour(-30)).success).toBe(true);
    expect(rsa(jour(30)).success).toBe(true);
    for (const d of ['9999-12-31', '0001-01-01', jour(-6 * 366), jour(2 * 366)]) expect(rsa(d).success).toBe(false);
    expect(message(rsa('9999-12-31'))).toMatch(/Ouverture du droit RSA/);
  });

  it('garde les rendez-vous dans un horizon de deux ans', () => {
    const rdv = (le: string) => rendezVousSchema.safeParse({ le, lieu: 'MDS', objet: 'Suivi' });
    expect(rdv(new Date(Date.now() + 30 * JOUR).toISOString()).success).toBe(true);
    expect(rdv('9999-12-31T10:00:00Z').success).toBe(false);
    expect(rdv(new Date(Date.now() + 800 * JOUR).toISOString()).success).toBe(false);
    expect(rdv('2000-01-01T10:00:00+02:00').success).toBe(false);
  });

  it('borne et dédoublonne les listes : un besoin, un constat, un avancement par élément', () => {
    const besoins = Array.from({ length: 4400 }, () => ({ domaine: 'logement' }));
    expect(accueilSchema.safeParse({ ...accueil, besoins }).success).toBe(false);
    const double = accueilSchema.safeParse({ ...accueil, besoins: [{ domaine: 'logement' }, { domaine: 'logement' }] });
    expect(double.error?.issues[0]).toMatchObject({
      path: ['besoins', 1],
      message: 'En double : un besoin par domaine.',
    });
    expect(
      evaluationSchema.safeParse({
        diagnostic: [
          { domaine: 'sante', constat: 'a', besoinAccompagnement: true },
          { domaine: 'sante', constat: 'b', besoinAccompagnement: false },
        ],
        synthese: 's',
        conclusion: 'orientation',
      }).success,
    ).toBe(false);
    const progres = (ids: string[]) =>
      revueSchema.safeParse({
        synthese: 's',
        issue: 'poursuite',
        progres: ids.map((objectifId) => ({ objectifId, avancement: 'en_cours' })),
      }).success;
    expect(progres(['obj-1', 'obj-2'])).toBe(true);
    expect(progres(['obj-1', 'obj-1'])).toBe(false);
    expect(progres(Array.from({ length: 31 }, (_, i) => `obj-${i}`))).toBe(false);
  });

  it('refuse surrogats isolés et forçages de sens d’écriture dans tout texte, garde les emojis et les accents', () => {
    for (const s of ['\ud800', 'a\udc00b', 'Ali\u202Ecé', '\u2066x\u2069', 'a\u0000', 'a\u0085'])
      expect(textePropre(s)).toBe(false);
    for (const s of ['Lefèvre', 'Ñandú 😀', 'ligne 1\nligne 2\tfin', 'عربي', '']) expect(textePropre(s)).toBe(true);
    expect(usagerSchema.safeParse({ nom: '\ud800', prenom: 'Ali' }).success).toBe(false);
    expect(usagerSchema.safeParse({ nom: 'Roux\u202E', prenom: 'Ali' }).success).toBe(false);
    expect(
      accueilSchema.safeParse({ ...accueil, besoins: [{ domaine: 'logement', precision: 'x\udbff' }] }).success,
    ).toBe(false);
  });

  it('mesure la profondeur d’un JSON en une passe, sans récursion, chaînes ignorées', () => {
    expect(profondeurJson(Buffer.from('{"a":[1,{"b":"[[[[{{"}]}'))).toBe(3);
    expect(profondeurJson(Buffer.from('"\\"[["'))).toBe(0);
    const profond = '['.repeat(8000) + ']'.repeat(8000);
    expect(profondeurJson(Buffer.from(profond))).toBe(8000);
    expect(PROFONDEUR_MAX).toBeLessThan(100);
  });
});
