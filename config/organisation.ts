import { codeCommune, identifiant, z } from '../domain/validation';
import { POLES, ROLES, TYPES_LIEU } from '../domain/organisation/referentiel';
import { lireConfigDepartement } from './fichier';

const id = identifiant;
const siren = z.string().regex(/^\d{9}$/, 'SIREN d’EPCI attendu (9 chiffres).');
const JOURS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'] as const;
export const horairesSchema = z.object(
  Object.fromEntries(JOURS.map((j) => [j, z.string()])) as Record<(typeof JOURS)[number], z.ZodString>,
);

const unique = <T>(items: T[], cle: (t: T) => string) => new Set(items.map(cle)).size === items.length;

/** A département's organisation: agences, territoires d'action (EPCI and/or communes), équipes, own sites. */
export const organisationSchema = z
  .object({
    departement: id,
    codeInsee: z.string().regex(/^(\d{2}|2[AB]|97\d)$/),
    nom: z.string().min(1),
    /** Why the territoires are drawn as they are (JSON has no comments). */
    commentaire: z.string().optional(),
    couverture: z.object({ limiteKm: z.number().positive().max(100) }),
    agences: z.array(z.object({ id, nom: z.string().min(1) })),
    territoires: z
      .array(
        z.object({
          id,
          nom: z.string().min(1),
          agenceId: id.optional(),
          epci: z.array(siren).optional(),
          communes: z.array(codeCommune).optional(),
          equipe: z.object({ id, nom: z.string().min(1), poles: z.array(z.enum(POLES)) }),
        }),
      )
      .min(1),
    /** The département's own sites and CCAS (France services come from the national list, see geo:import). */
    lieuxAccueil: z.array(
      z.object({
        id,
        type: z.enum(TYPES_LIEU),
        nom: z.string().min(1),
        communeCode: codeCommune,
        adresse: z.string().optional(),
        horaires: horairesSchema,
      }),
    ),
  })
  .refine((o) => unique(o.territoires, (t) => t.id), {
    message: 'Identifiants de territoires en double.',
    path: ['territoires'],
  })
  .refine((o) => o.territoires.every((t) => !t.agenceId || o.agences.some((a) => a.id === t.agenceId)), {
    message: 'Territoire rattaché à une agence inconnue.',
    path: ['territoires'],
  })
  .refine((o) => o.territoires.every((t) => t.epci?.length || t.communes?.length), {
    message: 'Un territoire doit indiquer des EPCI ou des communes.',
    path: ['territoires'],
  });
export type Organisation = z.infer<typeof organisationSchema>;

/** Agents of the département (seed files hold fictional agents until the département enters its own). */
export const agentsSchema = z
  .object({
    avertissement: z.string().optional(),
    agents: z.array(
      z.object({
        id,
        equipeId: id.optional(),
        prenom: z.string().min(1),
        nom: z.string().min(1),
        email: z.email(),
        roles: z.array(z.enum(ROLES)).min(1),
        pole: z.enum(POLES).optional(),
        capacite: z.number().int().min(0),
      }),
    ),
  })
  .refine((a) => unique(a.agents, (x) => x.id) && unique(a.agents, (x) => x.email), {
    message: 'Agents en double (identifiant ou courriel).',
    path: ['agents'],
  });
export type AgentsConfig = z.infer<typeof agentsSchema>;

export function chargerOrganisation(departement: string): Organisation {
  return lireConfigDepartement(departement, 'organisation.json', organisationSchema);
}

export function chargerAgents(departement: string): AgentsConfig['agents'] {
  return lireConfigDepartement(departement, 'agents.json', agentsSchema).agents;
}
