import { usagerSchema } from '../../domain/usager';
import { accueilSchema } from '../../domain/parcours/commandes';

describe('Saisie de l’usager et du premier accueil', () => {
  it('accepte une identité complète et refuse un code commune mal formé, en français', () => {
    expect(usagerSchema.safeParse({ nom: 'Roux', prenom: 'Ali', communeCode: '27229', dateNaissance: '1980-02-29' }).success).toBe(true);
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
});
