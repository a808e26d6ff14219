import { configSessionsSchema, type ConfigSessions } from '../domain/equipe/session';
import { lireConfigDepartement } from './fichier';

/** A département's rules for the sessions of its équipes (config/departements/<departement>/sessions.json). */
export const chargerConfigSessions = (departement: string): ConfigSessions =>
  lireConfigDepartement(departement, 'sessions.json', configSessionsSchema);
