import { describe, expect, it } from 'vitest';
import { field, object } from '../../../metadata/src/fixtures/builders.ts';
import type { AutomationDoc, AutomationTrigger } from '../../../metadata/src/types.ts';
import { CandidateObjects, checkDocumentFilters } from './check-filters.ts';
import { checkSchedules } from './check-schedules.ts';

const deal = object('deal', [field('name', 'text'), field('stage', 'text')]);
const nightly = (trigger: Partial<Extract<AutomationTrigger, { on: 'schedule' }>>, condition?: unknown): AutomationDoc => ({
  kind: 'automation', name: 'nightly', label: { 'zh-CN': '每晚', en: 'Nightly' }, object: 'deal',
  trigger: { on: 'schedule', cron: '0 8 * * *', ...trigger }, condition, actions: [{ update: { stage: 'stale' } }],
});

describe('checkSchedules', () => {
  it('accepts a cron the job queue can run, in the default or a named time zone', () => {
    expect(checkSchedules([deal, nightly({}), nightly({ cron: '*/15 9-18 * * MON-FRI', timezone: 'Asia/Urumqi' })])).toEqual([]);
  });

  it('names the field of the cron that is out of range, in both languages', () => {
    const [p] = checkSchedules([nightly({ cron: '0 25 * * *' })]);
    expect(p).toMatchObject({ path: '/trigger/cron', code: 'bad_cron', document: { kind: 'automation', name: 'nightly' } });
    expect(p.message.en).toMatch(/^the cron expression "0 25 \* \* \*" is not valid: .*25/);
    expect(p.message['zh-CN']).toMatch(/^cron 表达式 "0 25 \* \* \*" 无效：/);
  });

  it('refuses a day that never comes and an unknown time zone', () => {
    expect(checkSchedules([nightly({ cron: '0 8 31 2 *' })])).toMatchObject([{ path: '/trigger/cron', code: 'bad_cron' }]);
    expect(checkSchedules([nightly({ timezone: 'Asia/Beijing' })])).toMatchObject([{ path: '/trigger/timezone', code: 'unknown_timezone' }]);
  });
});

describe('a schedule condition selects its records in the database', () => {
  it('is compiled like a list filter, and other triggers\' conditions are not', () => {
    const objects = new CandidateObjects([deal]);
    const jsOnly = { matches: [{ var: 'name' }, '^A'] };
    expect(checkDocumentFilters([deal, nightly({}, { '==': [{ var: 'stage' }, 'open'] })], objects)).toEqual([]);
    expect(checkDocumentFilters([deal, nightly({}, jsOnly)], objects)).toMatchObject([
      { path: '/condition/matches', code: 'unknown_operator', document: { kind: 'automation', name: 'nightly' } },
    ]);
    expect(checkDocumentFilters([deal, { ...nightly({}, jsOnly), trigger: { on: 'update' } }], objects)).toEqual([]);
  });
});
