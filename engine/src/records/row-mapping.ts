import { SYSTEM_FIELDS, valueType, type FieldDef } from '../../../metadata/src/types.ts';
import { computeFormulas } from './formulas.ts';
import type { ObjectRuntime } from '../registry.ts';

export type RecordData = Record<string, unknown>;

/** A partial record still carries what a client needs to write it back. */
export const ALWAYS_RETURNED: ReadonlySet<string> = new Set(['id', 'version']);
const TIMESTAMP_COLUMNS = new Set(['created_at', 'updated_at', 'deleted_at']);

const toIso = (value: unknown) => (value instanceof Date ? value.toISOString() : value);

/** PostgreSQL's `point` arrives as "(x,y)" from PGlite and as {x, y} from pg; the API speaks {lat, lng}. */
function pointToGeo(value: unknown): { lat: number; lng: number } | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object') {
    const { x, y } = value as { x: number; y: number };
    return { lat: y, lng: x };
  }
  const [lng, lat] = String(value).replace(/[()]/g, '').split(',').map(Number);
  return { lat, lng };
}

function fieldFromDb(field: FieldDef, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (valueType(field)) {
    case 'datetime':
      return toIso(value);
    case 'geo_point':
      return pointToGeo(value);
    case 'integer':
    case 'number':
    case 'percent':
      return typeof value === 'string' ? Number(value) : value;
    default:
      return value;
  }
}

/** A database row → the record the API returns: system columns first, then the object's live fields. */
export function recordFromRow(object: ObjectRuntime, row: RecordData, fields?: readonly string[]): RecordData {
  const record: RecordData = {};
  for (const column of SYSTEM_FIELDS) {
    if (fields && !ALWAYS_RETURNED.has(column) && !fields.includes(column)) continue;
    if (column in row) record[column] = TIMESTAMP_COLUMNS.has(column) ? toIso(row[column]) : row[column];
  }
  for (const field of object.storedFields) {
    if (fields && !fields.includes(field.name)) continue;
    if (field.name in row) record[field.name] = fieldFromDb(field, row[field.name]);
  }
  if (object.readFormulas.length) addReadFormulas(object, row, record, fields);
  return record;
}

function addReadFormulas(object: ObjectRuntime, row: RecordData, record: RecordData, fields?: readonly string[]): void {
  const stored = fields
    ? Object.fromEntries(object.storedFields.filter((f) => f.name in row).map((f) => [f.name, fieldFromDb(f, row[f.name])]))
    : record;
  const computed = computeFormulas(object.readFormulas, stored);
  for (const [name, value] of Object.entries(computed)) if (!fields || fields.includes(name)) record[name] = value;
}

/** Validated field values → values the database driver binds. */
export function rowFromValues(object: ObjectRuntime, values: RecordData): RecordData {
  const row: RecordData = {};
  for (const [name, value] of Object.entries(values)) {
    const field = object.fields.get(name);
    row[name] = field?.type === 'geo_point' && value ? geoToPoint(value as { lat: number; lng: number }) : value;
  }
  return row;
}

const geoToPoint = ({ lat, lng }: { lat: number; lng: number }) => `(${lng},${lat})`;
