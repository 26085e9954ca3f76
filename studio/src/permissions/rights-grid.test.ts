import { describe, expect, it } from 'vitest';
import { columnState, gridOf, objectsOf, rowState, withColumn, withRight, withRow } from './rights-grid.ts';

describe('the rights grid', () => {
  it('reads a permission set\'s objects in right order and writes back only what is granted', () => {
    const grid = gridOf({ dealer: { update: true, read: true, delete: false }, product: {} });
    expect(grid).toEqual({ dealer: ['read', 'update'], product: [] });
    expect(objectsOf(grid)).toEqual({ dealer: { read: true, update: true } });
    expect(gridOf(undefined)).toEqual({});
  });

  it('checks and unchecks one box, keeping the order of the rights', () => {
    let grid = withRight({}, 'hospital', 'update', true);
    grid = withRight(grid, 'hospital', 'create', true);
    expect(grid.hospital).toEqual(['create', 'update']);
    expect(withRight(grid, 'hospital', 'update', false).hospital).toEqual(['create']);
  });

  it('selects a whole row or a whole column and says when one is partly checked', () => {
    const objects = ['dealer', 'hospital'];
    let grid = withRow({}, 'dealer', true);
    expect(rowState(grid, 'dealer')).toBe('all');
    expect(columnState(grid, objects, 'read')).toBe('some');
    grid = withColumn(grid, objects, 'read', true);
    expect(columnState(grid, objects, 'read')).toBe('all');
    expect(rowState(grid, 'hospital')).toBe('some');
    grid = withColumn(grid, objects, 'read', false);
    expect(columnState(grid, objects, 'read')).toBe('none');
    expect(objectsOf(withRow(grid, 'dealer', false))).toEqual({});
  });
});
