import type { Request, RequestHandler, Response, Router } from 'express';
import type { OpenAPIRegistry, RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z, type ZodType } from 'zod';
import { erreurSchema } from './contrat/communs';
import { HttpError, champsDepuisZod } from './errors';
import { PERMISSIONS, verifierPermission, type Permission } from './acces';
import type { EntreeJournal } from './journal';
import { MESSAGE_TEXTE, cleIdempotence, textePropre } from '../domain/validation';

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
  /** File responses (exports): the handler returns a Fichier, sent with these media types documented. */
  fichier?: readonly string[];
  /** Accepts an `Idempotency-Key` header (documented; read by the handler with cleIdempotence). */
  idempotence?: true;
  /** Statuses this route may answer with besides those every route may give (they are documented). */
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
  415: 'Corps ni JSON ni UTF-8, ou compression inconnue',
  500: 'Erreur interne',
  503: 'Service dont dépend l’API indisponible (en-tête Retry-After)',
};

const enteteIdempotence = z.object({
  'Idempotency-Key': cleIdempotence
    .optional()
    .describe('Une clé par intention : la même requête rejouée avec la même clé rend la première réponse.'),
});

/**
 * The path of the first string (value or key) that is not clean text (textePropre): whatever field it lands
 * in, PostgreSQL could not store it or a screen would show it misleadingly. Iterative and linear: each node is
 * visited once and the path is rebuilt only for the culprit (the body's depth is bounded by the parser anyway).
 */
function cheminImpropre(racine: unknown): string[] | undefined {
  const noeuds: { valeur: unknown; parent: number; cle: string }[] = [{ valeur: racine, parent: -1, cle: '' }];
  for (let i = 0; i < noeuds.length; i++) {
    const { valeur } = noeuds[i]!;
    let fautif = typeof valeur === 'string' && !textePropre(valeur);
    if (valeur && typeof valeur === 'object') {
      for (const [cle, v] of Object.entries(valeur)) {
        if (!textePropre(cle)) fautif = true;
        else noeuds.push({ valeur: v, parent: i, cle });
      }
    }
    if (fautif) {
      const chemin: string[] = [];
      for (let j = i; j > 0; j = noeuds[j]!.parent) chemin.unshift(noeuds[j]!.cle);
      return chemin;
    }
  }
  return undefined;
}

function parse<T extends ZodType>(schema: T | undefined, value: unknown, prefix: string): z.infer<T> {
  if (!schema) return undefined as z.infer<T>;
  const impropre = cheminImpropre(value);
  if (impropre) {
    throw new HttpError(400, 'donnees_invalides', 'Données invalides.', [
      { champ: [prefix, ...impropre].filter(Boolean).join('.') || '(racine)', message: MESSAGE_TEXTE },
    ]);
  }
  const r = schema.safeParse(value);
  if (!r.success)
    throw new HttpError(400, 'donnees_invalides', 'Données invalides.', champsDepuisZod(r.error.issues, prefix));
  return r.data;
}

/** A file answered by a route declared with `fichier`. */
export interface Fichier {
  nom: string;
  type: string;
  contenu: Buffer;
}

/** Declares a route once: validation of params, query and body, the handler, and its OpenAPI description. */
export interface Routes {
  router: Router;
  registry: OpenAPIRegistry;
  /** Appends to the access journal (awaited: no personal data leaves without its journal row). */
  journal: (entree: EntreeJournal) => Promise<void>;
  /** Methods declared on each path, for the 405 answer to the others. */
  methodes: Map<string, Method[]>;
}

/**
 * Installed before the routes, read at each request (the routes fill `methodes` after): a method the path does
 * not have is a 405 with the permitted ones. The path is matched as OpenAPI does, a literal path before the
 * templated ones: `GET /imports/flux/apercu` is a method that path lacks, not the id `apercu` of another.
 */
export function refuserAutresMethodes({ methodes }: Pick<Routes, 'methodes'>): RequestHandler {
  const motifs = new Map<string, RegExp>();
  const motif = (p: string) => motifs.get(p) ?? motifs.set(p, new RegExp(`^${p.replace(/:\w+/g, '[^/]+')}/?$`)).get(p)!;
  return (req, res, next) => {
    const litteral = methodes.get(req.path.replace(/\/$/, ''));
    const permises =
      litteral && !req.path.includes(':')
        ? litteral
        : [...methodes].filter(([p]) => p.includes(':') && motif(p).test(req.path)).flatMap(([, m]) => m);
    const methode = req.method === 'HEAD' ? 'get' : req.method.toLowerCase();
    if (!permises.length || permises.includes(methode as Method)) return next();
    const allow = [...new Set(permises)];
    res.setHeader(
      'Allow',
      [...allow, ...(allow.includes('get') ? ['head'] : [])].map((m) => m.toUpperCase()).join(', '),
    );
    next(
      new HttpError(
        405,
        'methode_non_permise',
        `Méthode non permise sur ce chemin (permises : ${res.getHeader('Allow') as string}).`,
      ),
    );
  };
}

/** The permission of each declared route, by "METHOD /openapi/path" (the access matrix test reads it). */
export const permissionsDesRoutes = new Map<string, Permission>();

export function route<P extends ZodType, Q extends ZodType, B extends ZodType, R extends ZodType>(
  { router, registry, journal, methodes }: Routes,
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
      ...(spec.idempotence ? { headers: enteteIdempotence as never } : {}),
      ...(spec.body ? { body: { required: true, content: { 'application/json': { schema: spec.body } } } } : {}),
    },
    responses: {
      [status]: {
        description: 'Succès',
        content: spec.fichier
          ? Object.fromEntries(spec.fichier.map((t) => [t, { schema: { type: 'string', format: 'binary' } }]))
          : { 'application/json': { schema: spec.response } },
      },
      ...Object.fromEntries(
        [
          ...new Set([
            400,
            // A public route too: an Authorization header that identifies nobody is refused (never ignored).
            401,
            ...(spec.acces === 'public' ? [] : [403]),
            // A path with an id names a resource that may not exist, or be outside the agent's scope.
            ...(spec.params ? [404] : []),
            ...(spec.body ? [413, 415] : []),
            ...(spec.errors ?? []),
            500,
            503,
          ]),
        ].map((s) => [
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
    try {
      await journaliser(status);
    } catch (err) {
      // A read never leaves without its journal row (503: retry). A write is done: its answer goes out (a
      // client retrying would act twice without a key), and the missing row is logged for the administrators.
      if (operation !== 'ecriture') throw err;
      req.log.error({ err, route: spec.path }, 'journal des accès non écrit après une écriture réussie');
    }
    if (res.headersSent) return;
    if (spec.fichier) {
      const f = result as Fichier;
      res.status(status).type(f.type).attachment(f.nom).send(f.contenu);
    } else res.status(status).json(result);
  };
  router[spec.method](spec.path, handler);
  methodes.set(spec.path, [...(methodes.get(spec.path) ?? []), spec.method]);
}
