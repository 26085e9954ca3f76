import { expect, it } from 'vitest';
import { evaluateLogic } from '../jsonlogic.ts';

const inside = (code: unknown, ancestor: unknown) => evaluateLogic({ region_in: [{ var: 'code' }, ancestor] }, { code });

it('places a code inside its province and city', () => {
  expect(inside('310115', '310000')).toBe(true); // Pudong in Shanghai
  expect(inside('440305', '440300')).toBe(true); // Nanshan in Shenzhen
  expect(inside('440305', '440000')).toBe(true);
  expect(inside('440305', '440100')).toBe(false); // not in Guangzhou
  expect(inside('440305', '310000')).toBe(false);
});

it('puts a code inside itself and not inside its own children', () => {
  expect(inside('440000', '440000')).toBe(true);
  expect(inside('440300', '440300')).toBe(true);
  expect(inside('440305', '440305')).toBe(true);
  expect(inside('440305', '440306')).toBe(false);
  expect(inside('440000', '440300')).toBe(false);
});

it('is false for anything not six digits', () => {
  for (const code of [null, undefined, 440305, '44030', '4403050', '44030a', '']) expect(inside(code, '440000')).toBe(false);
  expect(inside('440305', 440000)).toBe(false);
  expect(inside('440305', null)).toBe(false);
});
