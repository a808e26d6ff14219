/**
 * The satisfaction questionnaire sent to the person at the milestones a département chooses: a few questions
 * on a 1–5 scale and a free comment. Answers are kept apart from the dossier (no link back to the person) and
 * shown to agents only as aggregates over at least SEUIL_DIFFUSION answers.
 */
import { texteLibre, z } from '../validation';

/** The milestones at which the questionnaire may be sent (config/departements/<dept>/usager.json). */
export const JALONS = ['accueil', 'orientation', 'cloture'] as const;
export type Jalon = (typeof JALONS)[number];

export const LIBELLE_JALON: Record<Jalon, string> = {
  accueil: 'Après le premier accueil',
  orientation: 'Après l’orientation',
  cloture: 'À la clôture',
};

/** The questions, in plain French, each answered from 1 (pas du tout) to 5 (tout à fait). */
export const QUESTIONS = {
  accueil: 'Avez-vous été bien accueilli ou accueillie ?',
  clarte: 'Les explications que vous avez reçues étaient-elles claires ?',
  delais: 'Les délais vous ont-ils paru raisonnables ?',
  ecoute: 'Vous êtes-vous senti écouté ou écoutée ?',
} as const;
export type Question = keyof typeof QUESTIONS;
/** Column headings of the results (the cadre's board). */
export const LIBELLE_COURT_QUESTION: Record<Question, string> = {
  accueil: 'Accueil',
  clarte: 'Clarté',
  delais: 'Délais',
  ecoute: 'Écoute',
};
export const CODES_QUESTION = Object.keys(QUESTIONS) as Question[];

export const ECHELLE: Record<1 | 2 | 3 | 4 | 5, string> = {
  1: 'Pas du tout',
  2: 'Plutôt non',
  3: 'Moyennement',
  4: 'Plutôt oui',
  5: 'Tout à fait',
};

/** How long a questionnaire's link stays open. */
export const VALIDITE_QUESTIONNAIRE_JOURS = 30;

/** Below this many answers in a cell, averages are not shown (a small group could point at one person). */
export const SEUIL_DIFFUSION = 5;

const note = z
  .number({ error: 'Choisir une réponse de 1 à 5.' })
  .int('Choisir une réponse de 1 à 5.')
  .min(1, 'Choisir une réponse de 1 à 5.')
  .max(5, 'Choisir une réponse de 1 à 5.');

/** An answer: every question may be skipped, but not all of them with no comment either. */
export const reponseSchema = z
  .object({
    notes: z.object(
      Object.fromEntries(CODES_QUESTION.map((q) => [q, note.optional()])) as Record<
        Question,
        z.ZodOptional<typeof note>
      >,
    ),
    commentaire: texteLibre(1000).optional(),
  })
  .refine((r) => Object.values(r.notes).some((n) => n !== undefined) || !!r.commentaire?.trim(), {
    message: 'Répondre à au moins une question.',
    path: ['notes'],
  });
export type ReponseSatisfaction = z.infer<typeof reponseSchema>;
