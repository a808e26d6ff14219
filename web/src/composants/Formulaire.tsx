import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ErreurApi } from '../api/client';
import type { ChampErreur } from '../api/contrat';
import { Alerte, Bouton } from './ui';

/** Id of the input that shows the API's message for a field path ('usager.nom' → 'champ-usager-nom'). */
export const idChamp = (champ: string) => `champ-${champ.replace(/[^\w-]/g, '-')}`;

const concerne = (chemin: string, champ: string) => chemin === champ || chemin.startsWith(`${champ}.`);

const nouvelleCle = () => `ecran-${crypto.randomUUID()}`;

/**
 * A form posted to the API: while sending, the button is disabled; the API's field messages are shown on
 * their fields (and listed, with links, in a summary that receives focus); other errors in an alert. A field's
 * message disappears as soon as the agent changes that field.
 *
 * One `Idempotency-Key` per intention: the same key for every attempt of a submission (a second click, a retry
 * after no answer or an error: the API answers the first outcome instead of acting again), a new one once it
 * succeeded (the next submission is another intention).
 */
export function useEnvoi<R>(
  envoyer: (cle: string) => Promise<R>,
  reussite: (r: R) => void,
  /** Several forms on one screen: each its own ids (the API's field paths may be the same, e.g. `nom`). */
  prefixe = '',
) {
  const [envoi, setEnvoi] = useState(false);
  const [erreur, setErreur] = useState<ErreurApi | null>(null);
  const [champs, setChamps] = useState<ChampErreur[]>([]);
  const cle = useRef(nouvelleCle());
  // A second click before React shows the button disabled finds this set already.
  const enCours = useRef(false);
  const soumettre = (e?: FormEvent) => {
    e?.preventDefault();
    if (enCours.current) return;
    enCours.current = true;
    setEnvoi(true);
    setErreur(null);
    envoyer(cle.current)
      .then(
        (r) => {
          cle.current = nouvelleCle();
          setChamps([]);
          reussite(r);
        },
        (err: unknown) => {
          const x = err instanceof ErreurApi ? err : new ErreurApi(0, 'inconnue', 'Erreur inattendue.');
          setErreur(x);
          setChamps(x.champs);
        },
      )
      .finally(() => {
        enCours.current = false;
        setEnvoi(false);
      });
  };
  /** The API's message for a field path (or one below it), while the field was not changed since. */
  const erreurDe = (champ: string) => champs.find((c) => concerne(c.champ, champ))?.message;
  /** The field was changed: its message goes. */
  const effacer = (champ: string) => setChamps((cs) => cs.filter((c) => !concerne(c.champ, champ)));
  /** Props of a field bound to an API path: its id and its current message. */
  const idDe = (chemin: string) => idChamp(`${prefixe}${chemin}`);
  const champ = (chemin: string) => ({ id: idDe(chemin), erreur: erreurDe(chemin) });
  /** What will be sent changed meaning (another file checked, say): the next submission is a new intention. */
  const nouvelleIntention = () => {
    cle.current = nouvelleCle();
  };
  return { envoi, erreur, champs, soumettre, erreurDe, effacer, champ, idDe, nouvelleIntention };
}

export type Envoi = ReturnType<typeof useEnvoi<unknown>>;

/** Focuses the input of a field from the error summary (a group focuses its first control). */
function focaliser(id: string) {
  const el = document.getElementById(id);
  const cible = el?.matches('input, textarea, select, button') ? el : el?.querySelector<HTMLElement>('input, button');
  cible?.focus();
}

export function Formulaire({
  titre,
  envoi,
  erreur,
  champs,
  soumettre,
  libelleEnvoi,
  children,
  libelles = {},
  idDe = idChamp,
}: Pick<Envoi, 'envoi' | 'erreur' | 'champs' | 'soumettre'> & {
  idDe?: (chemin: string) => string;
  titre: string;
  libelleEnvoi: string;
  children: ReactNode;
  /** Readable names of the API's field paths, for the summary (a path falls back to its parent's name). */
  libelles?: Record<string, string>;
}) {
  const resume = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (erreur) resume.current?.focus();
  }, [erreur]);
  const nom = (chemin: string) => {
    const parties = chemin.split('.');
    for (let n = parties.length; n > 0; n--) {
      const l = libelles[parties.slice(0, n).join('.')];
      if (l) return l;
    }
    return 'Champ';
  };
  return (
    <form onSubmit={soumettre} noValidate aria-busy={envoi} aria-label={titre}>
      {erreur && (
        <div ref={resume} tabIndex={-1} id="resume-erreurs">
          <Alerte
            type="erreur"
            titre={
              erreur.champs.length
                ? 'Le formulaire contient des erreurs'
                : erreur.status === 409
                  ? 'Action impossible à cette étape'
                  : 'L’envoi a échoué'
            }
          >
            {champs.length > 0 ? (
              <ul>
                {champs.map((c) => (
                  <li key={c.champ}>
                    <a
                      href={`#${idDe(c.champ)}`}
                      onClick={(e) => {
                        e.preventDefault();
                        focaliser(idDe(c.champ));
                      }}
                    >
                      {nom(c.champ)}
                    </a>{' '}
                    : {c.message}
                  </li>
                ))}
              </ul>
            ) : erreur.champs.length ? (
              <p>Les champs signalés ont été modifiés : vous pouvez envoyer à nouveau.</p>
            ) : (
              <p>{erreur.message}</p>
            )}
          </Alerte>
        </div>
      )}
      {children}
      <Bouton type="submit" isDisabled={envoi}>
        {envoi ? 'Envoi en cours…' : libelleEnvoi}
      </Bouton>
    </form>
  );
}
