import fs from 'node:fs';
import { defaultGrpcRetryOptions, makeGrpcRetryInterceptor, type TLSConfig } from '@temporalio/client';
import type { Env } from './env';

/**
 * How the API and the worker reach Temporal: plain gRPC to the embedded or a local cluster; TLS (mutual with a
 * client certificate, for a département's own cluster) and/or an API key (Temporal Cloud) when configured.
 */
export function temporalConnectionOptions(
  env: Env,
  address: string,
): { address: string; tls?: TLSConfig; apiKey?: string } {
  const lire = (p: string | undefined) => (p ? fs.readFileSync(p) : undefined);
  const crt = lire(env.TEMPORAL_TLS_CERT_PATH);
  const key = lire(env.TEMPORAL_TLS_KEY_PATH);
  const tlsWanted = env.TEMPORAL_TLS || !!crt || !!env.TEMPORAL_TLS_CA_PATH || !!env.TEMPORAL_API_KEY;
  const tls: TLSConfig | undefined = tlsWanted
    ? {
        ...(crt && key ? { clientCertPair: { crt, key } } : {}),
        ...(env.TEMPORAL_TLS_CA_PATH ? { serverRootCACertificate: lire(env.TEMPORAL_TLS_CA_PATH) } : {}),
        ...(env.TEMPORAL_TLS_SERVER_NAME ? { serverNameOverride: env.TEMPORAL_TLS_SERVER_NAME } : {}),
      }
    : undefined;
  return { address, ...(tls ? { tls } : {}), ...(env.TEMPORAL_API_KEY ? { apiKey: env.TEMPORAL_API_KEY } : {}) };
}

/**
 * The API's client connection: its gRPC retries of a Temporal server down back off 0.5 s at most (the SDK's default
 * grows to 5 s), so that a last backoff does not overshoot the request's deadline (api/app.ts DELAI_TEMPORAL_MS):
 * the 503 comes within ~9 s, not ~13 s. More attempts than the default 10, so that the deadline, not their count,
 * ends the retries.
 */
export function connexionApi<T extends { address: string }>(options: T) {
  return {
    ...options,
    interceptors: [makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxIntervalMs: () => 500, maxAttempts: 30 }))],
  };
}
