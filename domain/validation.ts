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
