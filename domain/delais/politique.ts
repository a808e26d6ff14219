import { z } from '../validation';
import { ajouterJoursOuvres } from './calendrier';

export const UNITES = ['heures', 'jours', 'jours_ouvres', 'semaines', 'mois'] as const;

export const dureeSchema = z.object({
  valeur: z.number().int().positive(),
  unite: z.enum(UNITES),
});
export type Duree = z.infer<typeof dureeSchema>;

/** One délai: how long the step may take, and how long before its due date whoever must act is reminded. */
export const regleSchema = z.object({
  libelle: z.string().min(1),
  delai: dureeSchema,
  relanceAvant: dureeSchema,
  /** The legal or service text the rule comes from, shown to agents. */
  source: z.string().optional(),
});
export type Regle = z.infer<typeof regleSchema>;

export const CODES_DELAI = ['evaluation', 'orientation', 'orientationRsa', 'designation', 'contrat', 'revue'] as const;
export type CodeDelai = (typeof CODES_DELAI)[number];

/**
 * The délais policy of a département. Each parcours keeps the policy it was opened under (it is part of its
 * workflow input), so changing the file applies to new parcours without touching running workflows.
 */
export const politiqueDelaisSchema = z.object({
  evaluation: regleSchema,
  orientation: regleSchema,
  orientationRsa: regleSchema,
  designation: regleSchema,
  contrat: regleSchema,
  revue: regleSchema,
  revueProlongee: dureeSchema,
  rappelRendezVous: dureeSchema,
  /**
   * The end of the escalation chain: a délai the référent must act on, broken and escalated to the cadre, with
   * no action on the parcours for `apres`: a new référent is proposed to the cadre, or given at once. Without
   * it, the chain ends at the escalation.
   */
  suiteEscalade: z.object({ apres: dureeSchema, mode: z.enum(['proposer', 'reassigner']) }).optional(),
  /**
   * A situation flagged urgent at the accueil: the rules named here take these délais instead (the others keep
   * theirs). Without it, an urgent parcours has the usual délais and is only listed first.
   */
  urgence: z.partialRecord(z.enum(CODES_DELAI), regleSchema.omit({ libelle: true })).optional(),
});
export type PolitiqueDelais = z.infer<typeof politiqueDelaisSchema>;

/** The policy a parcours' clocks follow: its urgent délais in place of the usual ones when it is urgent. */
export function politiqueApplicable(politique: PolitiqueDelais, urgence: boolean): PolitiqueDelais {
  if (!urgence || !politique.urgence) return politique;
  const p = { ...politique };
  for (const code of CODES_DELAI) {
    const urgent = politique.urgence[code];
    if (urgent) p[code] = { ...p[code], ...urgent };
  }
  return p;
}

const HEURE_MS = 3_600_000;
const JOUR_MS = 24 * HEURE_MS;

/** Moves `depuis` by `duree`, forwards (sens 1) or backwards (sens -1): calendar units, or jours ouvrés. */
function decaler(depuis: Date, duree: Duree, sens: 1 | -1): Date {
  const n = duree.valeur * sens;
  switch (duree.unite) {
    case 'heures':
      return new Date(depuis.getTime() + n * HEURE_MS);
    case 'jours':
      return new Date(depuis.getTime() + n * JOUR_MS);
    case 'semaines':
      return new Date(depuis.getTime() + n * 7 * JOUR_MS);
    case 'jours_ouvres':
      return ajouterJoursOuvres(depuis, duree.valeur, sens);
    case 'mois': {
      const d = new Date(depuis.getTime());
      const jour = d.getUTCDate();
      d.setUTCDate(1);
      d.setUTCMonth(d.getUTCMonth() + n);
      // 31 January + 1 month = 28/29 February, not 3 March.
      const dernier = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
      d.setUTCDate(Math.min(jour, dernier));
      return d;
    }
  }
}

/** The instant `duree` after `depuis`. */
export const ajouter = (depuis: Date, duree: Duree) => decaler(depuis, duree, 1);
/** The instant `duree` before `jusqua` (when to remind before a due date). */
export const retrancher = (jusqua: Date, duree: Duree) => decaler(jusqua, duree, -1);
