import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { dossierDepartements, lireConfigDepartement } from './fichier';

/**
 * RGPD settings of a département (config/departements/<dept>/rgpd.json, optional): how long a dossier is kept
 * after the clôture of its last parcours before the person is anonymised. Default: 2 years (24 months), the
 * common practice of the field tools (rdv-insertion, RDV-Solidarités).
 */
export const rgpdSchema = z.object({
  conservationMoisApresCloture: z.number().int().min(1).max(120).default(24),
});
export type ConfigRgpd = z.infer<typeof rgpdSchema>;

export function chargerRgpd(departement: string): ConfigRgpd {
  const fichier = path.join(dossierDepartements, departement, 'rgpd.json');
  return fs.existsSync(fichier) ? lireConfigDepartement(departement, 'rgpd.json', rgpdSchema) : rgpdSchema.parse({});
}
