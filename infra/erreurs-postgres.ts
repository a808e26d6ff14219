/** PostgreSQL's errors as Prisma's pg adapter reports them: on the error, its cause, or its meta. */

interface ErreurAdaptateur {
  originalCode?: unknown;
  kind?: unknown;
  meta?: { driverAdapterError?: { cause?: unknown } };
  cause?: unknown;
}

/** The adapter's own description of the error (SQLSTATE as `originalCode`, or a `kind` of its own). */
function cause(err: unknown): ErreurAdaptateur | undefined {
  for (let e: unknown = err, i = 0; e && i < 5; i++) {
    const a = e as ErreurAdaptateur;
    if (typeof a.originalCode === 'string' || typeof a.kind === 'string') return a;
    e = a.meta?.driverAdapterError?.cause ?? a.cause;
  }
  return undefined;
}

/** The SQLSTATE of a PostgreSQL error, if it is one. */
export function sqlstate(err: unknown): string | undefined {
  const c = cause(err)?.originalCode;
  return typeof c === 'string' ? c : undefined;
}

/** Kinds of the adapter for a server that cannot be reached or closed the connection. */
const INJOIGNABLE = ['ConnectionClosed', 'DatabaseNotReachable', 'SocketTimeout', 'TooManyConnections'];

/** node-postgres' own errors for a connection lost or never made (they carry no code). */
const PERTE_CONNEXION = /^(Connection terminated|timeout exceeded when trying to connect)/;

/**
 * PostgreSQL down, restarting or shutting down: connection exceptions (SQLSTATE class 08), operator intervention
 * (57P01 connection terminated, 57P02 crash, 57P03 shutting down or starting up), too many connections (53300),
 * a connection lost.
 */
export function postgresIndisponible(err: unknown): boolean {
  for (let e: unknown = err, i = 0; e && i < 5; e = (e as { cause?: unknown }).cause, i++)
    if (e instanceof Error && PERTE_CONNEXION.test(e.message)) return true;
  const c = cause(err);
  if (!c) return false;
  const code = typeof c.originalCode === 'string' ? c.originalCode : '';
  return (
    code.startsWith('08') ||
    ['57P01', '57P02', '57P03', '53300'].includes(code) ||
    (typeof c.kind === 'string' && INJOIGNABLE.includes(c.kind))
  );
}
