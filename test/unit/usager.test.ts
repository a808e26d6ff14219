import { MESSAGE_TEXTE } from '../../domain/validation';
import { usagerSchema } from '../../domain/usager';
import { accueilSchema } from '../../domain/parcours/commandes';

describe('Saisie de l’usager et du premier accueil', () => {
  it('accepte une identité complète et refuse un code commune mal formé, en français', () => {
    expect(
      usagerSchema.safeParse({ nom: 'Roux', prenom: 'Ali', communeCode: '27229', dateNaissance: '1980-02-29' }).success,
    ).toBe(true);
    const r = usagerSchema.safeParse({ nom: 'Roux', prenom: 'Ali', communeCode: '2722' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/Code INSEE/);
    expect(usagerSchema.safeParse({ nom: 'Roux', prenom: 'Ali', dateNaissance: '1981-02-29' }).success).toBe(false);
  });

  it('exige au moins un besoin d’un domaine connu et le consentement', () => {
    expect(accueilSchema.safeParse({ besoins: [{ domaine: 'logement' }], consentement: true }).success).toBe(true);
    expect(accueilSchema.safeParse({ besoins: [{ domaine: 'loisirs' }], consentement: true }).success).toBe(false);
    expect(accueilSchema.safeParse({ besoins: [{ domaine: 'logement' }], consentement: false }).success).toBe(false);
  });

  it('refuse les caractères de contrôle, que PostgreSQL ne sait pas enregistrer', () => {
    const r = usagerSchema.safeParse({ nom: 'Ro\u0000ux', prenom: 'Ali' });
    expect(r.error?.issues[0]).toMatchObject({ path: ['nom'], message: MESSAGE_TEXTE });
    expect(
      accueilSchema.safeParse({ besoins: [{ domaine: 'logement', precision: 'a\u0000' }], consentement: true }).success,
    ).toBe(false);
    expect(
      accueilSchema.safeParse({
        besoins: [{ domaine: 'logement', precision: 'ligne 1\nligne 2\tfin' }],
        consentement: true,
      }).success,
    ).toBe(true);
  });
});
