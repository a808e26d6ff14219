import { codeCommune, dateBornee, texte, z } from './validation';

/** A birth date: from 1900 to today. */
export const dateNaissance = dateBornee({ le: '1900-01-01' }, { jours: 0 }, 'Date de naissance');

/** Identity of an usager as recorded at the premier accueil. */
export const usagerSchema = z.object({
  nom: texte(100),
  prenom: texte(100),
  dateNaissance: dateNaissance.optional(),
  communeCode: codeCommune.optional(),
  telephone: z
    .string()
    .regex(/^\+?[0-9 .-]{6,20}$/, 'Numéro de téléphone invalide.')
    .optional(),
  email: z.email({ error: 'Adresse électronique invalide.' }).max(254).optional(),
});
export type UsagerSaisi = z.infer<typeof usagerSchema>;
