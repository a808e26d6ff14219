import type { ReactNode } from 'react';
import { Formulaire, type Envoi } from './Formulaire';
import { HistoriqueAdministration } from './HistoriqueAdministration';
import { Badge, Bouton } from './ui';

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

/** The list's button that opens an object's edit panel, named after the object for screen readers. */
export function BoutonModifier({ nom, modifier }: { nom: string; modifier: () => void }) {
  return (
    <Bouton variante="secondaire" onPress={modifier} aria-label={`Modifier ${nom}`}>
      Modifier
    </Bouton>
  );
}

/** Whether an administered object is in use ("Actif" / "Active", as the noun it qualifies). */
export function EtatActif({ actif, feminin = false }: { actif: boolean; feminin?: boolean }) {
  return actif ? (
    <Badge type="succes">{feminin ? 'Active' : 'Actif'}</Badge>
  ) : (
    <Badge type="avertissement">{feminin ? 'Désactivée' : 'Désactivé'}</Badge>
  );
}
