/**
 * Generated partners' lists (CAF-like), for tests and benchmarks: fictional people, real communes of the
 * département, the headers of config/departements/<dept>/flux.json. No real personal data.
 */
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';

const NOMS = ['Martin', 'Bernard', 'Lefèvre', 'Petit', 'Durand', 'Moreau', 'Laurent', 'Garnier', 'Roux', 'Faure'];
const PRENOMS = ['Léa', 'Hugo', 'Chloé', 'Louis', 'Inès', 'Jules', 'Manon', 'Noé', 'Sarah', 'Adam'];
export const ENTETES = [
  'Numéro allocataire',
  'Rôle',
  'Nom',
  'Prénom',
  'Date de naissance',
  'Code INSEE',
  'Téléphone',
  "Date d'ouverture du droit",
];

const jjmmaaaa = (d: Date) =>
  `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;

/** `n` beneficiaries, numbered from `prefixe` (distinct per test file: they share a database). */
export function beneficiaires(n: number, communes: string[], prefixe: number, aujourdhui = new Date()): string[][] {
  return Array.from({ length: n }, (_, i) => {
    const naissance = new Date(Date.UTC(1960 + (i % 40), i % 12, 1 + (i % 28)));
    const droit = new Date(aujourdhui.getTime() - (i % 30) * 86_400_000);
    return [
      String(prefixe * 100_000 + i),
      i % 5 === 0 ? 'CJT' : 'DEM',
      NOMS[i % NOMS.length]!,
      PRENOMS[(i * 7) % PRENOMS.length]!,
      jjmmaaaa(naissance),
      communes[i % communes.length]!,
      `06 ${String(10_000_000 + i).slice(0, 2)} 00 00 ${String(i % 100).padStart(2, '0')}`,
      jjmmaaaa(droit),
    ];
  });
}

export const csv = (lignes: string[][]): Buffer => Buffer.from(stringify([ENTETES, ...lignes], { delimiter: ';' }));

export async function xlsx(lignes: string[][]): Promise<Buffer> {
  const classeur = new ExcelJS.Workbook();
  const feuille = classeur.addWorksheet('Bénéficiaires');
  feuille.addRows([ENTETES, ...lignes]);
  return Buffer.from(await classeur.xlsx.writeBuffer());
}
