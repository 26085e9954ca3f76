import { describe, expect, it } from 'vitest';
import { field, object } from '../../../metadata/src/fixtures/builders.ts';
import type { LayoutDoc } from '../../../metadata/src/types.ts';
import { CandidateObjects, checkDocumentFilters, checkFilterable } from './check-filters.ts';

const region = object('region_office', [field('name', 'text'), field('open', 'boolean')]);
const dealer = object('dealer', [
  field('name', 'text'),
  field('office', 'lookup', { target: 'region_office' }),
  field('score', 'formula', { returns: 'integer', computeOn: 'read', expression: 1 }),
]);
const objects = new CandidateObjects([region, dealer]);

describe('checkFilterable', () => {
  it('accepts what list requests accept, lookup paths included', () => {
    expect(checkFilterable({ and: [{ '==': [{ var: 'office.open' }, true] }, { like: [{ var: 'name' }, 'A%'] }] }, 'dealer', objects)).toEqual([]);
  });

  it('names the part that cannot run in the database, under the given path, in both languages', () => {
    expect(checkFilterable({ or: [{ var: 'office.open' }, { matches: [{ var: 'name' }, '^A'] }] }, 'dealer', objects, '/criteria')).toEqual([{
      path: '/criteria/or/1/matches',
      code: 'unknown_operator',
      message: { 'zh-CN': '运算符 "matches" 不能在数据库中执行', en: 'the operator "matches" cannot run in the database' },
    }]);
    expect(checkFilterable({ '>': [{ var: 'score' }, 1] }, 'dealer', objects)).toMatchObject([{ path: '/>/0/var', code: 'not_filterable' }]);
    expect(checkFilterable({ '==': [{ var: 'office.city' }, 'x'] }, 'dealer', objects)).toMatchObject([{ path: '/==/0/var', code: 'lookup_path' }]);
  });

  it('leaves an unknown object to the document checks', () => {
    expect(checkFilterable({ matches: [] }, 'nobody', objects)).toEqual([]);
  });
});

describe('checkDocumentFilters', () => {
  it('checks every list view of every layout, in its document', () => {
    const layout: LayoutDoc = {
      kind: 'layout', name: 'dealer_layout', label: { 'zh-CN': '布局', en: 'Layout' }, object: 'dealer',
      listViews: [
        { name: 'all', label: { 'zh-CN': '全部', en: 'All' }, columns: ['name'] },
        { name: 'open', label: { 'zh-CN': '开放', en: 'Open' }, columns: ['name'], filter: { '==': [{ var: 'office.open' }, 'yes'] } },
      ],
    };
    expect(checkDocumentFilters([region, dealer, layout], objects)).toMatchObject([
      { path: '/listViews/1/filter/==/1', code: 'literal_type', document: { kind: 'layout', name: 'dealer_layout' } },
    ]);
  });
});
