/**
 * The import of a partner's list through the API of a running system, as an IT team scripts it: preview, then
 * import, then progress until the report. Used by `npm run import:flux` and by the benchmark (bench/).
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { ApercuFlux, ImportFlux } from '../api/contrat';
import { importFini } from '../domain/flux/ligne';

export interface ConnexionApi {
  url: string;
  /** `Bearer <jeton>` (OpenID Connect) or `Dev <agent>` (development sign-in). */
  authorization: string;
}

async function appeler<T>(api: ConnexionApi, chemin: string, init: RequestInit = {}): Promise<T> {
  const r = await fetch(`${api.url}${chemin}`, {
    ...init,
    headers: { authorization: api.authorization, 'content-type': 'application/json', ...init.headers },
  });
  const corps = (await r.json().catch(() => ({}))) as T & {
    erreur?: { message: string; champs?: { champ: string; message: string }[] };
  };
  if (!r.ok) {
    const champs = corps.erreur?.champs?.map((c) => `\n  ${c.champ} : ${c.message}`).join('') ?? '';
    throw new Error(`${r.status} ${corps.erreur?.message ?? r.statusText}${champs}`);
  }
  return corps;
}

const corpsFichier = (source: string, contenu: Buffer, nomFichier: string) =>
  JSON.stringify({ source, nomFichier: path.basename(nomFichier), contenu: contenu.toString('base64') });

export const apercuFlux = (api: ConnexionApi, source: string, contenu: Buffer, nomFichier: string) =>
  appeler<ApercuFlux>(api, '/imports/flux/apercu', { method: 'POST', body: corpsFichier(source, contenu, nomFichier) });

/** Launches the import (one key: a retried launch is the same import) and follows it to its report. */
export async function importerFlux(
  api: ConnexionApi,
  source: string,
  contenu: Buffer,
  nomFichier: string,
  surProgres: (i: ImportFlux) => void = () => {},
): Promise<ImportFlux> {
  const lance = await appeler<ImportFlux>(api, '/imports/flux', {
    method: 'POST',
    headers: { 'idempotency-key': `import-${randomUUID()}` },
    body: corpsFichier(source, contenu, nomFichier),
  });
  for (let i = lance; ; i = await appeler<ImportFlux>(api, `/imports/flux/${lance.id}`)) {
    surProgres(i);
    if (importFini(i)) return i;
    await new Promise((r) => setTimeout(r, 1000));
  }
}
