import { describe, expect, it } from 'vitest';
import { checkDocuments } from './check-documents.ts';
import { checkDocumentShape } from './check-shape.ts';
import { checkTemplate } from './check-template.ts';
import { codesAndPaths, field, object } from './fixtures/builders.ts';
import { mergeLayers } from './merge-layers.ts';
import type { TemplateDoc } from './types.ts';

const region = object('region', [field('name', 'text'), field('manager', 'text')]);
const account = object('account', [field('name', 'text'), field('region', 'lookup', { target: 'region' })]);
const order = object('sales_order', [
  field('title', 'text'), field('amount', 'money'), field('due', 'date'), field('secret', 'text'),
  field('account', 'lookup', { target: 'account' }),
]);
const objects = new Map([['region', region], ['account', account], ['sales_order', order]]);

const both = (text: string) => ({ 'zh-CN': text, en: text });
const template = (subject: string, body: string, extra: Partial<TemplateDoc> = {}): TemplateDoc => ({
  kind: 'template', name: 'order_due', label: { 'zh-CN': '订单到期', en: 'Order due' }, object: 'sales_order',
  subject: both(subject), body: both(body), ...extra,
});

describe('template shape', () => {
  it('accepts a full template', () => {
    expect(checkDocumentShape(template('{{title}}', 'x', { channels: ['inApp', 'email'] }))).toEqual([]);
  });

  it('refuses a missing body locale, an unknown channel and an unknown property', () => {
    const doc = { ...template('a', 'b'), body: { en: 'b' }, channels: ['sms'], colour: 1 };
    expect(codesAndPaths(checkDocumentShape(doc))).toEqual(expect.arrayContaining([
      { code: 'missing_property', path: '/body/zh-CN' },
      { code: 'not_allowed_value', path: '/channels/0' },
      { code: 'unknown_property', path: '/colour' },
    ]));
  });
});

describe('template semantics', () => {
  it('accepts fields, one- and two-deep lookup paths, the helpers and if/unless', () => {
    const body = '{{title}} {{account.name}} {{account.region.manager}} {{money amount}} {{date due}} {{date due "datetime"}}'
      + ' {{link}} {{link "account" account}} {{#if secret}}s{{else}}n{{/if}} {{#unless title}}-{{/unless}} {{!-- c --}} {{label account.name}}';
    expect(checkTemplate(template('{{title}}', body), objects)).toEqual([]);
  });

  it('refuses unknown fields, deep paths, helpers, partials, data and parent paths, with paths and both locales', () => {
    const problems = checkTemplate(template('{{nope}}',
      '{{account.region.name.x}} {{lookup this "x"}} {{> evil}} {{@root.x}} {{../x}} {{#each items}}{{/each}} {{constructor.name}} {{money (lookup a b)}} {{link "nowhere" id}}'), objects);
    expect(codesAndPaths(problems)).toEqual(expect.arrayContaining([
      { code: 'unknown_field', path: '/subject/zh-CN' },
      { code: 'unknown_field', path: '/body/en' },
      { code: 'unknown_helper', path: '/body/en' },
      { code: 'partial_not_allowed', path: '/body/en' },
      { code: 'bad_path', path: '/body/en' },
      { code: 'unknown_object', path: '/body/en' },
    ]));
    expect(problems.every((p) => p.message['zh-CN'] && p.message.en && p.document?.name === 'order_due')).toBe(true);
    expect(problems.some((p) => p.message.en.includes('constructor'))).toBe(true);
  });

  it('takes one field path for label, nothing else', () => {
    for (const body of ['{{label}}', '{{label "title"}}', '{{label title "x"}}', '{{label title title}}']) {
      expect(codesAndPaths(checkTemplate(template('s', body), objects)), body).toContainEqual({ code: 'bad_helper_call', path: '/body/en' });
    }
    expect(codesAndPaths(checkTemplate(template('s', '{{label nope}}'), objects))).toContainEqual({ code: 'unknown_field', path: '/body/en' });
  });

  it('refuses a template that does not parse, an unknown object, and paths in an object-less template', () => {
    expect(codesAndPaths(checkTemplate(template('{{#if}}', 'ok'), objects))).toContainEqual({ code: 'template_syntax', path: '/subject/zh-CN' });
    expect(codesAndPaths(checkTemplate(template('x', 'y', { object: 'ghost' }), objects))).toEqual([{ code: 'unknown_object', path: '/object' }]);
    const { object: _o, ...plain } = template('hi', '{{title}}');
    expect(codesAndPaths(checkTemplate(plain, objects))).toEqual([{ code: 'no_object', path: '/body/zh-CN' }, { code: 'no_object', path: '/body/en' }]);
  });

  it('runs in checkDocuments', () => {
    expect(codesAndPaths(checkDocuments([order, account, region, template('{{ghost}}', 'b')]))).toEqual([
      { code: 'unknown_field', path: '/subject/zh-CN' }, { code: 'unknown_field', path: '/subject/en' },
    ]);
  });

  it('merges shallowly with labels per locale', () => {
    const merged = mergeLayers<TemplateDoc>(template('a', 'b'), { kind: 'template', name: 'order_due', subject: { en: 'custom' } } as TemplateDoc);
    expect(merged?.subject).toEqual({ en: 'custom' });
    expect(merged?.body).toEqual(both('b'));
  });
});
