import { z } from 'zod';
import { correspondanceSchema, type Correspondance } from '../domain/flux/ligne';
import { SOURCES_FLUX, type SourceFlux } from '../domain/flux/sources';
import { lireConfigDepartement } from './fichier';

const fluxSchema = z.partialRecord(z.enum(SOURCES_FLUX), correspondanceSchema);

/** The column mapping of each partner's files for a département (config/departements/<departement>/flux.json). */
export const chargerCorrespondances = (departement: string): Partial<Record<SourceFlux, Correspondance>> =>
  lireConfigDepartement(departement, 'flux.json', fluxSchema);
