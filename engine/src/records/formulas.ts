import { evaluateLogic } from '../../../metadata/src/jsonlogic.ts';
import { collectVars } from '../../../metadata/src/jsonlogic-vars.ts';
import type { FieldDef } from '../../../metadata/src/types.ts';
import { CoercionFailure, coercerFor, type Coercer } from './field-coercion.ts';

type RecordData = Record<string, unknown>;

interface CompiledFormula {
  name: string;
  expression: unknown;
  coerce: Coercer;
}

/**
 * A formula's value as its `returns` type stores it: arithmetic floats rounded to the money scale, integers
 * truncated, numbers as text where text is returned. A value that still does not fit is null, not an error.
 */
function toReturnType(field: FieldDef): Coercer {
  const returns = field.returns ?? 'text';
  const coerce = coercerFor({ ...field, type: returns });
  const prepare = (value: unknown): unknown => {
    if (typeof value !== 'number') return value;
    if (returns === 'money') return value.toFixed(field.scale ?? 2);
    if (returns === 'integer') return Math.trunc(value);
    return returns === 'text' ? String(value) : value;
  };
  return (value) => {
    const coerced = coerce(prepare(value));
    return coerced instanceof CoercionFailure ? null : (coerced ?? null);
  };
}

/** Formulas in an order where each comes after the formulas it reads (deploy refuses cycles). */
export function compileFormulas(fields: readonly FieldDef[]): CompiledFormula[] {
  const formulas = fields.filter((f) => f.type === 'formula' && f.expression !== undefined);
  const names = new Set(formulas.map((f) => f.name));
  const ordered: FieldDef[] = [];
  const visit = (field: FieldDef, seen: Set<string>) => {
    if (ordered.includes(field) || seen.has(field.name)) return;
    seen.add(field.name);
    for (const { name } of collectVars(field.expression)) {
      const dependency = formulas.find((f) => f.name === name.split('.')[0]);
      if (dependency && names.has(dependency.name)) visit(dependency, seen);
    }
    ordered.push(field);
  };
  for (const field of formulas) visit(field, new Set());
  return ordered.map((f) => ({ name: f.name, expression: f.expression, coerce: toReturnType(f) }));
}

/** The stored value of every formula of a record about to be written, computed over the record as it will be. */
export function computeFormulas(formulas: readonly CompiledFormula[], record: RecordData): RecordData {
  const values: RecordData = {};
  const scope = { ...record };
  for (const formula of formulas) {
    let value: unknown;
    try {
      value = formula.coerce(evaluateLogic(formula.expression, scope));
    } catch {
      value = null;
    }
    values[formula.name] = value;
    scope[formula.name] = value;
  }
  return values;
}
