/**
 * docker-compose.yml cannot run here (no Docker engine): its services are checked against the configuration
 * schema instead — every variable known, each process's requirements met, sign-in valid in production — and the
 * topology against the one `npm run start:cluster` runs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { EXIGENCES, VARIABLES, loadEnv, manquantes } from '../../infra/env';
import { configurationAuth } from '../../api/auth';

interface Service {
  build?: string;
  image?: string;
  command?: string[];
  environment?: Record<string, string | number>;
  deploy?: { replicas?: number };
}

const compose = parse(fs.readFileSync(path.join(__dirname, '..', '..', 'docker-compose.yml'), 'utf8'), {
  merge: true,
}) as { services: Record<string, Service> };
const services = Object.entries(compose.services);

/** What an operator gives for the variables the file requires (`${X:?message}`). */
const FOURNIES: Record<string, string> = {
  URL_APPLICATION: 'https://parcours.cd45.invalid',
  SMTP_URL: 'smtp://relais.cd45.invalid:25',
  OIDC_ISSUER: 'https://connexion.cd45.invalid',
  OIDC_CLIENT_ID: 'parcours',
  OIDC_CLIENT_SECRET: 'secret-du-client',
  SESSION_SECRET: 'un-secret-de-session-de-plus-de-32-caracteres',
  LIEN_USAGER_SECRET: 'un-secret-des-liens-de-plus-de-32-caracteres',
};
/** Variables read by Node itself, not by the application. */
const HORS_APPLICATION = ['NODE_OPTIONS'];

/** Compose's interpolation: `${X:-défaut}`, `${X:?message}` (given by the operator), `${X}`. */
function interpoler(valeur: string | number): string {
  return String(valeur).replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_m, nom: string, op?: string, reste?: string) => {
    if (op === '-') return reste ?? '';
    const fournie = FOURNIES[nom];
    if (op === '?' && fournie === undefined)
      throw new Error(`${nom} requise par docker-compose.yml sans valeur d’exemple`);
    return fournie ?? '';
  });
}

/** The Dockerfile's environment, then the service's. */
const environnement = (s: Service): NodeJS.ProcessEnv => ({
  NODE_ENV: 'production',
  ...Object.fromEntries(Object.entries(s.environment ?? {}).map(([k, v]) => [k, interpoler(v)])),
});

const processus = (s: Service) => s.command?.at(-1) as keyof typeof EXIGENCES | 'db:migrate';
const applicatifs = services.filter(([, s]) => s.build);

describe('docker-compose.yml', () => {
  it.each(applicatifs)('%s : variables connues, configuration valide, exigences du processus remplies', (_nom, s) => {
    const brut = environnement(s);
    expect(Object.keys(brut).filter((v) => !VARIABLES.includes(v) && !HORS_APPLICATION.includes(v))).toEqual([]);
    const env = loadEnv(brut);
    const p = processus(s);
    if (p !== 'db:migrate') expect(manquantes(env, p)).toEqual([]);
    if (p === 'api') expect(configurationAuth(env)).toMatchObject({ mode: 'oidc' });
    // Addresses name services of the file.
    for (const adresse of [env.TEMPORAL_ADDRESS, env.DATABASE_URL && new URL(env.DATABASE_URL).host]) {
      if (adresse) expect(compose.services).toHaveProperty(adresse.split(':')[0]!);
    }
  });

  it('a la topologie de npm run start:cluster : services Temporal séparés, deux history, deux workers, deux API', () => {
    const repliques = (s: Service) => s.deploy?.replicas ?? 1;
    const temporal = services.filter(([, s]) => s.image?.startsWith('temporalio/server'));
    const parRole = (role: string) =>
      temporal.filter(([, s]) => s.environment?.SERVICES === role).reduce((n, [, s]) => n + repliques(s), 0);
    expect(['frontend', 'history', 'matching', 'worker'].map(parRole)).toEqual([1, 2, 1, 1]);
    const app = (p: string) =>
      applicatifs.filter(([, s]) => processus(s) === p).reduce((n, [, s]) => n + repliques(s), 0);
    expect([app('worker'), app('api'), app('db:migrate')]).toEqual([2, 2, 1]);
  });
});
