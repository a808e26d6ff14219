import { z } from 'zod';
import { JALONS } from '../domain/espace/satisfaction';
import { ETAPES } from '../domain/parcours/etapes';
import { lireConfigDepartement } from './fichier';

/**
 * What a département gives the person (config/departements/<dept>/usager.json): how long the link to their
 * page is valid, at which milestones the satisfaction questionnaire is sent, what to bring at each step.
 */
export const configUsagerSchema = z.object({
  lienValiditeJours: z.number().int().min(1).max(730),
  jalonsSatisfaction: z.array(z.enum(JALONS)).refine((j) => new Set(j).size === j.length, 'Jalons en double.'),
  aApporter: z.partialRecord(z.enum(ETAPES), z.array(z.string().min(1).max(200)).max(15)),
});
export type ConfigUsagerDepartement = z.infer<typeof configUsagerSchema>;

export const chargerConfigUsager = (departement: string): ConfigUsagerDepartement =>
  lireConfigDepartement(departement, 'usager.json', configUsagerSchema);
