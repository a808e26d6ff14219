import { z } from 'zod';

// Validation messages are read by agents: French everywhere zod speaks (API and workflow validators alike).
z.config(z.locales.fr());

export { z };

/**
 * Clean text: no control character (tab and line breaks excepted), no bidirectional override or isolate, no
 * lone surrogate. PostgreSQL refuses NUL and lone surrogates (a projection would fail over and over); bidi
 * overrides can make a name display as another. Two rules, because only the first can be a pattern of the
 * OpenAPI document that every client compiles: validators that read strings as Unicode scalar values (Rust,
 * Python) reject any pattern naming surrogates, and their strings cannot hold a lone one anyway. Written
 * without flags and with \u escapes only: the same meaning read with or without the `u` flag.
 */
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const TEXTE_AFFICHABLE = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$/;
const SURROGAT_ISOLE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const MESSAGE_TEXTE = 'Caractères interdits (contrôle, surrogat isolé ou forçage de sens d’écriture).';

/** Whether a string may be stored and shown as it is (the rule of every text field, and of the API's walk). */
export const textePropre = (s: string): boolean => TEXTE_AFFICHABLE.test(s) && !SURROGAT_ISOLE.test(s);

/** Free text as people type it, bounded, clean (see TEXTE_AFFICHABLE). */
export const texteLibre = (max: number) =>
  z
    .string()
    .max(max)
    .regex(TEXTE_AFFICHABLE, MESSAGE_TEXTE)
    .refine((s) => !SURROGAT_ISOLE.test(s), MESSAGE_TEXTE);

/** Required free text, trimmed. */
export const texte = (max: number) => texteLibre(max).trim().min(1, 'Ce champ est requis.');

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

const JOUR = 86_400_000;
const jourIso = (d: Date) => d.toISOString().slice(0, 10);
const formatJJ = (iso: string) => iso.split('-').reverse().join('/');

/** Bounds of a date, as an offset in days from today (evaluated at each parse) or a fixed day. */
type Borne = { jours: number } | { le: string };
const jourDe = (b: Borne): string => ('le' in b ? b.le : jourIso(new Date(Date.now() + b.jours * JOUR)));

/**
 * A calendar day (AAAA-MM-JJ) within a domain range, compared as a date (never as text). In a workflow, "today"
 * is the workflow's deterministic clock.
 */
export const dateBornee = (min: Borne, max: Borne, quoi: string) =>
  z.iso.date({ error: 'Date attendue au format AAAA-MM-JJ.' }).superRefine((v, ctx) => {
    const [de, a] = [jourDe(min), jourDe(max)];
    const t = Date.parse(`${v}T00:00:00Z`);
    if (t < Date.parse(`${de}T00:00:00Z`) || t > Date.parse(`${a}T00:00:00Z`))
      ctx.addIssue({ code: 'custom', message: `${quoi} : entre le ${formatJJ(de)} et le ${formatJJ(a)}.` });
  });

/** A month (AAAA-MM) within a range of years around today (PostgreSQL has no year 0, and no period is that old). */
export const moisBorne = (anneesAvant: number, anneesApres: number, quoi: string) =>
  z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Mois attendu au format AAAA-MM.')
    .superRefine((v, ctx) => {
      const annee = new Date().getUTCFullYear();
      const [de, a] = [annee - anneesAvant, annee + anneesApres];
      if (Number(v.slice(0, 4)) < de || Number(v.slice(0, 4)) > a)
        ctx.addIssue({ code: 'custom', message: `${quoi} : entre ${de} et ${a}.` });
    });

/** An instant (ISO 8601 with offset) within `horizonJours` from now, either way. */
export const instantBorne = (passeJours: number, horizonJours: number, quoi: string) =>
  z.iso.datetime({ offset: true, error: `${quoi} : date et heure attendues (ISO 8601).` }).superRefine((v, ctx) => {
    const t = Date.parse(v);
    if (t < Date.now() - passeJours * JOUR || t > Date.now() + horizonJours * JOUR)
      ctx.addIssue({
        code: 'custom',
        message: `${quoi} : au plus ${horizonJours} jours à venir${passeJours ? ` et ${passeJours} jours passés` : ''}.`,
      });
  });

/** A bounded list whose items are distinct by `cle` (the same need twice is a typing error, not two needs). */
export const listeBornee = <T extends z.ZodType>(
  item: T,
  {
    min = 0,
    messageMin,
    max,
    cle,
    quoi,
  }: { min?: number; messageMin?: string; max: number; cle?: (x: z.infer<T>) => unknown; quoi: string },
) =>
  z
    .array(item)
    .min(min, messageMin ?? `Au moins ${min} élément(s) : ${quoi}.`)
    .max(max, `Au plus ${max} éléments : ${quoi}.`)
    .superRefine((xs, ctx) => {
      if (!cle) return;
      const vus = new Set<unknown>();
      xs.forEach((x, i) => {
        const k = cle(x);
        if (vus.has(k)) ctx.addIssue({ code: 'custom', path: [i], message: `En double : ${quoi}.` });
        vus.add(k);
      });
    });
