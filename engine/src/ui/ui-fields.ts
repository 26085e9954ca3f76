/** An object's fields as one principal may see them: unreadable ones absent, unwritable ones read-only. */
import { COMPUTED_FIELD_TYPES, isReadFormula, type FieldDef } from '../../../metadata/src/types.ts';
import type { UiField } from '../../../metadata/src/ui-contract.ts';
import type { ObjectRuntime, Registry } from '../registry.ts';
import type { RecordScope } from '../security/record-scope.ts';
import { titleFieldOf } from './object-title.ts';

export function uiFields(scope: RecordScope, object: ObjectRuntime, registry: Registry): UiField[] {
  return object.fieldList.filter((f) => scope.canRead(object, f.name)).map((f) => uiField(scope, object, f, registry));
}

function uiField(scope: RecordScope, object: ObjectRuntime, def: FieldDef, registry: Registry): UiField {
  const target = def.target !== undefined ? registry.object(def.target) : undefined;
  return dropUndefined({
    name: def.name,
    type: def.type,
    label: def.label,
    description: def.description,
    required: def.required === true,
    readOnly: COMPUTED_FIELD_TYPES.has(def.type) || !scope.canEdit(object, def.name),
    requiredWhen: def.requiredWhen,
    readOnlyWhen: def.readOnlyWhen,
    visibleWhen: def.visibleWhen,
    options: def.options,
    target: def.target,
    targetTitleField: def.target === undefined ? undefined : target ? titleFieldOf(target.doc) : null,
    returns: def.returns,
    min: def.min,
    max: def.max,
    maxLength: def.maxLength,
    minLength: def.minLength,
    pattern: def.pattern,
    scale: def.scale,
    filterable: !isReadFormula(def),
  });
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
