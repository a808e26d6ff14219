import { FormulaireReferent } from './referent';
import type { Props } from './action';

export default function FormulaireDesignation({ parcours }: Props) {
  return <FormulaireReferent parcours={parcours} />;
}
