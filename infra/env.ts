import path from 'node:path';
import os from 'node:os';
import { z } from 'zod';

const membresSchema = z.array(
  z.object({
    nom: z.string(),
    role: z.enum(['frontend', 'history', 'matching', 'worker', 'parcours-worker', 'api']),
    adresse: z.string(),
  }),
);
export type MembreCluster = z.infer<typeof membresSchema>[number];

/** Process configuration: environment variables only (secrets never come from files in the repository). */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().default(path.resolve(__dirname, '..', '.data')),
  DATABASE_URL: z.string().url().optional(),
  EMBEDDED_PG_PORT: z.coerce.number().int().default(54329),
  DEPARTEMENT: z.string().default('loiret'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'URL smtp:// ou smtps:// attendue')
    .optional(),
  SMTP_EXPEDITEUR: z.string().default('Parcours Solidarités <ne-pas-repondre@parcours-solidarites.invalid>'),
  URL_APPLICATION: z.string().url().default('http://127.0.0.1:3000'),
  TEMPORAL_ADDRESS: z.string().optional(),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_TASK_QUEUE: z.string().default('parcours'),
  TEMPORAL_CLI_PATH: z.string().optional(),
  /** Cluster mode (npm run start:cluster): the Temporal server and its SQL tool, else cached or built. */
  TEMPORAL_SERVER_PATH: z.string().optional(),
  TEMPORAL_SQL_TOOL_PATH: z.string().optional(),
  /** A département's own cluster (mutual TLS) or Temporal Cloud (API key): infra/temporal-connection.ts. */
  TEMPORAL_TLS: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  TEMPORAL_TLS_CERT_PATH: z.string().optional(),
  TEMPORAL_TLS_KEY_PATH: z.string().optional(),
  TEMPORAL_TLS_CA_PATH: z.string().optional(),
  TEMPORAL_TLS_SERVER_NAME: z.string().optional(),
  TEMPORAL_API_KEY: z.string().optional(),
  /** Worker tuning (worker/worker.ts): chosen from bench/ measurements, see the README. */
  WORKER_CACHE_WORKFLOWS: z.coerce.number().int().min(0).optional(),
  WORKER_TACHES_WORKFLOW: z.coerce.number().int().min(2).optional(),
  WORKER_TACHES_ACTIVITE: z.coerce.number().int().min(1).optional(),
  /** Prometheus endpoint of the Temporal SDK's worker metrics (host:port), when set. */
  WORKER_METRICS_ADDRESS: z.string().optional(),
  /** The members of the system /health reports on (set by npm run start:cluster): JSON [{nom, role, adresse}]. */
  CLUSTER_MEMBRES: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v) return undefined;
      try {
        return membresSchema.parse(JSON.parse(v));
      } catch {
        ctx.addIssue({ code: 'custom', message: 'liste JSON [{nom, role, adresse}] attendue' });
        return z.NEVER;
      }
    }),
  EMBEDDED_TEMPORAL_PORT: z.coerce.number().int().default(7233),
  EMBEDDED_TEMPORAL_UI_PORT: z.coerce.number().int().default(8233),
  // Identity (issue 5): see api/auth.ts. Dev sign-in only without an issuer and never in production.
  AUTH_MODE: z.enum(['dev', 'oidc']).optional(),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_SCOPE: z.string().default('openid email given_name usual_name'),
  /** Expected audience of bearer access tokens (checked when set). */
  OIDC_AUDIENCE: z.string().optional(),
  SESSION_SECRET: z.string().optional(),
  SESSION_DUREE_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(8 * 60),
  LIMITE_CONNEXIONS_MINUTE: z.coerce.number().int().min(1).default(20),
  /** Express "trust proxy" (e.g. 1 behind one reverse proxy): the journal records the client's IP. */
  TRUST_PROXY: z.string().optional(),
  /** Signs the person's links (infra/jeton-lien.ts): the same value for API and workers; required in production. */
  LIEN_USAGER_SECRET: z.string().min(32, '32 caractères au moins').optional(),
  /** Openings of the person's page per address and minute (express-rate-limit). */
  LIMITE_LIENS_MINUTE: z.coerce.number().int().min(1).default(30),
  /** Brevo transactional SMS (infra/sms.ts): without a key, messages to the person go by email only. */
  BREVO_API_KEY: z.string().min(1).optional(),
  BREVO_URL: z.string().url().default('https://api.brevo.com'),
  SMS_EXPEDITEUR: z
    .string()
    .regex(/^[A-Za-z0-9]{1,11}$/, '11 lettres ou chiffres au plus')
    .default('Departement'),
  /** Credentials Brevo sends with delivery statuses and replies (POST /sms/evenements); required with a key. */
  SMS_WEBHOOK_SECRET: z.string().min(16, '16 caractères au moins').optional(),
  TOOLS_CACHE_DIR: z
    .string()
    .default(path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'parcours-solidarites')),
});

export type Env = z.infer<typeof envSchema>;

/** Every variable the configuration knows (the compose file's test rejects the others: typos). */
export const VARIABLES = Object.keys(envSchema.shape);

/** What each separately run process requires from the environment (npm start and start:cluster provide them). */
export const EXIGENCES = {
  worker: ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'SMTP_URL'],
  api: ['DATABASE_URL', 'TEMPORAL_ADDRESS'],
} as const satisfies Record<string, ReadonlyArray<keyof Env>>;

/** The variables `processus` requires and `env` lacks (empty when it can start). */
export const manquantes = (env: Env, processus: keyof typeof EXIGENCES): string[] =>
  EXIGENCES[processus].filter((v) => !env[v]);

/** Outside production only: the links' secret when LIEN_USAGER_SECRET is not set (API and worker share it). */
export const SECRET_LIEN_DEVELOPPEMENT = 'developpement-seulement-jamais-en-production';

/** The secret that signs the person's links: LIEN_USAGER_SECRET, required in production. */
export function secretLien(env: Env): string {
  if (env.LIEN_USAGER_SECRET) return env.LIEN_USAGER_SECRET;
  if (env.NODE_ENV === 'production')
    throw new Error('Production : LIEN_USAGER_SECRET (32 caractères au moins) est requis.');
  return SECRET_LIEN_DEVELOPPEMENT;
}

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Configuration invalide (variables d'environnement):\n${details}`);
  }
  return parsed.data;
}

export const projectRoot = path.resolve(__dirname, '..');
