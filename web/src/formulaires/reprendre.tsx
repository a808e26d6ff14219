import { FormulaireMotif } from './motif';
import type { Props } from './action';

export default function Formulaire({ parcours }: Props) {
  return <FormulaireMotif parcours={parcours} action="reprendre" sansMotif commentaire />;
}
