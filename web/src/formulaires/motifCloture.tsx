import { ListeDeroulante } from '../composants/ui';
import { LIBELLE_MOTIF_CLOTURE, options } from '../libelles';

/** The list of clôture reasons (clôture, revue ending the parcours). */
export function MotifCloture({
  valeur,
  changer,
  id,
  erreur,
}: {
  valeur: string;
  changer: (v: string) => void;
  id: string;
  erreur?: string;
}) {
  return (
    <ListeDeroulante
      id={id}
      label="Motif de clôture"
      obligatoire
      erreur={erreur}
      invite="Choisir un motif"
      valeur={valeur}
      changer={changer}
      options={options(LIBELLE_MOTIF_CLOTURE)}
    />
  );
}
