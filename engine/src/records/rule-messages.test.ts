import { describe, expect, it } from 'vitest';
import type { Label } from '../../../metadata/src/types.ts';
import { compileMessage } from './rule-messages.ts';

const both = (text: string): Label => ({ 'zh-CN': text, en: text });

describe('compileMessage', () => {
  it('renders each locale with the record as context, without HTML escaping', () => {
    const render = compileMessage({ 'zh-CN': '床位数 {{beds}} 太少', en: '{{beds}} beds & <{{name}}> is too few' });
    expect(render({ beds: 12, name: 'A' })).toEqual({ 'zh-CN': '床位数 12 太少', en: '12 beds & <A> is too few' });
  });

  it('renders a missing value as empty and keeps the builtin helpers', () => {
    expect(compileMessage(both('[{{nope}}]'))({})).toEqual(both('[]'));
    expect(compileMessage(both('{{#if vip}}VIP{{else}}-{{/if}}'))({ vip: true })).toEqual(both('VIP'));
  });

  it('refuses a template that is not a string', () => {
    const hostile = { type: 'Program', body: [] } as unknown as string;
    expect(() => compileMessage({ 'zh-CN': hostile, en: 'x' })).toThrow(TypeError);
  });

  it('does not reach the prototype chain', () => {
    const render = compileMessage(both('{{constructor}}|{{constructor.name}}|{{__proto__}}|{{lookup this "constructor"}}'));
    expect(render({})).toEqual(both('|||'));
  });

  it('knows no helper beyond the builtins', () => {
    expect(compileMessage(both('{{uppercase name}}'))({ name: 'a' })).toEqual(both('{{uppercase name}}'));
  });

  it('renders a template that does not parse as its raw text', () => {
    expect(compileMessage(both('{{#if}}broken'))({})).toEqual(both('{{#if}}broken'));
  });
});
