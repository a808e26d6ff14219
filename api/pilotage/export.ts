/**
 * Exports of a pilotage table, for the département's own BI tools: CSV (UTF-8 with BOM, comma-separated, as
 * spreadsheet software opens it) and XLSX. Column headings are the descriptions of the table's row schema.
 */
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type { Fichier } from '../route';

export const FORMATS = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
export type Format = keyof typeof FORMATS;

const cellule = (v: unknown) => (Array.isArray(v) ? v.join(', ') : (v ?? null));

export async function exporter(
  table: { titre: string; ligne: z.ZodObject },
  nom: string,
  lignes: readonly object[],
  format: Format,
): Promise<Fichier> {
  const colonnes = Object.entries(table.ligne.shape).map(([cle, schema]) => ({
    cle,
    titre: (schema as z.ZodType).description ?? cle,
  }));
  const valeurs = lignes.map((l) => colonnes.map((c) => cellule((l as Record<string, unknown>)[c.cle])));
  const fichier = `${nom}-${new Date().toISOString().slice(0, 10)}.${format}`;
  if (format === 'csv') {
    const texte = stringify(valeurs, { header: true, columns: colonnes.map((c) => c.titre), bom: true });
    return { nom: fichier, type: FORMATS.csv, contenu: Buffer.from(texte, 'utf8') };
  }
  const classeur = new ExcelJS.Workbook();
  const feuille = classeur.addWorksheet(table.titre.slice(0, 31));
  feuille.columns = colonnes.map((c) => ({ header: c.titre, key: c.cle, width: Math.max(12, c.titre.length + 2) }));
  feuille.getRow(1).font = { bold: true };
  feuille.addRows(valeurs);
  return { nom: fichier, type: FORMATS.xlsx, contenu: Buffer.from(await classeur.xlsx.writeBuffer()) };
}
