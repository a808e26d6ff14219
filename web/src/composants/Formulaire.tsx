import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { ErreurApi } from '../api/client';

/** Id of the input that shows the API's message for a field path ('usager.nom' → 'champ-usager-nom'). */
export const idChamp = (champ: string) => `champ-${champ.replace(/[^\w-]/g, '-')}`;

/**
 * A form posted to the API: while sending, the button is disabled; the API's field messages are shown on
 * their fields (and listed, with links, in a summary that receives focus); other errors in an alert.
 */
export function useEnvoi<R>(envoyer: () => Promise<R>, reussite: (r: R) => void) {
  const [envoi, setEnvoi] = useState(false);
  const [erreur, setErreur] = useState<ErreurApi | null>(null);
  const soumettre = (e: FormEvent) => {
    e.preventDefault();
    if (envoi) return;
    setEnvoi(true);
    setErreur(null);
    envoyer().then(
      (r) => {
        setEnvoi(false);
        reussite(r);
      },
      (err: unknown) => {
        setEnvoi(false);
        setErreur(err instanceof ErreurApi ? err : new ErreurApi(0, 'inconnue', 'Erreur inattendue.'));
      },
    );
  };
  /** DSFR state props of a field, from the API's message for that path (or any of the given paths). */
  const etatChamp = (...champs: string[]) => {
    const message = champs
      .map((c) => erreur?.messageDe(c) ?? erreur?.champs.find((x) => x.champ.startsWith(`${c}.`))?.message)
      .find(Boolean);
    return message ? { state: 'error' as const, stateRelatedMessage: message } : {};
  };
  return { envoi, erreur, soumettre, etatChamp };
}

export function Formulaire({
  titre,
  erreur,
  envoi,
  soumettre,
  libelleEnvoi,
  children,
  libelles = {},
}: {
  titre?: string;
  erreur: ErreurApi | null;
  envoi: boolean;
  soumettre: (e: FormEvent) => void;
  libelleEnvoi: string;
  children: ReactNode;
  /** Readable names of the API's field paths, for the summary. */
  libelles?: Record<string, string>;
}) {
  const resume = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (erreur) resume.current?.focus();
  }, [erreur]);
  return (
    <form onSubmit={soumettre} noValidate aria-busy={envoi} aria-label={titre}>
      {erreur && (
        <div ref={resume} tabIndex={-1} className="fr-mb-3w" id="resume-erreurs">
          <Alert
            severity="error"
            title={
              erreur.champs.length
                ? 'Le formulaire contient des erreurs'
                : erreur.status === 409
                  ? 'Action impossible à cette étape'
                  : 'L’envoi a échoué'
            }
            description={
              erreur.champs.length ? (
                <ul>
                  {erreur.champs.map((c) => (
                    <li key={c.champ}>
                      <a href={`#${idChamp(c.champ)}`}>{libelles[c.champ] ?? c.champ}</a> : {c.message}
                    </li>
                  ))}
                </ul>
              ) : (
                erreur.message
              )
            }
          />
        </div>
      )}
      {children}
      <Button type="submit" disabled={envoi} className="fr-mt-2w">
        {envoi ? 'Envoi en cours…' : libelleEnvoi}
      </Button>
    </form>
  );
}
