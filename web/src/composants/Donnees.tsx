import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { api, ErreurApi } from '../api/client';

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
    <div role="status" aria-live="polite" className="fr-py-4w ecran-chargement">
      <span className="fr-icon-refresh-line fr-mr-1w" aria-hidden="true" />
      {libelle}
    </div>
  );
}

export function ErreurChargement({ erreur, recharger }: { erreur: ErreurApi; recharger?: () => void }) {
  return (
    <Alert
      severity="error"
      title={erreur.status === 404 ? 'Introuvable' : 'Les données n’ont pas pu être chargées'}
      description={
        <>
          <p>{erreur.message}</p>
          {recharger && (
            <Button priority="secondary" size="small" onClick={recharger} className="fr-mt-1w">
              Réessayer
            </Button>
          )}
        </>
      }
    />
  );
}

export function Vide({ children }: { children: ReactNode }) {
  return (
    <p className="fr-py-2w ecran-vide" role="status">
      {children}
    </p>
  );
}

/** Loading, error and empty states around one API resource. */
export function Donnees<T>({
  etat,
  vide,
  messageVide,
  libelleChargement,
  children,
}: {
  etat: Etat<T> & { recharger: () => void };
  vide?: (d: T) => boolean;
  messageVide?: ReactNode;
  libelleChargement?: string;
  children: (d: T) => ReactNode;
}) {
  if (etat.etat === 'chargement') return <Chargement libelle={libelleChargement} />;
  if (etat.etat === 'erreur') return <ErreurChargement erreur={etat.erreur} recharger={etat.recharger} />;
  if (vide?.(etat.donnees)) return <Vide>{messageVide ?? 'Aucun élément.'}</Vide>;
  return <>{children(etat.donnees)}</>;
}
