/** What every widget and template of the record form may read: the object being edited. */
import type { UiField, UiObject } from '../../../metadata/src/ui-contract.ts';

export interface RecordFormContext {
  ui: UiObject;
}

export function fieldOf(context: RecordFormContext | undefined, name: string): UiField | undefined {
  return context?.ui.fields.find((field) => field.name === name);
}
