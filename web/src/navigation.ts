/** Client-side navigation (History API). Screen paths never coincide with API paths (see api/static-web.ts). */
import { useSyncExternalStore } from 'react';

const abonnes = new Set<() => void>();
window.addEventListener('popstate', () => abonnes.forEach((f) => f()));

export function naviguer(chemin: string): void {
  if (chemin === window.location.pathname + window.location.search) return;
  window.history.pushState(null, '', chemin);
  abonnes.forEach((f) => f());
}

export function useChemin(): string {
  return useSyncExternalStore(
    (f) => {
      abonnes.add(f);
      return () => {
        abonnes.delete(f);
      };
    },
    () => window.location.pathname + window.location.search,
  );
}

/** Matches `/dossiers/:id` style patterns; returns the named parts or null. */
export function correspond(motif: string, chemin: string): Record<string, string> | null {
  const [p] = chemin.split('?');
  const a = motif.split('/');
  const b = (p ?? '').split('/');
  if (a.length !== b.length) return null;
  const r: Record<string, string> = {};
  for (let i = 0; i < a.length; i++) {
    const m = a[i]!;
    const v = b[i]!;
    if (m.startsWith(':')) r[m.slice(1)] = decodeURIComponent(v);
    else if (m !== v) return null;
  }
  return r;
}

/** Props for an <a> that navigates without reloading the page (still a real link: new tab, keyboard). */
export function lien(href: string): { href: string; onClick: (e: React.MouseEvent<HTMLAnchorElement>) => void } {
  return {
    href,
    onClick: (e) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      naviguer(href);
    },
  };
}
