import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';

export const dossierDepartements = path.join(__dirname, 'departements');

/** Reads and validates config/departements/<departement>/<fichier>, naming the file and fields in errors. */
export function lireConfigDepartement<S extends z.ZodType>(
  departement: string,
  fichier: string,
  schema: S,
): z.infer<S> {
  const chemin = path.join(dossierDepartements, departement, fichier);
  if (!/^[a-z0-9-]+$/.test(departement) || !fs.existsSync(chemin)) {
    throw new Error(
      `Département inconnu : « ${departement} » (attendu : ${fs.readdirSync(dossierDepartements).join(', ')}).`,
    );
  }
  const r = schema.safeParse(JSON.parse(fs.readFileSync(chemin, 'utf8')));
  if (!r.success) {
    throw new Error(
      `${path.relative(process.cwd(), chemin)} invalide :\n${r.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`,
    );
  }
  return r.data;
}
