import type { Request, RequestHandler, Response, Router } from 'express';
import type { OpenAPIRegistry, RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z, type ZodType } from 'zod';
import { erreurSchema } from './contrat/communs';
import { HttpError, champsDepuisZod } from './errors';
import { PERMISSIONS, verifierPermission, type Permission } from './acces';
import type { EntreeJournal } from './journal';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

interface RouteSpec<P extends ZodType, Q extends ZodType, B extends ZodType, R extends ZodType> {
  method: Method;
  /** Express path (`/parcours/:id`); the OpenAPI path is derived from it. */
  path: string;
  summary: string;
  tag: string;
  /** Required permission (api/acces.ts): role gate before the handler, access journal when personal data. */
  acces: Permission;
  params?: P;
  query?: Q;
  body?: B;
  status?: number;
  response: R;
  /** Statuses this route may answer with besides 400 and 500 (they are documented). */
  errors?: number[];
  handler: (input: {
    params: z.infer<P>;
    query: z.infer<Q>;
    body: z.infer<B>;
    req: Request;
    res: Response;
  }) => Promise<z.infer<R>>;
}

const ERROR_TEXT: Record<number, string> = {
  400: 'Données invalides (détail par champ)',
  401: 'Non authentifié',
  403: 'Rôle insuffisant',
  404: 'Introuvable',
  409: 'Action impossible à cette étape',
  413: 'Requête trop volumineuse',
  500: 'Erreur interne',
};

/** The path of the first string holding a NUL character, which PostgreSQL cannot store nor compare. */
function cheminNul(value: unknown, chemin: string[] = []): string[] | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? chemin : undefined;
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const trouve = cheminNul(v, [...chemin, k]);
      if (trouve) return trouve;
    }
  }
  return undefined;
}

function parse<T extends ZodType>(schema: T | undefined, value: unknown, prefix: string): z.infer<T> {
  if (!schema) return undefined as z.infer<T>;
  const nul = cheminNul(value);
  if (nul) {
    throw new HttpError(400, 'donnees_invalides', 'Données invalides.', [
      { champ: [prefix, ...nul].filter(Boolean).join('.') || '(racine)', message: 'Caractères de contrôle interdits.' },
    ]);
  }
  const r = schema.safeParse(value);
  if (!r.success)
    throw new HttpError(400, 'donnees_invalides', 'Données invalides.', champsDepuisZod(r.error.issues, prefix));
  return r.data;
}

/** Declares a route once: validation of params, query and body, the handler, and its OpenAPI description. */
export interface Routes {
  router: Router;
  registry: OpenAPIRegistry;
  /** Appends to the access journal (awaited: no personal data leaves without its journal row). */
  journal: (entree: EntreeJournal) => Promise<void>;
}

/** The permission of each declared route, by "METHOD /openapi/path" (the access matrix test reads it). */
export const permissionsDesRoutes = new Map<string, Permission>();

export function route<P extends ZodType, Q extends ZodType, B extends ZodType, R extends ZodType>(
  { router, registry, journal }: Routes,
  spec: RouteSpec<P, Q, B, R>,
): void {
  const status = spec.status ?? 200;
  const config: RouteConfig = {
    method: spec.method,
    path: spec.path.replace(/:(\w+)/g, '{$1}'),
    summary: spec.summary,
    tags: [spec.tag],
    ...(spec.acces === 'public' ? { security: [] } : {}),
    request: {
      ...(spec.params ? { params: spec.params as never } : {}),
      ...(spec.query ? { query: spec.query as never } : {}),
      ...(spec.body ? { body: { content: { 'application/json': { schema: spec.body } } } } : {}),
    },
    responses: {
      [status]: { description: 'Succès', content: { 'application/json': { schema: spec.response } } },
      ...Object.fromEntries(
        [400, ...(spec.acces === 'public' ? [] : [401, 403]), ...(spec.errors ?? []), 500].map((s) => [
          s,
          {
            description: ERROR_TEXT[s] ?? 'Erreur',
            content: { 'application/json': { schema: erreurSchema } },
          },
        ]),
      ),
    },
  };
  registry.registerPath(config);
  permissionsDesRoutes.set(`${spec.method.toUpperCase()} ${config.path}`, spec.acces);
  const operation = spec.acces === 'public' ? null : PERMISSIONS[spec.acces].audit;
  const handler: RequestHandler = async (req, res) => {
    const journaliser = (statut: number) =>
      operation && req.agent
        ? journal({ req, res, operation, route: `${spec.method.toUpperCase()} ${spec.path}`, statut })
        : Promise.resolve();
    let result: z.infer<R>;
    try {
      verifierPermission(req, spec.acces);
      const params = parse(spec.params, req.params, 'params');
      const query = parse(spec.query, req.query, 'query');
      const body = parse(spec.body, req.body ?? {}, '');
      result = await spec.handler({ params, query, body, req, res });
    } catch (err) {
      // Refusals are journaled too (who tried to reach what); other failures are not accesses.
      if (err instanceof HttpError && (err.status === 403 || err.status === 404)) await journaliser(err.status);
      throw err;
    }
    await journaliser(status);
    if (!res.headersSent) res.status(status).json(result);
  };
  router[spec.method](spec.path, handler);
}
