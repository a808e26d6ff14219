import { FormulaireReferent } from './referent';
import type { Props } from './action';

export default function FormulaireAction({ parcours }: Props) {
  return <FormulaireReferent parcours={parcours} type="designerReferent" />;
}
