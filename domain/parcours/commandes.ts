import { dateBornee, identifiant, instantBorne, listeBornee, texte as texteRequis, texteLibre, z } from '../validation';
import { DOMAINES_BESOIN } from './etapes';
import { SOURCES_FLUX } from '../flux/sources';

const texte = (max = 4000) => texteRequis(max);
const domaine = z.enum(DOMAINES_BESOIN);

/** The premier accueil: who was received, where, which needs, how urgent, with which consent. */
export const accueilSchema = z.object({
  besoins: listeBornee(z.object({ domaine, precision: texteLibre(2000).optional() }), {
    min: 1,
    messageMin: 'Au moins un besoin doit être indiqué.',
    max: DOMAINES_BESOIN.length,
    cle: (b) => b.domaine,
    quoi: 'un besoin par domaine',
  }),
  lieuAccueilId: texte(100).optional(),
  urgence: z.boolean().default(false),
  consentement: z.literal(true, { error: 'Le consentement de la personne au traitement de ses données est requis.' }),
  /** For an RSA beneficiary: the opening of the right starts the 6-week orientation clock. */
  droitRsaOuvertLe: dateBornee({ jours: -5 * 366 }, { jours: 366 }, 'Ouverture du droit RSA').optional(),
});
export type Accueil = z.infer<typeof accueilSchema>;

/**
 * A parcours opened from a partner's list (CAF, MSA, France Travail): nobody was received yet, and the legal
 * basis is the département's mission (RSA orientation), not consent — asked when the person is first seen.
 */
export const accueilFluxSchema = accueilSchema.omit({ consentement: true }).extend({ origine: z.enum(SOURCES_FLUX) });
export type AccueilRecu = Accueil | z.infer<typeof accueilFluxSchema>;
/** The schema of a received accueil: agents' accueils never skip consent (the API sends no `origine`). */
export const schemaAccueil = (donnees: unknown) =>
  donnees && typeof donnees === 'object' && 'origine' in donnees ? accueilFluxSchema : accueilSchema;

/** Évaluation globale: a diagnostic per domain, then a conclusion. */
export const evaluationSchema = z.object({
  diagnostic: listeBornee(z.object({ domaine, constat: texte(), besoinAccompagnement: z.boolean() }), {
    min: 1,
    messageMin: 'Le diagnostic couvre au moins un domaine.',
    max: DOMAINES_BESOIN.length,
    cle: (d) => d.domaine,
    quoi: 'un constat par domaine',
  }),
  synthese: texte(),
  conclusion: z.enum(['repondu', 'orientation'], { error: 'Conclusion attendue : « repondu » ou « orientation ».' }),
});
export type Evaluation = z.infer<typeof evaluationSchema>;

export const TYPES_ACCOMPAGNEMENT = ['social', 'professionnel', 'socio_professionnel'] as const;

/** The équipe pluridisciplinaire's decision. */
export const orientationSchema = z.discriminatedUnion(
  'decision',
  [
    z.object({
      decision: z.literal('accompagnement'),
      typeAccompagnement: z.enum(TYPES_ACCOMPAGNEMENT),
      /** Oriented to a structure référente (France Travail, an association, a CCAS): it designates the référent. */
      structureId: identifiant.optional(),
      motif: texteLibre(4000).optional(),
    }),
    z.object({ decision: z.literal('externe'), organismeExterne: texte(200), motif: texte() }),
  ],
  { error: 'Décision attendue : « accompagnement » ou « externe ».' },
);
export type Orientation = z.infer<typeof orientationSchema>;

export const designationSchema = z.object({
  referentId: identifiant,
  accordUsager: z.literal(true, { error: "L'accord de la personne sur son référent doit être recueilli." }),
});
export type Designation = z.infer<typeof designationSchema>;

export const planSchema = z.object({
  objectifs: listeBornee(z.object({ libelle: texte(500), domaine }), {
    min: 1,
    messageMin: 'Le plan comporte au moins un objectif.',
    max: 30,
    cle: (o) => o.libelle.toLowerCase(),
    quoi: 'objectifs du plan (libellés distincts)',
  }),
});
export type Plan = z.infer<typeof planSchema>;

export const AVANCEMENTS = ['non_commence', 'en_cours', 'atteint', 'abandonne'] as const;
/** What a revue concludes: the accompaniment goes on, a réorientation is asked, or it ends. */
export const ISSUES_REVUE = ['poursuite', 'reorientation', 'cloture'] as const;

export const MOTIFS_CLOTURE = [
  'objectifs_atteints',
  'reponse_immediate',
  'orientation_externe',
  'demenagement',
  'refus',
  'sans_contact',
  'deces',
  'autre',
] as const;

export const revueSchema = z
  .object({
    synthese: texte(),
    progres: listeBornee(
      z.object({ objectifId: texte(100), avancement: z.enum(AVANCEMENTS), commentaire: texteLibre(2000).optional() }),
      { max: 30, cle: (p) => p.objectifId, quoi: 'un avancement par objectif' },
    ),
    issue: z.enum(ISSUES_REVUE),
    motifCloture: z.enum(MOTIFS_CLOTURE).optional(),
    /** Art. L262-31 CASF: the next revue may be pushed to 12 months for health, disability, housing or family reasons. */
    prolongation: z.object({ motif: texte(1000) }).optional(),
  })
  .refine((r) => r.issue !== 'cloture' || !!r.motifCloture, {
    message: 'Le motif de clôture est requis.',
    path: ['motifCloture'],
  });
export type Revue = z.infer<typeof revueSchema>;

export const motifSchema = z.object({ motif: texte(1000) });
export type Motif = z.infer<typeof motifSchema>;

export const repriseSchema = z.object({ commentaire: texteLibre(1000).optional() });

export const prolongationSchema = z.object({ jours: z.number().int().min(1).max(365), motif: texte(1000) });
export type Prolongation = z.infer<typeof prolongationSchema>;

export const clotureSchema = z.object({ motif: z.enum(MOTIFS_CLOTURE), commentaire: texteLibre(2000).optional() });
export type Cloture = z.infer<typeof clotureSchema>;

/** Why a chosen routing is refused, on its équipe field (at accueil by the API, on re-routing by the workflow). */
export const EQUIPE_HORS_ROUTAGE =
  'Cette équipe n’existe pas dans ce territoire du département, ou elle est désactivée.';

/** A routing chosen by an agent: an équipe of a territoire of the département, with the reason. */
export const routageSchema = z.object({ territoireId: identifiant, equipeId: identifiant, motif: texte(1000) });
export type RoutageManuel = z.infer<typeof routageSchema>;

export const changementReferentSchema = z.object({ referentId: identifiant, motif: texte(1000) });
export type ChangementReferent = z.infer<typeof changementReferentSchema>;

export const rendezVousSchema = z.object({
  /** Within two years; the step rules refuse a past time. */
  le: instantBorne(1, 2 * 366, 'Date du rendez-vous'),
  lieu: texte(200),
  objet: texte(500),
});
export type RendezVous = z.infer<typeof rendezVousSchema>;

export const relanceSchema = z.object({ message: texteLibre(1000).optional() });
export type Relance = z.infer<typeof relanceSchema>;
