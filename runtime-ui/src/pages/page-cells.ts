/** How a plugin page's answer reads in a table cell: a value found by a dotted path, shown as its column says. */
import type { PageColumn } from '../../../metadata/src/ui-contract.ts';
import type { Label } from '../../../metadata/src/types.ts';
import { pick } from '../i18n/index.ts';

export function valueAt(row: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), row);
}

export function cellText(column: PageColumn, value: unknown, yesNo: { yes: string; no: string }): string {
  if (value === null || value === undefined || value === '') return '—';
  switch (column.type) {
    case 'label':
      return typeof value === 'object' ? pick(value as Partial<Label>) : String(value);
    case 'boolean':
      return value ? yesNo.yes : yesNo.no;
    case 'picklist':
      return pick(column.options?.find((o) => o.value === value)?.label) || String(value);
    default:
      return String(value);
  }
}
