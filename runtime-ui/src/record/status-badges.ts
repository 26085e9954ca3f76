/** Which picklists read as a record's state in its header, and the colour a value gets. */
import type { UiField, UiObject } from '../../../metadata/src/ui-contract.ts';

const STATE_NAMES = /(^|_)(status|stage|state|tier|level|phase)$/;

export function badgeFields(ui: UiObject): UiField[] {
  return ui.fields.filter((f) => f.type === 'picklist' && STATE_NAMES.test(f.name));
}

const COLORS: Record<string, string> = {
  active: 'green', approved: 'green', done: 'green', valid: 'green', closed: 'default',
  pending: 'orange', evaluating: 'orange', temporary: 'gold', prospect: 'blue', draft: 'default',
  suspended: 'red', rejected: 'red', terminated: 'default', expired: 'red', cancelled: 'default',
};

export const badgeColor = (value: string) => COLORS[value] ?? 'blue';
