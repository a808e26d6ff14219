import { FormulaireMotif } from './motif';
import type { Props } from './action';

export default function FormulaireAction({ parcours }: Props) {
  return <FormulaireMotif parcours={parcours} type="demanderReorientation" />;
}
