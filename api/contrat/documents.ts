import { z } from './zod';

/** The documents of a parcours the dossier lists (GET /parcours/:id/documents): one per session for letters. */
export const documentsParcours = z
  .object({
    items: z.array(
      z.object({
        document: z.string().describe('Nom du document dans le catalogue'),
        titre: z.string(),
        session: z
          .object({ dossierId: z.string(), le: z.string(), equipe: z.string() })
          .nullable()
          .describe('La session de l’équipe dont la lettre relève'),
        lien: z.string().describe('Adresse du PDF'),
      }),
    ),
  })
  .openapi('DocumentsParcours');
