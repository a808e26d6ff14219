import type { z } from 'zod';
import { lireConfigDepartement } from './fichier';
import { identiteSchema } from '../domain/identite';

export type Identite = z.infer<typeof identiteSchema>;

export const chargerIdentite = (departement: string): Identite =>
  lireConfigDepartement(departement, 'identite.json', identiteSchema);
