import { describe, expect, it } from 'vitest';
import { collectOperators, collectVars } from './jsonlogic-vars.ts';

describe('collectVars', () => {
  it('finds string vars with their pointers', () => {
    const expr = { and: [{ '==': [{ var: 'level' }, '3A'] }, { '<': [{ var: 'beds' }, 500] }] };
    expect(collectVars(expr)).toEqual([
      { name: 'level', path: '/and/0/==/0/var' },
      { name: 'beds', path: '/and/1/</0/var' },
    ]);
  });

  it('reads the array form with a default, and vars inside the default', () => {
    expect(collectVars({ var: ['beds', { var: 'min_beds' }] })).toEqual([
      { name: 'beds', path: '/var/0' },
      { name: 'min_beds', path: '/var/1/var' },
    ]);
  });

  it('skips the empty var and item-scoped arguments of array operators', () => {
    const expr = { some: [{ var: 'visits' }, { '>': [{ var: 'cost' }, { var: '' }] }] };
    expect(collectVars(expr)).toEqual([{ name: 'visits', path: '/some/0/var' }]);
    expect(collectVars({ reduce: [{ var: 'xs' }, { '+': [{ var: 'current' }, { var: 'accumulator' }] }, { var: 'start' }] }))
      .toEqual([{ name: 'xs', path: '/reduce/0/var' }, { name: 'start', path: '/reduce/2/var' }]);
  });

  it('escapes operator keys in the pointer', () => {
    expect(collectVars({ '/': [{ var: 'a' }, 2] })).toEqual([{ name: 'a', path: '/~1/0/var' }]);
  });

  it('finds nothing in literals', () => {
    expect(collectVars(true)).toEqual([]);
    expect(collectVars([1, 'var'])).toEqual([]);
  });
});

describe('collectOperators', () => {
  it('lists every operator with the pointer of its key', () => {
    expect(collectOperators({ '!': [{ in: [{ var: 'a' }, ['x']] }] }).map((o) => `${o.name} ${o.path}`))
      .toEqual(['! /!', 'in /!/0/in', 'var /!/0/in/0/var']);
  });
});
