/**
 * Sessions of the équipe pluridisciplinaire: what a case is, what the équipe may decide on it, the quorum and
 * convocation rules a département configures (config/departements/<dept>/sessions.json). Pure: the session
 * workflow, the API and the screens read it.
 */
import { z, texte, texteLibre } from '../validation';
import { dureeSchema } from '../delais/politique';
import { orientationSchema } from '../parcours/commandes';

/** Cases an équipe examines: an orientation to decide, a réorientation asked for, an opinion before an RSA sanction. */
export const NATURES_DOSSIER = ['orientation', 'reorientation', 'sanction'] as const;
export type NatureDossier = (typeof NATURES_DOSSIER)[number];

export const LIBELLE_NATURE: Record<NatureDossier, string> = {
  orientation: 'Orientation à décider',
  reorientation: 'Demande de réorientation',
  sanction: 'Avis avant sanction RSA',
};

/** A département's rules for its sessions. */
export const configSessionsSchema = z.object({
  /** How long before the session each person is convened (letter, email, SMS when agreed). */
  convocationAvant: dureeSchema,
  /** Members present required to deliberate (the session cannot be closed below it). */
  quorum: z.object({ membresMinimum: z.number().int().min(1).max(50) }),
  /** Whether the équipe gives its opinion before RSA sanctions in this département. */
  avisSanction: z.boolean(),
});
export type ConfigSessions = z.infer<typeof configSessionsSchema>;

export const PRESENCES = ['present', 'represente', 'excuse', 'absent'] as const;
export const LIBELLE_PRESENCE: Record<(typeof PRESENCES)[number], string> = {
  present: 'Présente',
  represente: 'Représentée',
  excuse: 'Excusée',
  absent: 'Absente',
};

/**
 * The équipe's decision on a case: an orientation (the parcours' own `orienter` action, the same data), an
 * opinion on a sanction, or a postponement (the case goes back to be queued for another session).
 */
export const decisionDossierSchema = z.discriminatedUnion(
  'decision',
  [
    ...orientationSchema.options,
    z.object({ decision: z.literal('avis_favorable'), motif: texte(4000) }),
    z.object({ decision: z.literal('avis_defavorable'), motif: texte(4000) }),
    z.object({ decision: z.literal('ajourne'), motif: texte(4000) }),
  ],
  { error: 'Décision attendue : accompagnement, externe, avis_favorable, avis_defavorable ou ajourne.' },
);
export type DecisionDossier = z.infer<typeof decisionDossierSchema>;

/** What is recorded of a case during the session. */
export const examenDossierSchema = z.object({
  presence: z.enum(PRESENCES, { error: 'Présence attendue : present, represente, excuse ou absent.' }),
  observations: texteLibre(4000).optional(),
  decision: decisionDossierSchema.optional(),
});
export type ExamenDossier = z.infer<typeof examenDossierSchema>;

/** The decisions that fit a case's nature ('ajourne' fits every case). */
export function decisionAdmise(nature: NatureDossier, decision: DecisionDossier['decision']): boolean {
  if (decision === 'ajourne') return true;
  return nature === 'sanction' ? decision.startsWith('avis_') : !decision.startsWith('avis_');
}

/** Whether a decision changes the parcours (an orientation), as opposed to an opinion or a postponement. */
export const oriente = (d: DecisionDossier): d is z.infer<typeof orientationSchema> =>
  d.decision === 'accompagnement' || d.decision === 'externe';

export const STATUTS_SESSION = ['planifiee', 'convoquee', 'close', 'terminee'] as const;
export type StatutSession = (typeof STATUTS_SESSION)[number];
export const LIBELLE_STATUT_SESSION: Record<StatutSession, string> = {
  planifiee: 'Planifiée',
  convoquee: 'Personnes convoquées',
  close: 'Close, décisions en cours d’application',
  terminee: 'Terminée, décisions notifiées',
};

/** What closing did with a case: applied to the parcours, an opinion recorded, postponed, or not applicable. */
export const ISSUES_DOSSIER = ['appliquee', 'avis_rendu', 'ajourne', 'non_applicable'] as const;
export type IssueDossier = (typeof ISSUES_DOSSIER)[number];
