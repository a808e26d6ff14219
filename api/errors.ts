import type { ErrorRequestHandler } from 'express';
import { ZodError, type core } from 'zod';
import {
  ServiceError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  isGrpcServiceError,
} from '@temporalio/client';
import { status } from '@grpc/grpc-js';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import type { Logger } from '../infra/logger';
import { ECHECS } from '../workflows/messages';
import { postgresIndisponible, sqlstate } from '../infra/erreurs-postgres';
import type { ChampErreur } from './contrat';

export type { ChampErreur };

/** An error the API answers with as it is: status, stable code, French message, field-level details. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly champs?: ChampErreur[],
  ) {
    super(message);
  }
}

export const notFound = (what = 'Ressource') => new HttpError(404, 'introuvable', `${what} introuvable.`);

export function champsDepuisZod(issues: readonly core.$ZodIssue[], prefix?: string): ChampErreur[] {
  return issues.map((i) => ({
    champ: [prefix, ...i.path.map(String)].filter(Boolean).join('.') || '(racine)',
    message: i.message,
  }));
}

/**
 * The workflow rejects a command in its update validator with an ApplicationFailure whose type says why:
 * wrong step → 409, invalid data → 400 (details are zod issues). Anything else is not the caller's fault.
 */
function fromUpdateFailure(err: WorkflowUpdateFailedError): HttpError | undefined {
  const cause = err.cause;
  if (!(cause instanceof ApplicationFailure)) return undefined;
  if (cause.type === ECHECS.donneesInvalides) {
    const issues = (cause.details?.[0] ?? []) as core.$ZodIssue[];
    return new HttpError(400, 'donnees_invalides', cause.message, champsDepuisZod(issues));
  }
  if (cause.type === ECHECS.etapeInvalide) return new HttpError(409, 'etape_invalide', cause.message);
  if (cause.type === ECHECS.indisponible) return new HttpError(503, 'indisponible', cause.message);
  return undefined;
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    let http: HttpError | undefined;
    if (err instanceof HttpError) http = err;
    else if (err instanceof ZodError)
      http = new HttpError(400, 'donnees_invalides', 'Données invalides.', champsDepuisZod(err.issues));
    else if (err instanceof WorkflowUpdateFailedError) http = fromUpdateFailure(err);
    else if (err instanceof WorkflowNotFoundError) http = notFound('Parcours');
    else if (dependanceIndisponible(err)) {
      // PostgreSQL or a Temporal service down or failing over: nothing was applied, or the retried request
      // (same Idempotency-Key) returns what was.
      http = new HttpError(
        503,
        'indisponible',
        'Service momentanément indisponible : réessayer dans quelques secondes.',
      );
    } else if (
      err instanceof ServiceError &&
      isGrpcServiceError(err.cause) &&
      err.cause.code === status.RESOURCE_EXHAUSTED
    ) {
      // Temporal limits the updates in flight per workflow: the caller may simply try again.
      http = new HttpError(
        503,
        'surcharge',
        'Trop d’actions en cours sur ce parcours : réessayer dans quelques secondes.',
      );
    } else if (sqlstate(err) === '23505')
      // Two identical requests at the same instant: the database's unique constraint decided, the other loses.
      http = new HttpError(
        409,
        'existe_deja',
        'Cette donnée vient d’être enregistrée par ailleurs : recharger la page.',
      );
    else if (sqlstate(err)?.startsWith('22')) {
      // A value the schemas let through but PostgreSQL cannot hold (data exception): the request's fault, logged
      // so that the schema that missed it gets its bound.
      logger.warn({ err, method: req.method, url: req.originalUrl }, 'valeur refusée par PostgreSQL');
      http = new HttpError(400, 'donnees_invalides', 'Une valeur est hors des limites acceptées.');
    } else if (estErreurClient(err)) http = requeteIllisible(err);
    if (!http) {
      logger.error({ err, method: req.method, url: req.originalUrl }, 'erreur non gérée');
      http = new HttpError(500, 'erreur_interne', 'Erreur interne. L’incident est journalisé.');
    }
    // Every 503 says when to try again.
    if (http.status === 503) res.setHeader('Retry-After', '5');
    res
      .status(http.status)
      .json({ erreur: { code: http.code, message: http.message, ...(http.champs ? { champs: http.champs } : {}) } });
  };
}

/** gRPC codes of a Temporal server that is down, unreachable or too slow (the API's deadline passed). */
const GRPC_INDISPONIBLE: number[] = [status.UNAVAILABLE, status.DEADLINE_EXCEEDED, status.CANCELLED];
/**
 * Prisma codes of a database that cannot be reached, timed out or closed the connection; P2028, a transaction
 * that could not start in time (pool exhausted) or outlived its timeout: nothing was committed, a retry may pass.
 */
const PRISMA_INDISPONIBLE = ['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028'];

/** Whether the request failed because PostgreSQL or Temporal is unavailable (503, the caller may retry). */
export function dependanceIndisponible(err: unknown): boolean {
  // PostgreSQL stopping or starting again (a restart, a failover) answers before it refuses connections.
  if (postgresIndisponible(err)) return true;
  for (let e: unknown = err, i = 0; e && i < 5; e = (e as { cause?: unknown }).cause, i++) {
    if (e instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
    if (isGrpcServiceError(e) && GRPC_INDISPONIBLE.includes(e.code)) return true;
    const { name, code } = e as { name?: unknown; code?: unknown };
    if (name === 'PrismaClientInitializationError') return true;
    if (typeof code === 'string' && (PRISMA_INDISPONIBLE.includes(code) || code === 'ECONNREFUSED')) return true;
  }
  return false;
}

/** An error raised before any route ran (body parser, path decoding): it carries a 4xx status. */
interface ErreurClient {
  status: number;
  type?: unknown;
}

function estErreurClient(err: unknown): err is ErreurClient {
  return (
    typeof err === 'object' &&
    err !== null &&
    'status' in err &&
    typeof err.status === 'number' &&
    err.status >= 400 &&
    err.status < 500
  );
}

/** A request the API cannot read, in French: too large, charset or encoding not supported, malformed. */
function requeteIllisible(err: ErreurClient): HttpError {
  if (err.status === 413) return new HttpError(413, 'trop_volumineux', 'Requête trop volumineuse.');
  if (err.status === 415)
    return new HttpError(415, 'format_non_supporte', 'Corps attendu en JSON UTF-8, sans compression inconnue.');
  if (err.type === 'entity.too.deep') return new HttpError(400, 'json_invalide', 'JSON trop imbriqué.');
  if (typeof err.type === 'string' && err.type.startsWith('entity.'))
    return new HttpError(400, 'json_invalide', 'Le corps de la requête doit être un JSON valide.');
  return new HttpError(400, 'requete_invalide', 'Requête mal formée (chemin ou paramètres illisibles).');
}
