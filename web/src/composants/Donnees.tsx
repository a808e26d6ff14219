import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { api, ErreurApi } from '../api/client';
import { Alerte, Bouton } from './ui';

export type Etat<T> = { etat: 'chargement' } | { etat: 'erreur'; erreur: ErreurApi } | { etat: 'ok'; donnees: T };

/** Reads one API resource; `chemin` null means "nothing to read yet". A newer request wins over an older one. */
export function useDonnees<T>(chemin: string | null): Etat<T> & { recharger: () => void } {
  const [etat, setEtat] = useState<Etat<T>>({ etat: 'chargement' });
  const [tour, setTour] = useState(0);
  const numero = useRef(0);
  useEffect(() => {
    if (chemin === null) return;
    const n = ++numero.current;
    setEtat({ etat: 'chargement' });
    api.get<T>(chemin).then(
      (donnees) => {
        if (n === numero.current) setEtat({ etat: 'ok', donnees });
      },
      (e: unknown) => {
        if (n !== numero.current) return;
        setEtat({
          etat: 'erreur',
          erreur: e instanceof ErreurApi ? e : new ErreurApi(0, 'inconnue', 'Erreur inattendue.'),
        });
      },
    );
  }, [chemin, tour]);
  const recharger = useCallback(() => setTour((t) => t + 1), []);
  return { ...etat, recharger };
}

export function Chargement({ libelle = 'Chargement en cours…' }: { libelle?: string }) {
  return (
    <p role="status" className="discret">
      {libelle}
    </p>
  );
}

export function ErreurChargement({ erreur, recharger }: { erreur: ErreurApi; recharger?: () => void }) {
  return (
    <Alerte type="erreur" titre={erreur.status === 404 ? 'Introuvable' : 'Les données n’ont pas pu être chargées'}>
      <p>{erreur.message}</p>
      {recharger && (
        <Bouton variante="secondaire" petit onPress={recharger}>
          Réessayer
        </Bouton>
      )}
    </Alerte>
  );
}

export function Vide({ children }: { children: ReactNode }) {
  return <p className="vide">{children}</p>;
}

/**
 * Loading, error and empty states around one API resource. A screen whose heading is drawn from the data gives
 * `titre`: the page keeps a level-one heading while it loads or when it cannot be read.
 */
export function Donnees<T>({
  etat,
  vide,
  messageVide,
  libelleChargement,
  titre,
  children,
}: {
  etat: Etat<T> & { recharger: () => void };
  vide?: (d: T) => boolean;
  messageVide?: ReactNode;
  libelleChargement?: string;
  titre?: string;
  children: (d: T) => ReactNode;
}) {
  const entete = titre && <h1>{titre}</h1>;
  if (etat.etat === 'chargement')
    return (
      <>
        {entete}
        <Chargement libelle={libelleChargement} />
      </>
    );
  if (etat.etat === 'erreur')
    return (
      <>
        {entete}
        <ErreurChargement erreur={etat.erreur} recharger={etat.recharger} />
      </>
    );
  if (vide?.(etat.donnees)) return <Vide>{messageVide ?? 'Aucun élément.'}</Vide>;
  return <>{children(etat.donnees)}</>;
}

/**
 * Follows a long operation (an import, a simulation): reads it every second until `fini` says it is over, then
 * calls `fin`; a failed read is said (`panne`) and tried again 3 s later. `fini` and `fin` must be stable.
 */
export function useSuivi<T>(
  chemin: string,
  fini: (t: T) => boolean,
  fin: () => void,
): { donnees: T | null; panne: string | null } {
  const [donnees, setDonnees] = useState<T | null>(null);
  const [panne, setPanne] = useState<string | null>(null);
  useEffect(() => {
    let actif = true;
    let minuteur = 0;
    const suivre = () =>
      api.get<T>(chemin).then(
        (r) => {
          if (!actif) return;
          setDonnees(r);
          setPanne(null);
          if (fini(r)) fin();
          else minuteur = window.setTimeout(suivre, 1000);
        },
        (e: unknown) => {
          if (!actif) return;
          setPanne(e instanceof Error ? e.message : 'Le service ne répond pas.');
          minuteur = window.setTimeout(suivre, 3000);
        },
      );
    void suivre();
    return () => {
      actif = false;
      window.clearTimeout(minuteur);
    };
  }, [chemin, fini, fin]);
  return { donnees, panne };
}
