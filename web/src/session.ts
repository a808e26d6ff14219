/**
 * Development sign-in: the agent chosen on the sign-in screen is kept in this browser (localStorage) and
 * named to the API in the `X-Agent` header. Everything about "who is signed in" lives here, so that the
 * real sign-in (OIDC, issue 5) replaces this module alone.
 */
import { useSyncExternalStore } from 'react';

export type Role = 'agent' | 'cadre';

export interface Session {
  agentId: string;
  nom: string;
  role: Role;
}

const CLE = 'parcours-solidarites.session';
const abonnes = new Set<() => void>();
let courante: Session | null = lire();

function lire(): Session | null {
  try {
    const brut = window.localStorage.getItem(CLE);
    if (!brut) return null;
    const s = JSON.parse(brut) as Partial<Session>;
    return typeof s.agentId === 'string' && (s.role === 'agent' || s.role === 'cadre')
      ? { agentId: s.agentId, nom: s.nom ?? s.agentId, role: s.role }
      : null;
  } catch {
    return null;
  }
}

export function sessionCourante(): Session | null {
  return courante;
}

export function ouvrirSession(s: Session): void {
  courante = s;
  window.localStorage.setItem(CLE, JSON.stringify(s));
  abonnes.forEach((f) => f());
}

export function fermerSession(): void {
  courante = null;
  window.localStorage.removeItem(CLE);
  abonnes.forEach((f) => f());
}

/** Headers that identify the acting agent to the API. */
export function enTetesAgent(): Record<string, string> {
  return courante ? { 'X-Agent': courante.agentId } : {};
}

export function useSession(): Session | null {
  return useSyncExternalStore(
    (f) => { abonnes.add(f); return () => { abonnes.delete(f); }; },
    () => courante,
  );
}
