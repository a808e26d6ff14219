/** The only way the screens reach data: the API, same origin, with the session cookie (api/auth.ts). */
import { rechargerSession } from '../session';
import type { ChampErreur } from './contrat';

/** An API answer that is not a success, or no answer at all (status 0). */
export class ErreurApi extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly champs: ChampErreur[] = [],
  ) {
    super(message);
  }

  /** Message for one field (path as the API names it, e.g. 'usager.nom' or 'synthese'). */
  messageDe(champ: string): string | undefined {
    return this.champs.find((c) => c.champ === champ)?.message;
  }
}

const DELAI_MAX_MS = 20_000;

async function appeler<T>(
  methode: string,
  chemin: string,
  corps?: unknown,
  entetes: Record<string, string> = {},
): Promise<T> {
  const controle = new AbortController();
  const minuteur = window.setTimeout(() => controle.abort(), DELAI_MAX_MS);
  let reponse: Response;
  try {
    reponse = await fetch(chemin, {
      method: methode,
      headers: {
        accept: 'application/json',
        ...(corps !== undefined ? { 'content-type': 'application/json' } : {}),
        ...entetes,
      },
      body: corps !== undefined ? JSON.stringify(corps) : undefined,
      signal: controle.signal,
    });
  } catch {
    throw new ErreurApi(0, 'reseau', 'Le service ne répond pas. Vérifiez la connexion puis réessayez.');
  } finally {
    window.clearTimeout(minuteur);
  }
  const texte = await reponse.text();
  let json: unknown;
  try {
    json = texte ? JSON.parse(texte) : undefined;
  } catch {
    json = undefined;
  }
  // Session expired or closed elsewhere: the screens go back to sign-in.
  if (reponse.status === 401) void rechargerSession();
  if (!reponse.ok) {
    const e = (json as { erreur?: { code?: string; message?: string; champs?: ChampErreur[] } } | undefined)?.erreur;
    throw new ErreurApi(
      reponse.status,
      e?.code ?? 'erreur_http',
      e?.message ??
        (reponse.status >= 500
          ? 'Le service rencontre une erreur. Réessayez dans un instant.'
          : `Erreur ${reponse.status}.`),
      e?.champs ?? [],
    );
  }
  if (json === undefined && texte)
    throw new ErreurApi(reponse.status, 'reponse_illisible', 'Réponse illisible du service.');
  return json as T;
}

export const api = {
  get: <T>(chemin: string, entetes?: Record<string, string>) => appeler<T>('GET', chemin, undefined, entetes),
  post: <T>(chemin: string, corps: unknown, entetes?: Record<string, string>) =>
    appeler<T>('POST', chemin, corps, entetes),
  put: <T>(chemin: string, corps: unknown, entetes?: Record<string, string>) =>
    appeler<T>('PUT', chemin, corps, entetes),
  patch: <T>(chemin: string, corps: unknown) => appeler<T>('PATCH', chemin, corps),
};

/** Query string from the defined, non-empty values. */
export function requete(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
