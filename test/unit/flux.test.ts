import fc from 'fast-check';
import { cleIdentite, dateIso, lireLigne, reperer, type Correspondance } from '../../domain/flux/ligne';
import { chargerCorrespondances } from '../../config/flux';
import { ENTETES, beneficiaires } from '../support/flux';

const caf = chargerCorrespondances('loiret').caf as Correspondance;
const requis = ['nom', 'prenom', 'communeCode', ...caf.requis] as const;

describe('Lecture d’une ligne de liste de bénéficiaires', () => {
  it('trouve les colonnes quels que soient la casse, les accents et la ponctuation des en-têtes', () => {
    const entetes = ['NUMERO ALLOCATAIRE', 'role', 'NOM', 'prénom', 'date_de_naissance', 'code-insee', 'DTOUVDRT'];
    const { colonnes, manquantes } = reperer(entetes, caf);
    expect(manquantes).toEqual([]);
    expect(colonnes.get('droitRsaOuvertLe')?.entete).toBe('DTOUVDRT');
    expect(reperer(['Nom', 'Prénom'], caf).manquantes).toEqual([
      'communeCode',
      'numeroAllocataire',
      'droitRsaOuvertLe',
    ]);
  });

  it('lit les dates françaises et ISO, et refuse les autres en nommant la colonne du fichier', () => {
    expect(dateIso('3/2/1980')).toBe('1980-02-03');
    expect(dateIso('1980-02-03T00:00:00.000Z')).toBe('1980-02-03');
    const { colonnes } = reperer(ENTETES, caf);
    const [ligne] = beneficiaires(1, ['45234'], 1);
    const faux = [...ligne!];
    faux[4] = '1980/13/45';
    expect(lireLigne(faux, colonnes, requis)).toEqual({
      erreurs: [{ champ: 'Date de naissance', message: 'Date attendue au format JJ/MM/AAAA.' }],
    });
    expect(lireLigne(ligne!, colonnes, requis)).toMatchObject({
      ligne: { roleAllocataire: 'CJT', communeCode: '45234' },
    });
  });

  it('ne lève jamais d’exception, quelles que soient les cellules (une ligne ou des erreurs nommées)', () => {
    const { colonnes } = reperer(ENTETES, caf);
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constant('')), { maxLength: 12 }),
        (cellules) => {
          const r = lireLigne(cellules, colonnes, requis);
          if ('erreurs' in r) expect(r.erreurs.length).toBeGreaterThan(0);
          else expect(cleIdentite(r.ligne)).toMatch(/^alloc:/);
        },
      ),
      { numRuns: 500 },
    );
  });
});
