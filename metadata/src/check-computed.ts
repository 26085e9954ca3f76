/** Checks of the expressions of fields (formulas, rollups, conditions): what they read must exist, formulas may not form a cycle. */
import { checkExpressionTypes } from './check-expression-types.ts';
import { collectVars } from './jsonlogic-vars.ts';
import { problem } from './problem.ts';
import type { FieldDef, FieldType, ObjectDoc, Problem } from './types.ts';
import { isKnownVar, isReference, liveField, type ObjectsByName } from './var-scope.ts';

const AGGREGATABLE_TYPES: readonly FieldType[] = ['number', 'integer', 'money', 'percent', 'date', 'datetime'];

export function checkFormula(field: FieldDef, path: string, object: ObjectDoc, objects: ObjectsByName): Problem[] {
  const missing = missingProperties(field, path, ['returns', 'expression']);
  if (field.expression === undefined) return missing;
  const unknown = collectVars(field.expression)
    .filter((v) => !isKnownVar(v.name, object, objects))
    .map((v) => unknownField(`${path}/expression${v.path}`, v.name));
  return [...missing, ...unknown, ...checkExpressionTypes(field.expression, `${path}/expression`, object, objects)];
}

const CONDITION_KEYS = ['defaultExpression', 'requiredWhen', 'readOnlyWhen', 'visibleWhen'] as const;

/** The expressions a field may carry besides a formula: each must read only fields the object has. */
export function checkFieldExpressions(field: FieldDef, path: string, object: ObjectDoc, objects: ObjectsByName): Problem[] {
  return CONDITION_KEYS.flatMap((key) =>
    field[key] === undefined
      ? []
      : [
          ...collectVars(field[key])
            .filter((v) => !isKnownVar(v.name, object, objects))
            .map((v) => unknownField(`${path}/${key}${v.path}`, v.name)),
          ...checkExpressionTypes(field[key], `${path}/${key}`, object, objects),
        ],
  );
}

export function checkRollup(field: FieldDef, path: string, object: ObjectDoc, objects: ObjectsByName): Problem[] {
  const missing = missingProperties(field, path, ['of', 'via', 'aggregate']);
  if (field.of === undefined) return missing;
  const detail = objects.get(field.of);
  if (!detail) {
    return [...missing, problem(`${path}/of`, 'unknown_object', `未知对象 ${field.of}`, `unknown object ${field.of}`)];
  }
  return [...missing, ...checkVia(field, path, object, detail), ...checkAggregatedField(field, path, detail)];
}

function checkVia(field: FieldDef, path: string, object: ObjectDoc, detail: ObjectDoc): Problem[] {
  if (field.via === undefined) return [];
  const via = liveField(detail, field.via);
  if (isReference(via) && via!.target === object.name) return [];
  return [problem(`${path}/via`, 'bad_via',
    `${field.via} 须是 ${detail.name} 上指向 ${object.name} 的查找或主从字段`,
    `${field.via} must be a lookup or master-detail field of ${detail.name} that targets ${object.name}`)];
}

function checkAggregatedField(field: FieldDef, path: string, detail: ObjectDoc): Problem[] {
  if (field.aggregate === undefined || field.aggregate === 'count') return [];
  if (field.field === undefined) return missingProperties(field, path, ['field']);
  const aggregated = liveField(detail, field.field);
  if (!aggregated) return [unknownField(`${path}/field`, field.field)];
  const type = aggregated.returns ?? aggregated.type;
  if (AGGREGATABLE_TYPES.includes(type)) return [];
  return [problem(`${path}/field`, 'bad_rollup_field',
    `${field.aggregate} 只能汇总数字或日期字段，${field.field} 是 ${type}`,
    `${field.aggregate} needs a number or date field; ${field.field} is ${type}`)];
}

/** One problem on each formula field that can reach itself through the formulas it reads. */
export function checkFormulaCycles(object: ObjectDoc): Problem[] {
  const reads = new Map<string, string[]>();
  for (const f of object.fields) {
    if (f.type === 'formula' && !f.removed) reads.set(f.name, collectVars(f.expression).map((v) => v.name));
  }
  return object.fields.flatMap((f, i) => {
    if (!reads.has(f.name) || !reaches(f.name, f.name, reads, new Set())) return [];
    return [problem(`/fields/${i}/expression`, 'formula_cycle',
      `公式 ${f.name} 循环引用了自身`, `formula ${f.name} refers to itself through a cycle`)];
  });
}

function reaches(from: string, goal: string, reads: Map<string, string[]>, seen: Set<string>): boolean {
  for (const next of reads.get(from) ?? []) {
    if (next === goal) return true;
    if (seen.has(next)) continue;
    seen.add(next);
    if (reaches(next, goal, reads, seen)) return true;
  }
  return false;
}

function missingProperties(field: FieldDef, path: string, keys: (keyof FieldDef)[]): Problem[] {
  return keys.filter((key) => field[key] === undefined).map((key) => problem(`${path}/${key}`, 'missing_property',
    `${field.type} 字段缺少必填属性 ${key}`, `a ${field.type} field needs property ${key}`));
}

function unknownField(path: string, name: string): Problem {
  return problem(path, 'unknown_field', `未知字段 ${name}`, `unknown field ${name}`);
}
