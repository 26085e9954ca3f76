import type { FieldDef, FieldType } from '../../../metadata/src/types.ts';

/** The PostgreSQL column type that stores a field. Text-like limits live in validation, not in the column. */
export function columnType(field: FieldDef): string {
  const type: FieldType = field.type === 'formula' || field.type === 'rollup' ? (field.returns ?? 'text') : field.type;
  switch (type) {
    case 'integer':
      return 'integer';
    case 'number':
    case 'percent':
      return 'double precision';
    case 'money':
      return `numeric(18,${field.scale ?? 2})`;
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    case 'datetime':
      return 'timestamp(3) with time zone';
    case 'multi_picklist':
      return 'text[]';
    case 'lookup':
    case 'master_detail':
    case 'file':
    case 'image':
      return 'uuid';
    case 'geo_point':
      return 'point';
    default:
      return 'text';
  }
}

export function isReference(field: FieldDef): boolean {
  return field.type === 'lookup' || field.type === 'master_detail';
}

/** Values of the old type always fit the new one, so the change needs no force. */
export function isSafeCast(from: string, to: string): boolean {
  if (from === to) return true;
  if (to === 'text') return from !== 'text[]' && from !== 'point';
  if (from === 'integer') return to === 'double precision' || to.startsWith('numeric');
  if (from === 'date') return to === 'timestamp(3) with time zone';
  const fromNumeric = /^numeric\((\d+),(\d+)\)$/.exec(from);
  const toNumeric = /^numeric\((\d+),(\d+)\)$/.exec(to);
  if (fromNumeric && toNumeric) {
    const [, fp, fs] = fromNumeric.map(Number);
    const [, tp, ts] = toNumeric.map(Number);
    return ts >= fs && tp - ts >= fp - fs;
  }
  return false;
}
