import type { Request } from 'express';
import { cleIdempotence as schemaCle } from '../domain/validation';
import { HttpError } from './errors';

/** The request's `Idempotency-Key` header, validated (400 on the header when malformed). */
export function cleIdempotence(req: Request): string | undefined {
  const cle = req.header('idempotency-key');
  if (cle === undefined) return undefined;
  const r = schemaCle.safeParse(cle);
  if (!r.success) {
    throw new HttpError(400, 'donnees_invalides', 'Idempotency-Key invalide.', [
      { champ: 'Idempotency-Key', message: r.error.issues[0]!.message },
    ]);
  }
  return r.data;
}
