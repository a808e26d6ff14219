import fs from 'node:fs';
import type { TLSConfig } from '@temporalio/client';
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
