import { valueType, type FieldDef } from '../../../metadata/src/types.ts';

/** The PostgreSQL column type that stores a field. Text-like limits live in validation, not in the column. */
export function columnType(field: FieldDef): string {
  switch (valueType(field)) {
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

/** A count or sum of no details is 0, from the moment the master exists; min and max of nothing stay NULL. */
export function columnDefinition(field: FieldDef): string {
  const zeroWhenEmpty = field.type === 'rollup' && (field.aggregate === 'count' || field.aggregate === 'sum');
  return `${columnType(field)}${zeroWhenEmpty ? ' DEFAULT 0' : ''}`;
}

export function isReference(field: FieldDef): boolean {
  return field.type === 'lookup' || field.type === 'master_detail';
}

export type Cast = 'same' | 'safe' | 'lossy' | 'impossible';

const NUMERIC = /^numeric\((\d+),(\d+)\)$/;
const isNumberColumn = (type: string) => type === 'integer' || type === 'double precision' || NUMERIC.test(type);

/**
 * What converting a column costs its data: `safe` values always fit, `lossy` may fail or round (needs force),
 * `impossible` PostgreSQL has no cast at all (a new field is the way).
 */
export function castBetween(from: string, to: string): Cast {
  if (from === to) return 'same';
  if (to === 'text') return 'safe';
  if (from === 'text') return 'lossy';
  if (isNumberColumn(from) && isNumberColumn(to)) return numberCast(from, to);
  if (from === 'date' && to.startsWith('timestamp')) return 'safe';
  if (from.startsWith('timestamp') && to === 'date') return 'lossy';
  if ((from === 'integer' && to === 'boolean') || (from === 'boolean' && to === 'integer')) return 'lossy';
  return 'impossible';
}

function numberCast(from: string, to: string): Cast {
  if (from === 'integer') return 'safe';
  const fromNumeric = NUMERIC.exec(from);
  const toNumeric = NUMERIC.exec(to);
  if (fromNumeric && toNumeric) {
    const [fp, fs] = [Number(fromNumeric[1]), Number(fromNumeric[2])];
    const [tp, ts] = [Number(toNumeric[1]), Number(toNumeric[2])];
    return ts >= fs && tp - ts >= fp - fs ? 'safe' : 'lossy';
  }
  return 'lossy';
}
