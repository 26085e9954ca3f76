/**
 * Automations end to end on real PostgreSQL, through the API, with the outbox relayed to the job queue (BullMQ on its
 * PostgreSQL backend): a write sets off the automations of its object, whose actions update the record, create a
 * related one, notify its owner and start a workflow, whose outcome sets off another; an automation that keeps
 * setting itself off is stopped at the bound and logged; a second delivery of an event runs nothing twice; a
 * schedule registered by the deploy runs on the records its condition selects; a bad document is refused at deploy.
 * Each test works on deals of its own `kind`, which every automation's condition names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AutomationDoc, JsonLogic, MetadataDoc } from '../../metadata/src/types.ts';
import { MAX_AUTOMATION_DEPTH } from '../../engine/src/automations/automation-chain.ts';
import type { AfterCommitEvent } from '../../engine/src/plugin-api.ts';
import { settled as settledApp, until } from '../helpers/settle.ts';
import { createUser, deploy, startTestApp, type TestApp } from '../helpers/test-app.ts';

const label = (en: string, zh = en) => ({ 'zh-CN': zh, en });
const text = (name: string) => ({ name, type: 'text', label: label(name) });

const DOCUMENTS: MetadataDoc[] = [
  {
    kind: 'object', name: 'deal', label: label('Deal', '商机'),
    fields: [
      { ...text('name'), required: true } as never, text('kind') as never, text('stage') as never, text('flag') as never, text('stage_note') as never,
      { name: 'amount', type: 'money', label: label('Amount') }, { name: 'bumps', type: 'integer', label: label('Bumps'), default: 0 },
    ],
  },
  {
    kind: 'object', name: 'deal_line', label: label('Line', '明细'),
    fields: [text('name') as never, { name: 'deal', type: 'lookup', target: 'deal', label: label('Deal') }],
  },
  {
    kind: 'template', name: 'deal_notice', label: label('Notice'), object: 'deal', channels: ['inApp'],
    subject: label('New deal {{name}}', '新商机 {{name}}'), body: label('{{name}}'),
  },
  {
    kind: 'permissionSet', name: 'deal_reader', label: label('Deal reader'), objects: { deal: { read: true } },
  },
  {
    kind: 'workflow', name: 'deal_review', label: label('Deal review'), object: 'deal', trigger: { on: 'submit' },
    nodes: [{ id: 'start', type: 'start' }, { id: 'boss', type: 'approval', approvers: { user: 'admin' } }, { id: 'end', type: 'end' }],
    edges: [{ from: 'start', to: 'boss' }, { from: 'boss', to: 'end', on: 'approved' }],
  },
];

const ofKind = (kind: string, more?: JsonLogic): JsonLogic => (more ? { and: [{ '==': [{ var: 'kind' }, kind] }, more] } : { '==': [{ var: 'kind' }, kind] });
const automation = (name: string, trigger: AutomationDoc['trigger'], condition: JsonLogic, actions: AutomationDoc['actions']): AutomationDoc =>
  ({ kind: 'automation', name, label: label(name), object: 'deal', trigger, condition, actions });

const AUTOMATIONS: AutomationDoc[] = [
  automation('flag_big', { on: 'create' }, ofKind('flag', { '>=': [{ var: 'amount' }, 1000] }), [{ update: { flag: 'big' } }]),
  automation('note_stage', { on: 'fieldChange', fields: ['stage'] }, ofKind('stage'), [{ update: { stage_note: { cat: ['now ', { var: 'stage' }] } } }]),
  automation('kickoff_line', { on: 'create' }, ofKind('line'), [{ create: { object: 'deal_line', values: { name: { cat: ['kickoff ', { var: 'name' }] }, deal: { var: 'id' } } } }]),
  automation('tell_owner', { on: 'create' }, ofKind('notify'), [{ notify: { template: 'deal_notice' } }]),
  automation('bump', { on: 'update' }, ofKind('loop'), [{ update: { bumps: { '+': [{ var: 'bumps' }, 1] } } }]),
  automation('review', { on: 'create' }, ofKind('review'), [{ startWorkflow: 'deal_review' }]),
  automation('mark_approved', { on: 'approval', workflow: 'deal_review', outcome: 'approved' }, ofKind('review'), [{ update: { flag: 'approved' } }]),
  automation('fragile', { on: 'update' }, ofKind('fail'), [
    { create: { object: 'deal_line', values: { name: 'before the failure', deal: { var: 'id' } } } },
    { update: { amount: { var: 'stage' } } },
  ]),
  automation('nightly', { on: 'schedule', cron: '0 8 * * *' }, ofKind('sched', { '==': [{ var: 'stage' }, 'stale'] }), [{ update: { flag: 'reminded' } }]),
];

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ relayOutbox: true });
  const res = await deploy(app, [...DOCUMENTS, ...AUTOMATIONS]);
  expect(res.statusCode, res.body).toBe(200);
}, 60_000);

afterAll(async () => {
  await app?.dispose();
});

const settled = () => settledApp(app);

async function api(method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) {
  const res = await app.server.inject({ method, url, payload, headers: { 'accept-language': 'en' } });
  return { status: res.statusCode, body: res.body ? res.json() : undefined };
}

async function createDeal(values: Record<string, unknown>): Promise<string> {
  const res = await api('POST', '/api/records/deal', { name: 'Xiehe MRI', ...values });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

const readDeal = async (id: string) => (await api('GET', `/api/records/deal/${id}`)).body;
const runsOf = (automation: string, recordId: string) => app.db.knex('qd_automation_runs').where({ automation, record_id: recordId }).orderBy('id');

describe('on create', () => {
  it('sets a field when the condition holds, and not when it does not', async () => {
    const big = await createDeal({ kind: 'flag', amount: '5000.00' });
    const small = await createDeal({ kind: 'flag', amount: '10.00' });
    const read = await until(() => readDeal(big), (deal) => deal.flag === 'big');
    expect(read.version).toBe(2);
    await settled();
    expect((await readDeal(small)).flag).toBeNull();
    expect(await runsOf('flag_big', small)).toEqual([]);
    expect(await runsOf('flag_big', big)).toMatchObject([{ status: 'done', trigger: 'create', object: 'deal' }]);
  });

  it('creates a related record', async () => {
    const id = await createDeal({ kind: 'line', name: 'CT room' });
    const lines = await until(
      async () => (await api('GET', `/api/records/deal_line?filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: 'deal' }, id] }))}`)).body.data,
      (data: unknown[]) => data.length > 0,
    );
    expect(lines).toMatchObject([{ name: 'kickoff CT room', deal: id }]);
  });

  it('gives the owner one in-app notification', async () => {
    const owner = await createUser(app, { username: 'rep.li', permissionSets: ['deal_reader'] });
    const id = await createDeal({ kind: 'notify', name: 'Ruijin CT', owner_id: owner.id });
    const inbox = async (): Promise<{ subject: string }[]> =>
      (await app.server.inject({ url: '/api/notifications', headers: { authorization: `Bearer ${owner.token}` } })).json().data;
    const [note] = await until(inbox, (data) => data.length > 0);
    expect(note.subject).toBe('新商机 Ruijin CT');
    await settled();
    expect(await inbox()).toHaveLength(1);
    expect(await runsOf('tell_owner', id)).toHaveLength(1);
  });
});

describe('on a field change', () => {
  it('runs only when that field changed', async () => {
    const id = await createDeal({ kind: 'stage', stage: 'open' });
    expect((await api('PATCH', `/api/records/deal/${id}`, { amount: '20.00' })).status).toBe(200);
    await settled();
    expect((await readDeal(id)).stage_note).toBeNull();
    expect((await api('PATCH', `/api/records/deal/${id}`, { stage: 'won' })).status).toBe(200);
    await until(() => readDeal(id), (deal) => deal.stage_note === 'now won');
    await settled();
    expect(await runsOf('note_stage', id)).toHaveLength(1);
  });
});

describe('loops', () => {
  it(`stop an automation that sets itself off once the chain is ${MAX_AUTOMATION_DEPTH} deep, logged as stopped with the chain`, async () => {
    const id = await createDeal({ kind: 'loop' });
    expect((await api('PATCH', `/api/records/deal/${id}`, { stage: 'open' })).status).toBe(200);
    await until(() => runsOf('bump', id), (runs) => runs.some((r) => r.status === 'stopped'));
    await settled();

    const deal = await readDeal(id);
    expect(deal.bumps).toBe(MAX_AUTOMATION_DEPTH);
    expect(deal.version).toBe(2 + MAX_AUTOMATION_DEPTH);
    const history = (await api('GET', `/api/records/deal/${id}/history`)).body.data as { changes: Record<string, { new: unknown }> }[];
    const bumps = history.filter((h) => 'bumps' in h.changes && h.changes.bumps.new !== 0).map((h) => h.changes.bumps.new).sort();
    expect(bumps).toEqual(Array.from({ length: MAX_AUTOMATION_DEPTH }, (_, i) => i + 1));
    const runs = await runsOf('bump', id);
    expect(runs.map((r) => r.status)).toEqual([...Array(MAX_AUTOMATION_DEPTH).fill('done'), 'stopped']);

    const chain = Array(MAX_AUTOMATION_DEPTH + 1).fill('bump').join(' → ');
    const listed = (await api('GET', '/api/admin/automations/runs?automation=bump&status=stopped')).body.data;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ automation: 'bump', trigger: 'update', recordId: id, status: 'stopped' });
    expect(listed[0].error.en).toBe(`stopped: automations set each other off more than ${MAX_AUTOMATION_DEPTH} deep (a loop?): ${chain}`);
    expect(listed[0].error['zh-CN']).toContain(chain);
  });
});

describe('at least once', () => {
  it('runs nothing twice when the same record.changed event comes again', async () => {
    const id = await createDeal({ kind: 'line', name: 'PET room' });
    const lineCount = async () => Number((await app.db.knex('data.deal_line').where({ deal: id }).count({ n: '*' }))[0].n);
    await until(lineCount, (n) => n === 1);
    await settled();
    const outbox = await app.db.knex('qd_outbox as o').join('qd_audit as a', 'a.id', 'o.audit_id')
      .where({ 'o.record_id': id, 'a.action': 'create' }).first('o.id', 'a.action', 'a.changes', 'a.actor');
    const event: AfterCommitEvent = { object: 'deal', recordId: id, action: outbox.action, changes: outbox.changes, actor: outbox.actor };

    await app.automations.onRecordChanged(event, { id: `outbox-${outbox.id}`, attempt: 2, maxAttempts: 5 });
    await settled();
    expect(await lineCount()).toBe(1);
    expect(await runsOf('kickoff_line', id)).toHaveLength(1);
  });
});

describe('a failing action', () => {
  it('rolls its run back and fails the job; the last attempt logs the run failed, and a later run takes it over', async () => {
    const id = await createDeal({ kind: 'fail', stage: 'not money' });
    const event: AfterCommitEvent = { object: 'deal', recordId: id, action: 'update', changes: { stage: { old: null, new: 'not money' } }, actor: null };
    const job = { id: `outbox-fragile-${id}`, maxAttempts: 3 };
    const lines = () => app.db.knex('data.deal_line').where({ deal: id });

    await expect(app.automations.onRecordChanged(event, { ...job, attempt: 1 })).rejects.toMatchObject({ code: 'RECORD_INVALID' });
    expect(await runsOf('fragile', id)).toEqual([]);
    await expect(app.automations.onRecordChanged(event, { ...job, attempt: 3 })).rejects.toMatchObject({ code: 'RECORD_INVALID' });
    const [failed] = await runsOf('fragile', id);
    expect(failed).toMatchObject({ status: 'failed', error: { en: expect.stringContaining('amount') } });
    expect(await lines()).toEqual([]);

    await app.db.knex('data.deal').where({ id }).update({ stage: '12.50' });
    await app.automations.onRecordChanged(event, { ...job, attempt: 1 });
    expect(await runsOf('fragile', id)).toMatchObject([{ id: failed.id, status: 'done', error: null }]);
    expect(await lines()).toHaveLength(1);
    expect((await readDeal(id)).amount).toBe('12.50');
  });
});

describe('on an approval outcome', () => {
  it('runs after the workflow an automation started is approved', async () => {
    const id = await createDeal({ kind: 'review' });
    const tasks = await until(
      async (): Promise<{ taskId: string }[]> => (await api('GET', '/api/approvals/inbox')).body.data.filter((t: { recordId: string }) => t.recordId === id),
      (found) => found.length > 0,
    );
    expect((await api('POST', `/api/approvals/${tasks[0].taskId}/approve`, {})).status).toBe(200);
    await until(() => readDeal(id), (deal) => deal.flag === 'approved');
    expect(await runsOf('mark_approved', id)).toMatchObject([{ status: 'done', trigger: 'approval' }]);
  });
});

describe('on a schedule', () => {
  it('is registered by the deploy and, at a tick, runs on the records its condition selects, once per tick', async () => {
    expect(await app.jobs.schedules()).toContainEqual(expect.objectContaining({ id: 'automation-nightly', cron: '0 8 * * *', timezone: 'Asia/Shanghai' }));
    const stale = [await createDeal({ kind: 'sched', stage: 'stale' }), await createDeal({ kind: 'sched', stage: 'stale' })];
    const fresh = await createDeal({ kind: 'sched', stage: 'open' });
    const tick = new Date('2026-12-07T00:00:00.000Z');
    const job = { id: 'repeat:automation-nightly:1796601600000', attempt: 1, maxAttempts: 5, scheduledFor: tick };

    await app.automations.onSchedule('nightly', tick, job);
    await app.automations.onSchedule('nightly', tick, { ...job, attempt: 2 });
    for (const id of stale) expect((await readDeal(id)).flag).toBe('reminded');
    expect((await readDeal(fresh)).flag).toBeNull();
    const runs = await app.db.knex('qd_automation_runs').where({ automation: 'nightly' });
    expect(runs.map((r) => r.record_id).sort()).toEqual([...stale].sort());
    expect(runs.every((r) => r.key.startsWith('nightly/2026-12-07/'))).toBe(true);
  });

  it('is removed from the queue when the automation is deactivated', async () => {
    const off = { ...AUTOMATIONS.find((a) => a.name === 'nightly')!, active: false };
    expect((await deploy(app, [off])).statusCode).toBe(200);
    expect((await app.jobs.schedules()).map((s) => s.id)).not.toContain('automation-nightly');
  });
});

describe('the operator route', () => {
  it('needs the right operations, and names a bad parameter', async () => {
    const clerk = await createUser(app, { username: 'clerk.wu', permissionSets: ['deal_reader'] });
    const asClerk = await app.server.inject({ url: '/api/admin/automations/runs', headers: { authorization: `Bearer ${clerk.token}` } });
    expect(asClerk.statusCode).toBe(403);
    const bad = await api('GET', '/api/admin/automations/runs?status=maybe');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toMatchObject([{ field: 'status' }]);
    const newest = (await api('GET', '/api/admin/automations/runs?limit=2')).body.data;
    expect(newest).toHaveLength(2);
    expect(newest[0].id > newest[1].id).toBe(true);
  });
});

describe('deploy refuses', () => {
  const refused = async (doc: AutomationDoc) => {
    const res = await deploy(app, [doc]);
    expect(res.statusCode).toBe(422);
    return res.json().errors.map((e: { field: string; rule: string }) => [e.field, e.rule]);
  };

  it('a cron that is not 5 fields or does not parse, naming the path', async () => {
    expect(await refused(automation('bad_cron', { on: 'schedule', cron: '0 8 * *' }, true, [{ update: { flag: 'x' } }])))
      .toEqual([['/documents/0/trigger/cron', 'bad_cron']]);
    expect(await refused(automation('bad_cron', { on: 'schedule', cron: '0 25 * * *' }, true, [{ update: { flag: 'x' } }])))
      .toEqual([['automation:bad_cron/trigger/cron', 'bad_cron']]);
  });

  it('an unknown field and an unknown template, naming the path', async () => {
    expect(await refused(automation('bad_field', { on: 'fieldChange', fields: ['stage', 'tier'] }, true, [{ update: { flag: 'x' } }])))
      .toEqual([['automation:bad_field/trigger/fields/1', 'unknown_field']]);
    expect(await refused(automation('bad_template', { on: 'create' }, true, [{ notify: { template: 'deal_farewell' } }])))
      .toEqual([['automation:bad_template/actions/0/notify/template', 'unknown_template']]);
  });
});
