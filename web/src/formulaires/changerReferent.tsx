import { FormulaireReferent } from './referent';
import type { Props } from './action';

export default function FormulaireChangementReferent({ parcours }: Props) {
  return <FormulaireReferent parcours={parcours} changement />;
}
