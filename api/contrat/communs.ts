import { identifiant } from '../../domain/validation';
import { z } from './zod';

export const erreurSchema = z
  .object({
    erreur: z.object({
      code: z.string(),
      message: z.string(),
      champs: z.array(z.object({ champ: z.string(), message: z.string() })).optional(),
    }),
  })
  .openapi('Erreur');

export const idParams = z.object({ id: z.uuid({ error: 'Identifiant invalide (UUID attendu).' }) });

/** Path parameter of the organisation's resources (agent, équipe). */
export const identifiantParams = z.object({ id: identifiant });

export const pagination = (max: number, defaut: number) => ({
  limit: z.coerce.number().int().min(1).max(max).default(defaut),
  // Bounded: a database's skip is a 64-bit integer, and no list is that long.
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
