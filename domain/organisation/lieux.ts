/**
 * A lieu d'accueil as an administrator (or an imported file) describes it, and the rules of its position: the
 * same schema validates the API's bodies and each row of an imported list.
 */
import { codeCommune, texte, texteLibre, z } from '../validation';
import { distanceKm, type Point } from '../geo/distance';
import { dansEmprise, type Emprise } from '../geo/emprise';
import { TYPES_LIEU, LIBELLE_TYPE_LIEU } from './referentiel';

export const JOURS_OUVERTURE = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'] as const;

/** Opening hours as published, one text per weekday ("9h-12h / 14h-17h"; empty when closed). */
export const horairesLieu = z
  .object(
    Object.fromEntries(JOURS_OUVERTURE.map((j) => [j, texteLibre(200).trim().default('')])) as Record<
      (typeof JOURS_OUVERTURE)[number],
      z.ZodDefault<ReturnType<typeof texteLibre>>
    >,
    { error: 'Horaires attendus par jour (lundi à samedi).' },
  )
  .strict();

const latitude = z
  .number({ error: 'Latitude en degrés attendue.' })
  .min(-90, 'Latitude entre -90 et 90.')
  .max(90, 'Latitude entre -90 et 90.');
const longitude = z
  .number({ error: 'Longitude en degrés attendue.' })
  .min(-180, 'Longitude entre -180 et 180.')
  .max(180, 'Longitude entre -180 et 180.');

/** The fields of a lieu d'accueil (coordinates: the commune's point when not given). */
export const champsLieu = {
  type: z.enum(TYPES_LIEU, {
    error: `Type attendu : ${TYPES_LIEU.map((t) => LIBELLE_TYPE_LIEU[t]).join(', ')}.`,
  }),
  nom: texte(200),
  adresse: texte(300).nullable(),
  communeCode: codeCommune,
  latitude: latitude.nullable(),
  longitude: longitude.nullable(),
  horaires: horairesLieu,
  telephone: z
    .string()
    .regex(/^\+?[0-9 .-]{6,20}$/, 'Numéro de téléphone invalide.')
    .nullable(),
  email: z.email({ error: 'Adresse électronique invalide.' }).max(254).nullable(),
};

/** Both coordinates or neither (then the commune's point). */
export const coordonneesCompletes = (l: { latitude?: number | null; longitude?: number | null }) =>
  (l.latitude == null) === (l.longitude == null);
export const MESSAGE_COORDONNEES = 'Indiquer la latitude et la longitude, ou aucune des deux (centre de la commune).';

/** How far from its commune's point a site may be placed (a commune of the Loiret spans at most ≈ 12 km). */
export const ECART_MAX_COMMUNE_KM = 15;

/**
 * What is wrong with a site's position, per field: outside the département's box (its communes, widened a
 * little), or far from the commune it names. Empty when the position is plausible.
 */
export function erreursPosition(
  point: Point,
  commune: Point & { nom: string },
  departement: Emprise,
): { champ: 'latitude' | 'longitude'; message: string }[] {
  if (!dansEmprise(departement, point))
    return [
      { champ: 'latitude', message: 'Ces coordonnées sont hors du département : vérifier latitude et longitude.' },
    ];
  const d = distanceKm(point, commune);
  if (d > ECART_MAX_COMMUNE_KM)
    return [
      {
        champ: 'latitude',
        message: `Ces coordonnées sont à ${Math.round(d)} km de ${commune.nom} (${ECART_MAX_COMMUNE_KM} km au plus) : vérifier la commune ou les coordonnées.`,
      },
    ];
  return [];
}
