import fs from 'node:fs';
import path from 'node:path';
import { politiqueDelaisSchema, type PolitiqueDelais } from '../domain/delais/politique';

const dossier = path.join(__dirname, 'departements');

/** The délais policy of a département (config/departements/<departement>/delais.json), validated. */
export function chargerPolitiqueDelais(departement: string): PolitiqueDelais {
  const fichier = path.join(dossier, departement, 'delais.json');
  if (!/^[a-z0-9-]+$/.test(departement) || !fs.existsSync(fichier)) {
    throw new Error(`Département inconnu : « ${departement} » (attendu : ${fs.readdirSync(dossier).join(', ')}).`);
  }
  const r = politiqueDelaisSchema.safeParse(JSON.parse(fs.readFileSync(fichier, 'utf8')));
  if (!r.success) {
    throw new Error(`${path.relative(process.cwd(), fichier)} invalide :\n${r.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  return r.data;
}
