import type { ReactNode } from 'react';
import { Formulaire, type Envoi } from './Formulaire';
import { HistoriqueAdministration } from './HistoriqueAdministration';
import { Bouton } from './ui';

/**
 * The edit panel of an object of the organisation (agent, lieu d'accueil…): its form, a way out, and — once the
 * object exists — the journal of its changes.
 */
export function EditionAdministree({
  id,
  titre,
  envoi,
  libelleEnvoi,
  libelles,
  formats,
  historique,
  fini,
  children,
}: {
  id: string;
  titre: string;
  envoi: Pick<Envoi, 'envoi' | 'erreur' | 'champs' | 'soumettre'>;
  libelleEnvoi: string;
  libelles: Record<string, string>;
  formats: Record<string, (v: unknown) => string>;
  /** The path of the object's journal (none while it is being created). */
  historique: string | null;
  fini: () => void;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="panneau">
      <h2 id={id}>{titre}</h2>
      <Formulaire titre={titre} {...envoi} libelleEnvoi={libelleEnvoi} libelles={libelles}>
        {children}
      </Formulaire>
      <Bouton variante="secondaire" onPress={fini}>
        Annuler
      </Bouton>
      {historique && <HistoriqueAdministration chemin={historique} libelles={libelles} formats={formats} />}
    </section>
  );
}
