/**
 * The département's identity (GET /identite, from config/departements/<dept>/identite.json): service name,
 * collectivité, logo and colours. Read once at start; the colours become the CSS custom properties of the theme.
 */
import { useSyncExternalStore } from 'react';
import type { Identite } from './api/contrat';

let identite: Identite | null = null;
const abonnes = new Set<() => void>();

function appliquer(i: Identite): void {
  const s = document.documentElement.style;
  s.setProperty('--principale', i.couleurs.principale);
  s.setProperty('--principale-foncee', i.couleurs.principaleFoncee);
  s.setProperty('--fond-marque', i.couleurs.fond);
  document.querySelector('meta[name="theme-color"]')?.setAttribute('content', i.couleurs.principale);
}

async function charger(): Promise<void> {
  try {
    const r = await fetch('/identite', { headers: { accept: 'application/json' } });
    if (!r.ok) return;
    identite = (await r.json()) as Identite;
    appliquer(identite);
    abonnes.forEach((f) => f());
  } catch {
    // Without it the screens keep their neutral look and generic name.
  }
}

/** The identity, or null until it is read (the screens show a neutral header meanwhile). */
export function useIdentite(): Identite | null {
  return useSyncExternalStore(
    (f) => {
      abonnes.add(f);
      return () => {
        abonnes.delete(f);
      };
    },
    () => identite,
  );
}

void charger();
