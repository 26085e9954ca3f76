import { describe, expect, it } from 'vitest';
import { placeProblems } from './layout-problems.ts';

describe('placeProblems', () => {
  it("puts each deploy error on the section or list view its path names, and leaves the layout's own out", () => {
    expect(placeProblems([
      { field: 'layout:dealer_layout/sections/1/fields/0', message: 'unknown field' },
      { field: '/documents/0/listViews/2/sort/0', message: 'not sortable' },
      { field: 'layout:dealer_layout/listViews/2', message: 'duplicate' },
      { field: 'layout:dealer_layout/label', message: 'label' },
    ])).toEqual({ sections: { 1: ['unknown field'] }, listViews: { 2: ['not sortable', 'duplicate'] } });
  });
});
