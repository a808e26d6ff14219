import { politiqueDelaisSchema, type PolitiqueDelais } from '../domain/delais/politique';
import { lireConfigDepartement } from './fichier';

/** The délais policy of a département (config/departements/<departement>/delais.json), validated. */
export const chargerPolitiqueDelais = (departement: string): PolitiqueDelais =>
  lireConfigDepartement(departement, 'delais.json', politiqueDelaisSchema);
