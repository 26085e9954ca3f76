/** An object's fields as one principal may see them: unreadable ones absent, unwritable ones read-only. */
import { COMPUTED_FIELD_TYPES, isReadFormula, type FieldDef } from '../../../metadata/src/types.ts';
import type { UiField } from '../../../metadata/src/ui-contract.ts';
import type { ObjectRuntime, Registry } from '../registry.ts';
import type { RecordScope } from '../security/record-scope.ts';
import { titleFieldOf } from './object-title.ts';

/** A portal user's link to its dealer is the engine's to fill: shown, never asked for. */
export function uiFields(scope: RecordScope, object: ObjectRuntime, registry: Registry): UiField[] {
  const accountLink = scope.accountLink(object);
  return object.fieldList.filter((f) => scope.canRead(object, f.name)).map((f) => f.name === accountLink
    ? { ...uiField(f, registry, true), required: false }
    : uiField(f, registry, COMPUTED_FIELD_TYPES.has(f.type) || !scope.canEdit(object, f.name)));
}

/** A field as a form shows it (a record's, or an action's input); `readOnly` when the user may not write it. */
export function uiField(def: FieldDef, registry: Registry, readOnly: boolean): UiField {
  const target = def.target !== undefined ? registry.object(def.target) : undefined;
  return dropUndefined({
    name: def.name,
    type: def.type,
    label: def.label,
    description: def.description,
    required: def.required === true,
    readOnly,
    default: def.default,
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
