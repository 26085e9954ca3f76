/** Semantic checks of an `object` document against the other objects it refers to. */
import { checkFieldExpressions, checkFormula, checkFormulaCycles, checkRollup } from './check-computed.ts';
import { checkField } from './check-field.ts';
import { checkDuplicateNames, checkName, isSystemField } from './names.ts';
import { inDocument, problem } from './problem.ts';
import type { FieldDef, ObjectDoc, Problem } from './types.ts';
import { liveField, type ObjectsByName } from './var-scope.ts';

/** All problems of `object`; `objects` are the known objects by name (the object itself is added). */
export function checkObject(object: ObjectDoc, objects: ObjectsByName = new Map()): Problem[] {
  const known = new Map(objects).set(object.name, object);
  return inDocument([
    ...checkName(object.name, '/name'),
    ...object.fields.flatMap((f, i) => checkName(f.name, `/fields/${i}/name`)),
    ...checkDuplicateNames(object.fields, '/fields', 'duplicate_field', { 'zh-CN': '字段', en: 'field' }),
    ...object.fields.flatMap((f, i) => checkFieldInObject(f, `/fields/${i}`, object, known)),
    ...checkFormulaCycles(object),
    ...checkIndexes(object),
    ...checkTitleField(object),
  ], object);
}

/** A removed field keeps only its name checked: what it refers to may be gone with it. */
function checkFieldInObject(field: FieldDef, path: string, object: ObjectDoc, objects: ObjectsByName): Problem[] {
  if (field.removed) return [];
  return [
    ...checkField(field, path, objects),
    ...checkRenamedFrom(field, path, object),
    ...checkFieldExpressions(field, path, object, objects),
    ...(field.type === 'formula' ? checkFormula(field, path, object, objects) : []),
    ...(field.type === 'rollup' ? checkRollup(field, path, object, objects) : []),
  ];
}

function checkRenamedFrom(field: FieldDef, path: string, object: ObjectDoc): Problem[] {
  const from = field.renamedFrom;
  if (from === undefined || (from !== field.name && !liveField(object, from))) return [];
  return [problem(`${path}/renamedFrom`, 'bad_rename',
    `renamedFrom ${from} 须是旧名称，不能是现有字段名`, `renamedFrom ${from} must be an old name, not a current field name`)];
}

function checkIndexes(object: ObjectDoc): Problem[] {
  const seen = new Set<string>();
  return (object.indexes ?? []).flatMap((index, i) => {
    const key = index.fields.join(',');
    const duplicate = seen.has(key)
      ? [problem(`/indexes/${i}`, 'duplicate_index', `索引 (${key}) 重复`, `index (${key}) is repeated`)]
      : [];
    seen.add(key);
    const unknown = index.fields.flatMap((name, j) => liveField(object, name) || isSystemField(name) ? [] : [problem(
      `/indexes/${i}/fields/${j}`, 'unknown_field', `索引引用了未知或已移除的字段 ${name}`,
      `the index uses unknown or removed field ${name}`)]);
    return [...duplicate, ...unknown];
  });
}

function checkTitleField(object: ObjectDoc): Problem[] {
  const name = object.titleField;
  if (name === undefined || liveField(object, name)) return [];
  return [problem('/titleField', 'unknown_field', `标题字段 ${name} 不存在或已移除`, `title field ${name} is unknown or removed`)];
}
