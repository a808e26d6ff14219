/** The person's side (no account): their page through a signed link, the questionnaire, and the SMS callbacks. */
import { CODES_QUESTION, JALONS, reponseSchema } from '../../domain/espace/satisfaction';
import { ETAPES } from '../../domain/parcours/etapes';
import { z } from './zod';

export const espaceUsager = z
  .object({
    portee: z.enum(['parcours', 'questionnaire']).describe('La page du parcours, ou un questionnaire seul'),
    prenom: z.string().nullable(),
    situation: z
      .object({ etape: z.enum(ETAPES), ou: z.string(), ensuite: z.string() })
      .nullable()
      .describe('Où en est le parcours et ce qui vient ensuite, en langage courant'),
    rendezVous: z
      .object({ le: z.string(), lieu: z.string(), objet: z.string() })
      .nullable()
      .describe('Le prochain rendez-vous'),
    referent: z
      .object({ prenom: z.string(), nom: z.string(), email: z.string() })
      .nullable()
      .describe('La personne qui suit le parcours et comment la joindre'),
    equipe: z.string().nullable().describe('L’équipe qui suit le parcours'),
    aApporter: z.array(z.string()),
    questionnaire: z
      .object({
        jalon: z.enum(JALONS),
        questions: z.array(z.object({ code: z.enum(CODES_QUESTION), texte: z.string() })),
        echelle: z.array(z.object({ valeur: z.number(), libelle: z.string() })),
      })
      .nullable()
      .describe('Un questionnaire de satisfaction en attente de réponse'),
  })
  .openapi('EspaceUsager');

export const reponseQuestionnaire = reponseSchema;

export const revocationLiens = z
  .object({ revoques: z.number().describe('Liens de la personne fermés par cette demande') })
  .openapi('RevocationLiens');

/** Brevo's webhook of transactional SMS (delivery statuses and replies); only these fields are read. */
export const evenementSms = z
  .object({
    messageId: z.union([z.number(), z.string()]).optional(),
    msg_status: z.string().max(50).optional(),
    event: z.string().max(50).optional(),
    to: z.string().max(30).optional(),
    reply: z.string().max(1000).optional(),
  })
  .openapi('EvenementSms');
