import { useEffect, useState, type ReactNode } from 'react';
import { Formulaire, useEnvoi } from './Formulaire';
import { Alerte, Tableau } from './ui';
import { ChoixFichier, lireFichier, type Fichier } from './ChoixFichier';
import { api } from '../api/client';
import { nombre } from '../libelles';

interface Apercu {
  lignes: number;
  colonnesManquantes: string[];
  parIssue: { ajout: number; modification: number };
}

/**
 * An official file imported in two steps: checked first (`<chemin>/apercu`: what each row would do, nothing
 * saved), then applied at once (`<chemin>`) after the administrator confirms. Shared by every import of the
 * organisation's files (lieux, communes).
 */
export function ImportAvecApercu<A extends Apercu>({
  id,
  titre,
  chemin,
  champs = {},
  children,
  bilan,
  detail,
  application,
  titreSucces,
  succes,
  fini,
}: {
  id: string;
  titre: string;
  chemin: string;
  /** The request's other fields (a choice of list): a change asks for a new check. */
  champs?: Record<string, string>;
  /** What the file must be, and the form's other fields (their ids and errors from `champ`). */
  children: (champ: ReturnType<typeof useEnvoi>['champ']) => ReactNode;
  bilan: (a: A) => string;
  detail: (a: A) => ReactNode;
  /** What applying does, said before the confirmation. */
  application: string;
  titreSucces: string;
  succes: (a: A) => string;
  fini: () => void;
}) {
  const [fichier, setFichier] = useState<Fichier | null>(null);
  const [apercu, setApercu] = useState<A | null>(null);
  const [applique, setApplique] = useState<A | null>(null);
  const corps = () => ({ ...champs, ...(fichier ?? { nomFichier: '', contenu: '' }) });
  const autres = JSON.stringify(champs);
  useEffect(() => setApercu(null), [autres]);
  const appliquer = useEnvoi(
    () => api.post<A>(chemin, corps()),
    (a) => {
      setApercu(null);
      setApplique(a);
      fini();
    },
    `${id}-application-`,
  );
  const verification = useEnvoi(
    () => api.post<A>(`${chemin}/apercu`, corps()),
    (a) => {
      setApercu(a);
      setApplique(null);
    },
    `${id}-`,
  );
  const aAppliquer = apercu ? apercu.parIssue.ajout + apercu.parIssue.modification : 0;
  return (
    <section aria-labelledby={`titre-${id}`} className="panneau">
      <h2 id={`titre-${id}`}>{titre}</h2>
      <Formulaire
        titre={`Vérifier : ${titre.toLowerCase()}`}
        libelleEnvoi="Vérifier le fichier"
        libelles={{ format: 'Liste', contenu: 'Fichier', nomFichier: 'Fichier' }}
        {...verification}
      >
        {children(verification.champ)}
        <ChoixFichier
          fichier={fichier}
          changer={(f) => {
            setApercu(null);
            setApplique(null);
            void (f ? lireFichier(f) : Promise.resolve(null)).then(setFichier);
          }}
        />
      </Formulaire>
      {apercu && (
        <section aria-labelledby={`titre-apercu-${id}`}>
          <h3 id={`titre-apercu-${id}`}>Ce que l’import fera</h3>
          {apercu.colonnesManquantes.length > 0 ? (
            <Alerte type="erreur" titre="Colonnes requises absentes">
              Colonnes attendues : {apercu.colonnesManquantes.join(', ')}. Vérifiez le fichier choisi.
            </Alerte>
          ) : (
            <p role="status">
              {nombre(apercu.lignes, 'ligne', 'lignes')} : {bilan(apercu)}.
            </p>
          )}
          {detail(apercu)}
          {aAppliquer > 0 && (
            <Formulaire
              titre={`Appliquer : ${titre.toLowerCase()}`}
              libelleEnvoi={`Appliquer ${nombre(aAppliquer, 'changement', 'changements')}`}
              {...appliquer}
            >
              <p>{application}</p>
            </Formulaire>
          )}
        </section>
      )}
      {applique && (
        <Alerte type="succes" titre={titreSucces}>
          {succes(applique)}
        </Alerte>
      )}
    </section>
  );
}

interface LigneApercu<I extends string> {
  rang: number;
  issue: I;
  nom: string | null;
  changements: string[];
  erreurs: { champ: string; message: string }[];
}

/** The rows of a preview worth reading: each one's result, and its errors or what it changes. */
export function LignesApercu<I extends string, L extends LigneApercu<I>>({
  legende,
  objet,
  lignes,
  issues,
  changements,
}: {
  legende: string;
  /** What a row is (« Lieu », « Commune »). */
  objet: string;
  lignes: L[];
  issues: Record<I, string>;
  /** What a row without errors does, in words. */
  changements: (l: L) => string;
}) {
  if (!lignes.length) return null;
  return (
    <Tableau
      legende={legende}
      entetes={['Ligne', objet, 'Résultat', 'Détail']}
      lignes={lignes.map((d) => ({
        cle: String(d.rang),
        cellules: [
          d.rang,
          d.nom ?? '—',
          issues[d.issue],
          d.erreurs.length ? d.erreurs.map((e) => `${e.champ} : ${e.message}`).join(' ; ') : changements(d) || '—',
        ],
      }))}
    />
  );
}
