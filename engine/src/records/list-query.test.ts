import { describe, expect, it } from 'vitest';
import type { ObjectDoc } from '../../../metadata/src/types.ts';
import { ObjectRuntime } from '../registry.ts';
import { compileFilter } from './filter-sql.ts';
import { filterResolver } from './list-query.ts';

const label = (en: string) => ({ 'zh-CN': en, en });
const objects = new Map([
  ['partner', new ObjectRuntime({
    kind: 'object', name: 'partner', label: label('Partner'),
    fields: [
      { name: 'tier', type: 'text', label: label('Tier') },
      { name: 'parent', type: 'lookup', target: 'partner', label: label('Parent') },
    ],
  } as ObjectDoc, [])],
  ['purchase', new ObjectRuntime({
    kind: 'object', name: 'purchase', label: label('Purchase'),
    fields: [
      { name: 'partner', type: 'lookup', target: 'partner', label: label('Partner') },
      { name: 'amount', type: 'money', label: label('Amount') },
    ],
  } as ObjectDoc, [])],
]);
const resolve = filterResolver(objects.get('purchase')!, (name) => objects.get(name));
const compile = (expr: unknown) => compileFilter(expr, resolve);
const EXISTS_PARTNER = 'EXISTS (SELECT 1 FROM ?? AS r0 WHERE r0.id = ?? AND r0.deleted_at IS NULL AND';

describe('filterResolver', () => {
  it('resolves fields one or two lookups away only through declared lookups', () => {
    expect(resolve('amount')).toEqual({ identifier: 't.amount', type: 'money' });
    expect(resolve('partner.tier')).toMatchObject({ identifier: 'r0.tier', type: 'text' });
    expect(resolve('partner.parent.id')).toMatchObject({ identifier: 'r1.id', type: 'uuid' });
    for (const path of ['partner.nope', 'amount.tier', 'nope.tier', 'partner.parent.parent.tier']) expect(resolve(path), path).toBeUndefined();
  });

  it('turns a condition false for an empty field into an EXISTS over the live related rows', () => {
    expect(compile({ '==': [{ var: 'partner.tier' }, 'A'] })).toEqual({
      sql: `${EXISTS_PARTNER} (?? = ?))`, bindings: ['data.partner', 't.partner', 'r0.tier', 'A'],
    });
    expect(compile({ '==': [{ var: 'partner.parent.tier' }, 'A'] })).toEqual({
      sql: `${EXISTS_PARTNER} (EXISTS (SELECT 1 FROM ?? AS r1 WHERE r1.id = ?? AND r1.deleted_at IS NULL AND (?? = ?))))`,
      bindings: ['data.partner', 't.partner', 'data.partner', 'r0.parent', 'r1.tier', 'A'],
    });
  });

  it('turns a condition true for an empty field into a NOT EXISTS of a live related row failing it', () => {
    expect(compile({ '!=': [{ var: 'partner.tier' }, 'A'] })).toEqual({
      sql: `NOT ${EXISTS_PARTNER} ((?? IS DISTINCT FROM ?) IS NOT TRUE))`, bindings: ['data.partner', 't.partner', 'r0.tier', 'A'],
    });
    expect(compile({ '==': [{ var: 'partner.parent.tier' }, null] }).sql).toBe(
      `NOT ${EXISTS_PARTNER} (EXISTS (SELECT 1 FROM ?? AS r1 WHERE r1.id = ?? AND r1.deleted_at IS NULL AND ((?? IS NULL) IS NOT TRUE))))`,
    );
  });
});
