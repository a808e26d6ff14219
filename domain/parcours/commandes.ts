import { z } from '../validation';
import { DOMAINES_BESOIN } from './etapes';

/** The premier accueil: who was received, where, which needs, how urgent, with which consent. */
export const accueilSchema = z.object({
  besoins: z
    .array(z.object({ domaine: z.enum(DOMAINES_BESOIN), precision: z.string().max(2000).optional() }))
    .min(1, 'Au moins un besoin doit être indiqué.'),
  lieuAccueilId: z.string().min(1).max(100).optional(),
  urgence: z.boolean().default(false),
  consentement: z.literal(true, { error: "Le consentement de la personne au traitement de ses données est requis." }),
});
export type Accueil = z.infer<typeof accueilSchema>;
