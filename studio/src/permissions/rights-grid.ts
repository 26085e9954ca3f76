/**
 * The object × right grid of a permission set: per object, the rights checked, in OBJECT_RIGHTS order. It reads and
 * writes `PermissionSetDoc.objects` (only the rights granted are written; an object with none is left out).
 */
import { OBJECT_RIGHTS, type ObjectRight, type PermissionSetDoc } from '../../../metadata/src/types.ts';

export type RightsGrid = Record<string, ObjectRight[]>;

/** Whether every, some or none of a row's (or a column's) boxes are checked. */
export type CheckState = 'all' | 'some' | 'none';

export function gridOf(objects: PermissionSetDoc['objects']): RightsGrid {
  return Object.fromEntries(Object.entries(objects ?? {}).map(([object, rights]) => [object, OBJECT_RIGHTS.filter((right) => rights[right])]));
}

export function objectsOf(grid: RightsGrid): NonNullable<PermissionSetDoc['objects']> {
  return Object.fromEntries(Object.entries(grid)
    .filter(([, rights]) => rights.length)
    .map(([object, rights]) => [object, Object.fromEntries(rights.map((right) => [right, true]))]));
}

export const rightsOf = (grid: RightsGrid, object: string): readonly ObjectRight[] => grid[object] ?? [];

export function withRight(grid: RightsGrid, object: string, right: ObjectRight, on: boolean): RightsGrid {
  const others = rightsOf(grid, object).filter((r) => r !== right);
  return { ...grid, [object]: OBJECT_RIGHTS.filter((r) => others.includes(r) || (on && r === right)) };
}

export function withRow(grid: RightsGrid, object: string, on: boolean): RightsGrid {
  return { ...grid, [object]: on ? [...OBJECT_RIGHTS] : [] };
}

export function withColumn(grid: RightsGrid, objects: readonly string[], right: ObjectRight, on: boolean): RightsGrid {
  return objects.reduce((next, object) => withRight(next, object, right, on), grid);
}

export function rowState(grid: RightsGrid, object: string): CheckState {
  return stateOf(rightsOf(grid, object).length, OBJECT_RIGHTS.length);
}

export function columnState(grid: RightsGrid, objects: readonly string[], right: ObjectRight): CheckState {
  return stateOf(objects.filter((object) => rightsOf(grid, object).includes(right)).length, objects.length);
}

function stateOf(checked: number, of: number): CheckState {
  if (checked === 0) return 'none';
  return checked === of ? 'all' : 'some';
}
