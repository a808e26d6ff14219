import { z } from 'zod';

// Validation messages are read by agents: French everywhere zod speaks (API and workflow validators alike).
z.config(z.locales.fr());

/**
 * Free text as people type it: no control characters (tab and line breaks excepted). PostgreSQL refuses the
 * NUL character in text and JSON, so letting one through would fail a projection over and over.
 */
export const texteLibre = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^(?:[^\p{Cc}]|[\t\n\r])*$/u, 'Caractères de contrôle interdits.');

/** Required free text, trimmed. */
export const texte = (max: number) => texteLibre(max).trim().min(1, 'Ce champ est requis.');

export { z };

/** Readable id of the organisation (agent, équipe, territoire, agence, site): what the configuration files use. */
export const identifiant = z
  .string()
  .regex(/^[a-z0-9-]{1,100}$/, 'Identifiant lisible attendu (minuscules, chiffres, tirets).');

/** INSEE code of a commune (Corsica included); an old or delegated code is resolved where it is looked up. */
export const codeCommune = z.string().regex(/^(\d{5}|2[AB]\d{3})$/, 'Code INSEE de commune attendu (5 caractères).');

/** The `Idempotency-Key` header: a retried request with the same key gets the first answer. */
export const cleIdempotence = z
  .string()
  .regex(/^[\w.:-]{8,200}$/, 'Clé d’idempotence : 8 à 200 caractères (lettres, chiffres, « . », « : », « - », « _ »).');
