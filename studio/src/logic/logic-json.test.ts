import { describe, expect, it } from 'vitest';
import { jsonText, readJsonLogic } from './logic-json.ts';

describe('readJsonLogic', () => {
  it('reads JsonLogic, and empty text as no condition', () => {
    expect(readJsonLogic('{"==":[{"var":"tier"},"A"]}', false)).toEqual({ ok: true, value: { '==': [{ var: 'tier' }, 'A'] } });
    expect(readJsonLogic('  ', false)).toEqual({ ok: true, value: undefined });
  });

  it('says why text is not JSON', () => {
    expect(readJsonLogic('{"==": [', false)).toMatchObject({ ok: false, problem: 'invalid_json' });
  });

  it('refuses operators the database cannot run only when the condition must run there', () => {
    const text = '{"and":[{"missing":["tier"]},{">":[{"+":[{"var":"a"},1]},2]}]}';
    expect(readJsonLogic(text, true)).toEqual({ ok: false, problem: 'not_sql', operators: ['missing', '+'] });
    expect(readJsonLogic(text, false).ok).toBe(true);
  });

  it('accepts date arithmetic on today where the database gets its value', () => {
    const text = '{"==":[{"var":"valid_to"},{"date_add":[{"today":[]},60,"days"]}]}';
    expect(readJsonLogic(text, true)).toEqual({ ok: true, value: JSON.parse(text) });
  });

  it('prints JsonLogic for the JSON tab', () => {
    expect(readJsonLogic(jsonText({ '!': { var: 'active' } }), true)).toEqual({ ok: true, value: { '!': { var: 'active' } } });
    expect(jsonText(undefined)).toBe('');
  });
});
