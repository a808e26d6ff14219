import { codeCommune, z } from '../validation';

const nombre = z.coerce.number().refine(Number.isFinite);

/**
 * One commune of an official commune file, in the shape of data/geo/communes-27-45.json (COG + EPCI + point);
 * a département loads its own file of the same shape with `npm run geo:import -- --communes <file>`.
 */
export const communeSourceSchema = z.object({
  code: codeCommune,
  nom: z.string().min(1),
  departement: z.string().min(2).max(3),
  codesPostaux: z.array(z.string()).default([]),
  population: z.number().int().nullish(),
  epci: z.object({ siren: z.string(), nom: z.string() }).nullish(),
  point: z.object({ lat: nombre, lng: nombre, source: z.string().optional() }),
});
export type CommuneSource = z.infer<typeof communeSourceSchema>;

const horaire = z
  .string()
  .nullish()
  .transform((h) => h ?? '');

/** One France services site of the ANCT list (data/geo/france-services-27-45.json keeps its field names). */
export const franceServicesSourceSchema = z.object({
  id_fs: z.string().min(1),
  lib_fs: z.string().min(1),
  adresse: z.string().nullish(),
  complement_adresse: z.string().nullish(),
  insee_com: codeCommune,
  code_postal: z.string().nullish(),
  lib_com: z.string().nullish(),
  latitude: nombre,
  longitude: nombre,
  mail: z.string().nullish(),
  telephone: z.string().nullish(),
  h_lundi: horaire,
  h_mardi: horaire,
  h_mercredi: horaire,
  h_jeudi: horaire,
  h_vendredi: horaire,
  h_samedi: horaire,
});
export type FranceServicesSource = z.infer<typeof franceServicesSourceSchema>;
