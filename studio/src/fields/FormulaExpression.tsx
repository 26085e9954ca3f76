/**
 * A formula's expression: a formula returning yes/no is a condition, built visually over the object's fields (or as
 * JSON); any other formula is JsonLogic arithmetic or text, written on the builder's JSON tab. Form.Item hands it
 * the value and onChange.
 */
import type { ComputedReturnType, JsonLogic } from '../../../metadata/src/types.ts';
import { LogicBuilder } from '../logic/LogicBuilder.tsx';

interface Props {
  object: string;
  returns: ComputedReturnType | undefined;
  value?: JsonLogic;
  onChange?: (value: JsonLogic | undefined) => void;
}

export function FormulaExpression({ object, returns, value, onChange }: Props) {
  return (
    <LogicBuilder
      object={object}
      value={value}
      onChange={(next) => onChange?.(next)}
      testId="field-expression"
      jsonOnly={returns !== 'boolean'}
    />
  );
}
