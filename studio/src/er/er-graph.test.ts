import { describe, expect, it } from 'vitest';
import type { FieldDef, ObjectDoc } from '../../../metadata/src/types.ts';
import { erGraph, keyFieldsOf, MAX_KEY_FIELDS, neighbourhood, relationsOf } from './er-graph.ts';

const label = (en: string) => ({ 'zh-CN': `${en}（中）`, en });
const field = (name: string, rest: Partial<FieldDef> = {}): FieldDef => ({ name, type: 'text', label: label(name), ...rest });
const object = (name: string, fields: FieldDef[]): ObjectDoc => ({ kind: 'object', name, label: label(name), fields: [field('name', { required: true }), ...fields] });

const dealer = object('dealer', [field('parent', { type: 'lookup', target: 'dealer' }), field('tier')]);
const contact = object('dealer_contact', [field('dealer', { type: 'master_detail', target: 'dealer', required: true }), field('phone')]);
const credit = object('dealer_credit', [field('dealer', { type: 'master_detail', target: 'dealer' }), field('owner', { type: 'lookup', target: 'user' })]);
const product = object('product', [field('line', { type: 'lookup', target: 'product_line' })]);
const line = object('product_line', [field('code', { unique: true })]);
const OBJECTS = [dealer, contact, credit, product, line];
const en = (l: { en: string }) => l.en;

describe('relationsOf', () => {
  it('takes every lookup and master-detail whose target is a listed object, hidden fields left out', () => {
    const hidden = object('old', [field('dealer', { type: 'lookup', target: 'dealer', removed: true })]);
    expect(relationsOf([...OBJECTS, hidden]).map((r) => `${r.source}.${r.field.name}->${r.target}`)).toEqual([
      'dealer.parent->dealer', 'dealer_contact.dealer->dealer', 'dealer_credit.dealer->dealer', 'product.line->product_line',
    ]);
  });
});

describe('neighbourhood', () => {
  it('is the object, those it points at and those pointing at it', () => {
    const relations = relationsOf(OBJECTS);
    expect([...neighbourhood(relations, 'dealer')].sort()).toEqual(['dealer', 'dealer_contact', 'dealer_credit']);
    expect([...neighbourhood(relations, 'product')].sort()).toEqual(['product', 'product_line']);
  });
});

describe('keyFieldsOf', () => {
  it('lists relations first, then the title, required and unique fields, and counts the rest', () => {
    const many = object('many', [
      ...Array.from({ length: 10 }, (_, i) => field(`f${i}`, { required: true })),
      field('note'),
      field('owner', { type: 'lookup', target: 'dealer' }),
    ]);
    const { keyFields, more } = keyFieldsOf(many);
    expect(keyFields).toHaveLength(MAX_KEY_FIELDS);
    expect(keyFields.slice(0, 2).map((f) => f.name)).toEqual(['owner', 'name']);
    expect(keyFields[0]).toMatchObject({ type: 'lookup', target: 'dealer', required: false });
    expect(more).toBe(13 - MAX_KEY_FIELDS);
    expect(keyFieldsOf(line).keyFields.map((f) => f.name)).toEqual(['name', 'code']);
  });
});

describe('erGraph', () => {
  it('draws a node per object and a labelled edge per relation, laid out left to right', () => {
    const { nodes, edges } = erGraph(OBJECTS, { text: en });
    expect(nodes.map((n) => n.id)).toEqual(['dealer', 'dealer_contact', 'dealer_credit', 'product', 'product_line']);
    expect(edges.map((e) => [e.id, e.source, e.target, e.label])).toEqual([
      ['dealer.parent', 'dealer', 'dealer', 'parent (parent)'],
      ['dealer_contact.dealer', 'dealer_contact', 'dealer', 'dealer (dealer)'],
      ['dealer_credit.dealer', 'dealer_credit', 'dealer', 'dealer (dealer)'],
      ['product.line', 'product', 'product_line', 'line (line)'],
    ]);
    const x = (id: string) => nodes.find((n) => n.id === id)!.position.x;
    expect(x('dealer_contact')).toBeLessThan(x('dealer'));
    expect(x('product')).toBeLessThan(x('product_line'));
  });

  it('with a focus shows only the object and its neighbours, the focus marked', () => {
    const { nodes, edges } = erGraph(OBJECTS, { focus: 'product_line', text: en });
    expect(nodes.map((n) => [n.id, n.data.focused])).toEqual([['product', false], ['product_line', true]]);
    expect(edges.map((e) => e.id)).toEqual(['product.line']);
  });
});
