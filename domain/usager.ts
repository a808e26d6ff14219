import { codeCommune, texte, z } from './validation';

/** Identity of an usager as recorded at the premier accueil. */
export const usagerSchema = z.object({
  nom: texte(100),
  prenom: texte(100),
  dateNaissance: z.iso.date({ error: 'Date attendue au format AAAA-MM-JJ.' }).optional(),
  communeCode: codeCommune.optional(),
  telephone: z
    .string()
    .regex(/^\+?[0-9 .-]{6,20}$/, 'Numéro de téléphone invalide.')
    .optional(),
  email: z.email({ error: 'Adresse électronique invalide.' }).optional(),
});
export type UsagerSaisi = z.infer<typeof usagerSchema>;
