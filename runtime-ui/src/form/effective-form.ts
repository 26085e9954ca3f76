/**
 * The schema and uiSchema the form renders for the values it holds now: fields whose visibleWhen fails are left out,
 * requiredWhen adds to `required`, readOnlyWhen (and read-only fields) set `ui:readonly`. Object-valued widgets
 * (geo) are rendered as custom fields.
 */
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import type { UiField, UiObject } from '../../../metadata/src/ui-contract.ts';
import { holds } from './logic.ts';

export interface FormShape {
  schema: RJSFSchema;
  uiSchema: UiSchema;
}

/** Widgets that take the whole value of an object-typed property, so they render as an rjsf field. */
const FIELD_WIDGETS = new Set(['geo']);

export function effectiveForm(ui: UiObject, values: Record<string, unknown>): FormShape {
  const properties = { ...((ui.schema.properties ?? {}) as Record<string, RJSFSchema>) };
  const required = new Set<string>((ui.schema.required as string[] | undefined) ?? []);
  const uiSchema: UiSchema = { ...(ui.uiSchema as UiSchema) };
  for (const field of ui.fields) {
    if (!(field.name in properties)) continue;
    if (!holds(field.visibleWhen, values, true)) {
      delete properties[field.name];
      required.delete(field.name);
      continue;
    }
    if (holds(field.requiredWhen, values, false)) required.add(field.name);
    uiSchema[field.name] = fieldUi(field, (uiSchema[field.name] ?? {}) as UiSchema, values);
  }
  const order = uiSchema['ui:order'] as string[] | undefined;
  if (order) uiSchema['ui:order'] = order.filter((name) => name === '*' || name in properties);
  uiSchema['ui:submitButtonOptions'] = { norender: true };
  return { schema: { ...ui.schema, properties, required: [...required] } as RJSFSchema, uiSchema };
}

function fieldUi(field: UiField, current: UiSchema, values: Record<string, unknown>): UiSchema {
  const next: UiSchema = { ...current };
  if (field.readOnly || holds(field.readOnlyWhen, values, false)) next['ui:readonly'] = true;
  const widget = current['ui:widget'];
  if (typeof widget === 'string' && FIELD_WIDGETS.has(widget)) {
    next['ui:field'] = widget;
    delete next['ui:widget'];
  }
  return next;
}
