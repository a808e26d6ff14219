import { dateNaissance, usagerSchema } from '../../domain/usager';
import { texteLibre } from '../../domain/validation';
import { z } from './zod';

export const usagerVue = usagerSchema.extend({ id: z.uuid(), creeLe: z.string() }).openapi('Usager');

export const rechercheUsager = z.object({
  q: texteLibre(100).trim().min(2, 'Au moins 2 caractères.'),
  dateNaissance: dateNaissance.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const resultatsRecherche = z.object({ items: z.array(usagerVue) }).openapi('ResultatsRecherche');
