/**
 * Who is signed in. The session lives on the server (httpOnly cookie, api/auth.ts): this module only reads it
 * (GET /auth/session), opens it (OIDC: /auth/connexion; development: POST /auth/dev) and closes it
 * (POST /auth/deconnexion). Nothing about identity is kept in the browser's storage.
 */
import { useSyncExternalStore } from 'react';
import type { SessionAgent } from './api/contrat';

export type Role = 'agent' | 'cadre';

export interface Session {
  agentId: string;
  nom: string;
  /** Landing profile: 'cadre' when the agent's first role is cadre. */
  role: Role;
  roles: string[];
  /** Null for the direction and administrators (the whole département). */
  equipeId: string | null;
}

/** How each role reads in the header and lists. */
const LIBELLE_ROLE: Record<string, string> = {
  accueil: 'accueil',
  evaluateur: 'évaluateur',
  referent: 'référent',
  cadre: 'cadre',
  partenaire: 'partenaire',
  administrateur: 'administrateur',
};
export const libelleRole = (r: string) => LIBELLE_ROLE[r] ?? r;

type Etat = { chargee: false } | { chargee: true; session: Session | null };

const abonnes = new Set<() => void>();
let etat: Etat = { chargee: false };

function publier(e: Etat): void {
  etat = e;
  abonnes.forEach((f) => f());
}

/** Reads the server session (the cookie is sent automatically: same origin). */
export async function rechargerSession(): Promise<void> {
  try {
    const r = await fetch('/auth/session', { headers: { accept: 'application/json' } });
    if (!r.ok) {
      publier({ chargee: true, session: null });
      return;
    }
    const s = (await r.json()) as SessionAgent;
    publier({
      chargee: true,
      session: {
        agentId: s.agentId,
        nom: [s.prenom, s.nom].filter(Boolean).join(' ') || s.agentId,
        roles: s.roles,
        equipeId: s.equipeId,
        role: s.roles[0] === 'cadre' ? 'cadre' : 'agent',
      },
    });
  } catch {
    publier({ chargee: true, session: null });
  }
}

/** Sign-in through the département's identity provider (ProConnect or other OIDC provider). */
export function connexionFournisseur(): void {
  window.location.assign('/auth/connexion');
}

/** Development sign-in (refused by a server in OIDC mode). Returns an error message, or null. */
export async function connexionDeveloppement(agentId: string): Promise<string | null> {
  const r = await fetch('/auth/dev', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ agentId }),
  });
  if (!r.ok) {
    const corps = (await r.json().catch(() => null)) as { erreur?: { message?: string } } | null;
    return corps?.erreur?.message ?? `Connexion impossible (${r.status}).`;
  }
  await rechargerSession();
  return null;
}

export async function fermerSession(): Promise<void> {
  const r = await fetch('/auth/deconnexion', { method: 'POST', headers: { accept: 'application/json' } }).catch(
    () => null,
  );
  const corps = r?.ok ? ((await r.json()) as { redirection?: string }) : {};
  publier({ chargee: true, session: null });
  // With a provider, its end-session page closes the provider's session too.
  if (corps.redirection && /^https?:/.test(corps.redirection)) window.location.assign(corps.redirection);
}

export function sessionCourante(): Session | null {
  return etat.chargee ? etat.session : null;
}

function useEtat(): Etat {
  return useSyncExternalStore(
    (f) => {
      abonnes.add(f);
      return () => {
        abonnes.delete(f);
      };
    },
    () => etat,
  );
}

export function useSession(): Session | null {
  const e = useEtat();
  return e.chargee ? e.session : null;
}

/** False until the server said whether a session exists (no redirect to sign-in before that). */
export function useSessionChargee(): boolean {
  return useEtat().chargee;
}

void rechargerSession();
