import { dateBornee, z } from './validation';

const couleur = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Couleur attendue au format #RRGGBB.');
const adresse = z.string().trim().min(1).max(300);

/**
 * How the screens present themselves for a département (config/departements/<dept>/identite.json): its name,
 * logo and colours, and what its legal pages say. Each département deploys the screens under its own identity
 * (the State's design system is reserved to the State's own sites).
 */
export const identiteSchema = z.object({
  /** Name of the service as agents see it. */
  service: z.string().trim().min(1).max(80),
  /** Name of the collectivité that publishes it ("Département du Loiret"). */
  collectivite: z.string().trim().min(1).max(120),
  /** One line under the service name. */
  accroche: z.string().trim().max(160).optional(),
  /** Logo: an SVG drawing (inline markup, no script), shown beside the name; decorative (the name is text). */
  logoSvg: z
    .string()
    .max(20_000)
    .refine((s) => s.trimStart().startsWith('<svg') && !/<script|on\w+=/i.test(s), 'SVG sans script attendu.'),
  couleurs: z.object({
    /** Brand colour: header band, buttons, links. White text must read on it (contrast ≥ 4.5:1). */
    principale: couleur,
    /** Darker shade for hover and focus. */
    principaleFoncee: couleur,
    /** Light tint for panels. */
    fond: couleur,
  }),
  /** Who signs the letters in the département's name, printed at their foot ("Pour le président…"). */
  signataire: z.object({
    nom: z.string().trim().min(1).max(120),
    /** Their title, as it precedes the name ("La directrice de l’action sociale"). */
    qualite: z.string().trim().min(1).max(160),
  }),
  mentionsLegales: z.object({
    editeur: adresse,
    directeurPublication: z.string().trim().min(1).max(120),
    hebergeur: adresse,
    contact: z.email(),
  }),
  accessibilite: z.object({
    etat: z.enum(['totalement conforme', 'partiellement conforme', 'non conforme']),
    auditeLe: dateBornee({ le: '2000-01-01' }, { jours: 1 }, 'Date de l’audit').optional(),
    contact: z.email(),
  }),
  donneesPersonnelles: z.object({
    responsable: adresse,
    delegueProtection: z.email(),
    finalite: z.string().trim().min(1).max(600),
  }),
});
