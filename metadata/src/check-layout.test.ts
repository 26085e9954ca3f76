import { describe, expect, it } from 'vitest';
import { checkDocuments } from './check-documents.ts';
import { checkLayout } from './check-layout.ts';
import { checkDocumentShape } from './check-shape.ts';
import { codesAndPaths, field } from './fixtures/builders.ts';
import { hospitalObject } from './fixtures/contract-examples.ts';
import { mergeLayers } from './merge-layers.ts';
import type { LayoutDoc, ListViewDef } from './types.ts';

const label = (en: string) => ({ 'zh-CN': en, en });

const hospitalLayout: LayoutDoc = {
  kind: 'layout',
  name: 'hospital_layout',
  label: { 'zh-CN': '医院布局', en: 'Hospital layout' },
  object: 'hospital',
  sections: [
    { name: 'basics', label: label('Basics'), columns: 2, fields: ['name', 'code', 'level'] },
    { name: 'place', label: label('Place'), fields: ['region', 'parent'] },
  ],
  listViews: [
    {
      name: 'large_3a', label: label('Large 3A'),
      filter: { and: [{ '==': [{ var: 'level' }, '3A'] }, { '>=': [{ var: 'beds' }, 1000] }] },
      columns: ['name', 'beds', 'created_at'], sort: ['-beds', 'name'], pageSize: 100,
    },
  ],
};

const objects = new Map([['hospital', hospitalObject]]);
const withView = (view: Partial<ListViewDef>): LayoutDoc =>
  ({ ...hospitalLayout, listViews: [{ ...hospitalLayout.listViews![0], ...view }] });

describe('layout shape', () => {
  it('accepts sections and list views', () => {
    expect(checkDocumentShape(hospitalLayout)).toEqual([]);
  });

  it('refuses a missing object, an empty column list, a bad sort key, a page size out of range and an unknown property', () => {
    const { object: _object, ...noObject } = hospitalLayout;
    const doc = {
      ...noObject,
      sections: [{ name: 'basics', label: label('Basics'), columns: 3, fields: [] }],
      listViews: [{ name: 'v', label: label('V'), columns: [], sort: ['+name'], pageSize: 500, colour: 'red' }],
    };
    expect(codesAndPaths(checkDocumentShape(doc))).toEqual(expect.arrayContaining([
      { code: 'missing_property', path: '/object' },
      { code: 'not_allowed_value', path: '/sections/0/columns' },
      { code: 'too_few_items', path: '/listViews/0/columns' },
      { code: 'bad_format', path: '/listViews/0/sort/0' },
      { code: 'too_large', path: '/listViews/0/pageSize' },
      { code: 'unknown_property', path: '/listViews/0/colour' },
    ]));
  });

  it('refuses more sort keys than a list query takes', () => {
    const doc = withView({ sort: ['a', 'b', 'c', 'd', 'e', 'f'] });
    expect(codesAndPaths(checkDocumentShape(doc))).toEqual([{ code: 'too_many_items', path: '/listViews/0/sort' }]);
  });

  it('needs only names on the items of a custom-layer overlay', () => {
    const overlay = { kind: 'layout', name: 'hospital_layout', listViews: [{ name: 'large_3a', pageSize: 20 }] };
    expect(checkDocumentShape(overlay, 'custom')).toEqual([]);
    expect(checkDocumentShape(overlay).length).toBeGreaterThan(0);
  });
});

describe('checkLayout', () => {
  it('accepts a layout of the object\'s fields, with system fields as columns and sort keys', () => {
    expect(checkLayout(hospitalLayout, objects)).toEqual([]);
    expect(checkDocuments([hospitalObject, hospitalLayout])).toEqual([]);
  });

  it('refuses an unknown object', () => {
    const [p] = checkLayout({ ...hospitalLayout, object: 'clinic' }, objects);
    expect(p).toMatchObject({ path: '/object', code: 'unknown_object', document: { kind: 'layout', name: 'hospital_layout' } });
    expect(p.message).toEqual({ 'zh-CN': '未知对象 clinic', en: 'unknown object clinic' });
  });

  it('refuses unknown fields in sections, columns and sort, naming the object in both languages', () => {
    const layout: LayoutDoc = {
      ...withView({ columns: ['name', 'bedz'], sort: ['-opened'] }),
      sections: [{ name: 'basics', label: label('Basics'), fields: ['name', 'created_at'] }],
    };
    const problems = checkLayout(layout, objects);
    expect(codesAndPaths(problems)).toEqual([
      { code: 'unknown_field', path: '/sections/0/fields/1' },
      { code: 'unknown_field', path: '/listViews/0/columns/1' },
      { code: 'unknown_field', path: '/listViews/0/sort/0' },
    ]);
    expect(problems[1].message).toEqual({
      'zh-CN': '对象 hospital 没有字段 bedz（或已移除）', en: 'object hospital has no field bedz (or it was removed)',
    });
  });

  it('refuses a sort on a field the database cannot order by', () => {
    const hospital = {
      ...hospitalObject,
      fields: [
        ...hospitalObject.fields,
        field('wards', 'multi_picklist', { options: [{ value: 'icu', label: label('ICU') }] }),
        field('beds_x2', 'formula', { returns: 'integer', expression: { '*': [{ var: 'beds' }, 2] }, computeOn: 'read' }),
        field('beds_x3', 'formula', { returns: 'integer', expression: { '*': [{ var: 'beds' }, 3] } }),
      ],
    };
    const layout = withView({ sort: ['wards', '-beds_x2', 'beds_x3'] });
    expect(codesAndPaths(checkLayout(layout, new Map([['hospital', hospital]])))).toEqual([
      { code: 'not_sortable', path: '/listViews/0/sort/0' },
      { code: 'not_sortable', path: '/listViews/0/sort/1' },
    ]);
  });

  it('refuses repeated names, columns, sort keys and a field in two sections', () => {
    const view = hospitalLayout.listViews![0];
    const layout: LayoutDoc = {
      ...hospitalLayout,
      sections: [...hospitalLayout.sections!, { name: 'basics', label: label('Again'), fields: ['code'] }],
      listViews: [view, { ...view, columns: ['name', 'name'], sort: ['name', '-name'] }],
    };
    expect(codesAndPaths(checkLayout(layout, objects))).toEqual([
      { code: 'duplicate_section', path: '/sections/2/name' },
      { code: 'duplicate_list_view', path: '/listViews/1/name' },
      { code: 'duplicate_field', path: '/sections/2/fields/0' },
      { code: 'duplicate_column', path: '/listViews/1/columns/1' },
      { code: 'duplicate_sort', path: '/listViews/1/sort/1' },
    ]);
  });

  it('refuses a removed field, as a deploy that removes a field a view shows finds it', () => {
    const withoutBeds = { ...hospitalObject, fields: hospitalObject.fields.map((f) => f.name === 'beds' ? { ...f, removed: true } : f) };
    expect(codesAndPaths(checkDocuments([withoutBeds, hospitalLayout]))).toEqual([
      { code: 'unknown_field', path: '/listViews/0/columns/1' },
      { code: 'unknown_field', path: '/listViews/0/sort/0' },
    ]);
  });
});

describe('mergeLayers of layouts', () => {
  it('merges sections and list views by name, replacing their arrays as a whole, and appends new ones', () => {
    const custom = {
      kind: 'layout', name: 'hospital_layout',
      sections: [{ name: 'place', fields: ['region'] }],
      listViews: [{ name: 'large_3a', label: { en: 'Big 3A' }, pageSize: 20 }, { name: 'all', label: label('All'), columns: ['name'] }],
    } as unknown as LayoutDoc;
    const merged = mergeLayers(hospitalLayout, custom)!;
    expect(merged.sections!.map((s) => [s.name, s.fields])).toEqual([['basics', ['name', 'code', 'level']], ['place', ['region']]]);
    expect(merged.listViews!.map((v) => v.name)).toEqual(['large_3a', 'all']);
    expect(merged.listViews![0]).toEqual({ ...hospitalLayout.listViews![0], label: { 'zh-CN': 'Large 3A', en: 'Big 3A' }, pageSize: 20 });
    expect(checkDocuments([hospitalObject, merged])).toEqual([]);
  });
});
