import { dateNaissance, usagerSchema } from '../../domain/usager';
import { texteLibre } from '../../domain/validation';
import { z } from './zod';

export const usagerVue = usagerSchema
  .extend({ id: z.uuid(), creeLe: z.string(), communeNom: z.string().nullable().describe('Nom de la commune') })
  .openapi('Usager');

export const rechercheUsager = z.object({
  q: texteLibre(100).trim().min(2, 'Au moins 2 caractères.'),
  dateNaissance: dateNaissance.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const resultatsRecherche = z.object({ items: z.array(usagerVue) }).openapi('ResultatsRecherche');

/** A correction: each field either kept (absent) or replaced; the optional ones may be erased (null). */
export const correctionIdentite = usagerSchema
  .partial()
  .extend({
    dateNaissance: usagerSchema.shape.dateNaissance.unwrap().nullable().optional(),
    communeCode: usagerSchema.shape.communeCode.unwrap().nullable().optional(),
    telephone: usagerSchema.shape.telephone.unwrap().nullable().optional(),
    email: usagerSchema.shape.email.unwrap().nullable().optional(),
  })
  .openapi('CorrectionIdentite');
