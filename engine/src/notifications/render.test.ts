import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TemplateDoc } from '../../../metadata/src/types.ts';
import { formatDate, formatMoney, parseBaseUrl, recordLink } from './format.ts';
import { renderTemplate } from './render.ts';

const base = parseBaseUrl('https://crm.example.cn/app/');
const id = '0b5e6c1e-3f4a-4b6c-9d1e-2f3a4b5c6d7e';
const doc = (body: string, subject = 'S'): TemplateDoc => ({
  kind: 'template', name: 't', label: { 'zh-CN': 't', en: 't' }, object: 'sales_order',
  subject: { 'zh-CN': `订单 ${subject}`, en: `Order ${subject}` }, body: { 'zh-CN': body, en: `EN ${body}` },
});

describe('format helpers', () => {
  it('formats dates in Asia/Shanghai', () => {
    expect(formatDate('2026-11-25')).toBe('2026-11-25');
    expect(formatDate('2026-11-25T17:30:00Z')).toBe('2026-11-26');
    expect(formatDate('2026-11-25T17:30:00Z', 'datetime')).toBe('2026-11-26 01:30');
    expect(formatDate('nonsense')).toBe('');
    expect(formatDate({})).toBe('');
  });

  it('formats CNY from numeric strings without float error', () => {
    expect(formatMoney('1234567.895')).toBe('¥1,234,567.90');
    expect(formatMoney('0.1')).toBe('¥0.10');
    expect(formatMoney('-0.004')).toBe('¥0.00');
    expect(formatMoney('-1000.005')).toBe('-¥1,000.01');
    expect(formatMoney('123456789012345678.015')).toBe('¥123,456,789,012,345,678.02');
    expect(formatMoney(0.1 + 0.2)).toBe('¥0.30');
    expect(formatMoney('1e5')).toBe('');
    expect(formatMoney('abc')).toBe('');
  });

  it('builds record links from the configured base only', () => {
    expect(recordLink(base, 'sales_order', id)).toBe(`https://crm.example.cn/app/o/sales_order/${id}`);
    expect(recordLink(base, 'sales_order', 'javascript:alert(1)')).toBe('');
    expect(recordLink(base, '../admin', id)).toBe('');
    expect(recordLink(undefined, 'sales_order', id)).toBe('');
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'ftp://x', 'https://u:p@x/', 'https://x/?q=1']) {
      expect(() => parseBaseUrl(bad)).toThrow();
    }
  });
});

describe('renderTemplate', () => {
  const record = { id, title: '<b>急单</b> & co', amount: '9999.5', due: '2026-12-01', account: { id, name: '协和' } };

  it('renders subject and body per locale, HTML-escaped for e-mail only', () => {
    const out = renderTemplate(doc('{{title}}: {{money amount}} by {{date due}}\n{{account.name}} {{link}} {{link "account" account}}', '{{title}}'), record, 'zh-CN', { baseUrl: base, object: 'sales_order' });
    expect(out.subject).toBe('订单 <b>急单</b> & co');
    expect(out.text).toBe(`<b>急单</b> & co: ¥9,999.50 by 2026-12-01\n协和 https://crm.example.cn/app/o/sales_order/${id} https://crm.example.cn/app/o/account/${id}`);
    expect(out.html).toContain('&lt;b&gt;急单&lt;/b&gt; &amp; co: ¥9,999.50');
    expect(out.html).toContain('<br>');
    expect(renderTemplate(doc('{{title}}'), record, 'en').text).toBe('EN <b>急单</b> & co');
  });

  it("shows a picklist value by its option's label in the locale, through lookups too, and one without an option as stored", () => {
    const options: Record<string, { value: string; label: { 'zh-CN': string; en: string } }[]> = {
      type: [{ value: 'operation_licence', label: { 'zh-CN': '医疗器械经营许可证', en: 'Medical-device operation licence' } }],
      'account.tier': [{ value: 'A', label: { 'zh-CN': '一级', en: 'Tier 1' } }, { value: 'B', label: { 'zh-CN': '二级', en: 'Tier 2' } }],
    };
    const context = { optionsAt: (path: string) => options[path] };
    const data = { ...record, type: 'operation_licence', account: { id, tier: 'B', tiers: ['A', 'B'] } };
    expect(renderTemplate(doc('{{label type}} / {{label account.tier}}'), data, 'zh-CN', context).text).toBe('医疗器械经营许可证 / 二级');
    expect(renderTemplate(doc('{{label type}}'), data, 'en', context).text).toBe('EN Medical-device operation licence');
    expect(renderTemplate(doc('{{label title}} {{label missing}}'), data, 'zh-CN', context).text).toBe('<b>急单</b> & co ');
    expect(renderTemplate(doc('{{label type}}'), data, 'zh-CN').text).toBe('operation_licence');
  });

  it('renders a refused template as its raw text and never runs helpers outside the set', () => {
    expect(renderTemplate(doc('{{lookup this "constructor"}}'), record, 'zh-CN').text).toBe('{{lookup this "constructor"}}');
    expect(renderTemplate(doc('{{> p}}'), record, 'zh-CN').text).toBe('{{> p}}');
    expect(renderTemplate(doc('{{#with title}}x{{/with}}'), record, 'zh-CN').text).toBe('{{#with title}}x{{/with}}');
    expect(renderTemplate(doc('{{constructor}}|{{title.constructor.name}}|{{account.constructor}}'), record, 'zh-CN').text).toBe('||');
    expect(renderTemplate(doc('{{__proto__}}'), record, 'zh-CN').text).toBe('{{__proto__}}');
    expect(renderTemplate(doc('{{#if}}'), record, 'zh-CN').html).toBe('{{#if}}');
    expect(renderTemplate(doc('{{x}}<'), record, 'zh-CN').html).toBe('&lt;');
  });

  it('never compiles a template that is not a string', () => {
    const evil = { type: 'Program', body: [] } as unknown as string;
    expect(renderTemplate({ ...doc('x'), body: { 'zh-CN': evil, en: evil } }, record, 'zh-CN').text).toBe('');
  });

  const fragments = ['{{', '}}', '{{{', '}}}', '{{#if ', '{{/if}}', '{{else}}', '{{> ', '{{@root.', '../', 'constructor', '__proto__',
    'prototype', 'toString', 'valueOf', '__defineGetter__', 'lookup', 'with', 'each', 'log', 'this', '"', ' ', '.', '(', ')', '~', '!',
    'date', 'money', 'link', 'title', 'amount', '=', '[', ']', '\\', '\n', 'javascript:'];
  const hostileTemplate = fc.oneof(fc.string(), fc.array(fc.constantFrom(...fragments), { maxLength: 20 }).map((parts) => parts.join('')));
  const hostileValue = fc.oneof(fc.string(), fc.double(), fc.constantFrom('javascript:alert(1)', '1e400', '-0', '__proto__'),
    fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'id', 'name', 'toString'), fc.string()));
  const hostileRecord = fc.dictionary(fc.constantFrom('title', 'amount', 'due', 'id', 'account', '__proto__', 'constructor', 'prototype'), hostileValue);

  it('never throws and never reaches the prototype (fuzzed)', () => {
    const protoKeys = Object.getOwnPropertyNames(Object.prototype).sort();
    fc.assert(fc.property(hostileTemplate, hostileTemplate, hostileRecord, fc.constantFrom('zh-CN' as const, 'en' as const), (body, subject, data, locale) => {
      const out = renderTemplate(doc(body, subject), data, locale, { baseUrl: base, object: 'sales_order' });
      for (const text of [out.subject, out.text, out.html]) {
        expect(typeof text).toBe('string');
        expect(text).not.toMatch(/\[native code\]|function Object|function Function/);
      }
      expect(out.html).not.toMatch(/<(?!br>)/);
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoKeys);
    }), { numRuns: 2000 });
  });
});
