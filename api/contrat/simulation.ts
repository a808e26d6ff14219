import { identifiant, listeBornee } from '../../domain/validation';
import { ligneDelaiEtape, ligneEscalade, ligneRespectDelai, ligneStock } from './pilotage';
import { z } from './zod';

/** Beyond this share of the volume, one or two territoires only: the whole département runs by sampling. */
export const ECHANTILLON_MAX_DEPARTEMENT = 0.25;
/** Territoires that may run above that share (full volume: one territoire takes minutes per simulated year). */
export const TERRITOIRES_MAX_PLEIN_VOLUME = 2;

const borne = (min: number, max: number, quoi: string, entier = false) => {
  const message = `${quoi} : ${entier ? 'nombre entier' : 'nombre'} de ${String(min).replace('.', ',')} à ${String(max).replace('.', ',')} attendu.`;
  const n = z.number({ error: message }).min(min, message).max(max, message);
  return entier ? n.int(message) : n;
};
const part = (quoi: string) => borne(0, 1, `${quoi} (part de 0 à 1)`);

export const STATUTS_SIMULATION = ['en_attente', 'en_cours', 'terminee', 'echec', 'interrompue'] as const;

const champsSimulation = {
  territoires: listeBornee(identifiant, { max: 30, cle: (t) => t, quoi: 'territoires' })
    .default([])
    .describe('Territoires simulés ; vide : tout le département (par échantillon)'),
  jours: borne(10, 365, 'Jours simulés', true),
  arriveesPour1000: borne(0.5, 100, 'Premiers accueils par an pour 1 000 habitants'),
  partOrientes: part('Évaluations suivies d’une orientation'),
  partRsa: part('Bénéficiaires du RSA'),
  partUrgence: part('Situations urgentes'),
  echantillon: borne(0.01, 1, 'Part du volume simulée (de 0,01 à 1)'),
  renforts: listeBornee(
    z.object({
      territoireId: identifiant,
      referents: borne(1, 20, 'Référents ajoutés', true),
    }),
    { max: 10, cle: (r) => r.territoireId, quoi: 'renforts (un par territoire)' },
  ).describe('Référents ajoutés au second scénario, par territoire'),
  graine: borne(0, 1_000_000_000, 'Graine du tirage', true)
    .default(16)
    .describe('Mêmes paramètres et même graine : mêmes personnes'),
};

export const demandeSimulation = z
  .object(champsSimulation)
  .superRefine((d, ctx) => {
    const plein = !d.territoires.length || d.territoires.length > TERRITOIRES_MAX_PLEIN_VOLUME;
    if (d.echantillon > ECHANTILLON_MAX_DEPARTEMENT && plein)
      ctx.addIssue({
        code: 'custom',
        path: ['echantillon'],
        message: `Au-delà de ${ECHANTILLON_MAX_DEPARTEMENT * 100} % du volume, choisissez un ou deux territoires : le département se simule par échantillon.`,
      });
    if (d.territoires.length)
      d.renforts.forEach((r, i) => {
        if (!d.territoires.includes(r.territoireId))
          ctx.addIssue({
            code: 'custom',
            path: ['renforts', i, 'territoireId'],
            message: 'Ce territoire n’est pas parmi les territoires simulés.',
          });
      });
  })
  .openapi('DemandeSimulation');

const scenario = z.object({
  nom: z.string().describe('Organisation simulée'),
  parcours: z.number().int().describe('Parcours ouverts pendant la simulation'),
  actions: z.number().int().describe('Actions des agents simulés'),
  actionsRefusees: z.number().int().describe('Actions refusées par le parcours (vue en retard de l’agent)'),
  respectDelais: z.array(ligneRespectDelai),
  delaisEtapes: z.array(ligneDelaiEtape),
  escalades: z.array(ligneEscalade),
  stock: z
    .record(z.string(), z.array(ligneStock))
    .describe('Stock par mois et étape : le département (clé vide), puis chaque territoire renforcé'),
});

export const resultatSimulationEtSi = z
  .object({
    du: z.string().describe('Premier mois simulé (AAAA-MM)'),
    au: z.string().describe('Dernier mois simulé (AAAA-MM)'),
    dureeSecondes: z.number().int(),
    echantillon: z.number(),
    echelle: z.string().describe('Ce que vaut le résultat : échantillon du volume ou plein volume'),
    territoires: z.array(z.object({ territoireId: z.string(), nom: z.string() })),
    scenarios: z.array(scenario).describe('A : l’organisation actuelle ; B : avec les renforts'),
  })
  .openapi('ResultatSimulationEtSi');

const ligne = {
  id: z.string(),
  statut: z.enum(STATUTS_SIMULATION),
  parametres: z.object({ ...champsSimulation, graine: z.number().int(), territoires: z.array(z.string()) }),
  lanceePar: z.string().describe('Nom de l’agent qui l’a lancée'),
  creeLe: z.string(),
  commenceLe: z.string().nullable(),
  termineLe: z.string().nullable(),
  erreur: z.string().nullable(),
};

export const simulationLigne = z.object(ligne).openapi('SimulationLigne');

export const simulationVue = z
  .object({
    ...ligne,
    journal: z.array(z.string()).describe('Avancement, une ligne par mois simulé'),
    resultat: resultatSimulationEtSi.nullable(),
  })
  .openapi('SimulationEtSi');

export const simulationsListe = z.object({ items: z.array(simulationLigne) }).openapi('SimulationsEtSi');
