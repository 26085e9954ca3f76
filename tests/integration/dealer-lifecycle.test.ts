/**
 * The dealer lifecycle of the medical-device pack on a real database with its demo data: status moves only through
 * the dealer_* workflows, each offered only in the status it starts from, with its approvals, the business-licence
 * check, the reason a suspension or termination needs, and the termination check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installBundledPlugins } from '../../engine/src/bundled-plugins.ts';
import { loadConfig } from '../../engine/src/config.ts';
import { creditCodeCheckCharacter } from '../../plugins/medical_dms/lib/uscc.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let app: TestApp;
type Row = Record<string, unknown> & { id: string };
type Headers = Record<string, string>;
type Reply = { status: number; body: any };
const sessions = new Map<string, Headers>();

async function call(method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, headers: Headers = {}): Promise<Reply> {
  const res = await app.server.inject({ method, url, payload: payload as object, headers: { 'accept-language': 'en', ...headers } });
  return { status: res.statusCode, body: res.body ? res.json() : undefined };
}

async function as(username: string): Promise<Headers> {
  if (!sessions.has(username)) {
    const res = await app.server.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: app.demoLogins.password } });
    sessions.set(username, { cookie: String(res.headers['set-cookie']).split(';')[0], 'x-csrf-token': res.json().csrfToken });
  }
  return sessions.get(username)!;
}

let serial = 0;
/** A new dealer of channel.manager's, created as people create them (prospect), then put in `status` by an administrator's repair. */
async function dealer(status = 'prospect'): Promise<Row> {
  const first17 = `91330100MA${String(700000 + ++serial).padStart(7, '0')}`;
  const created = await call('POST', '/api/records/dealer', {
    name: `生命周期测试经销商${serial}`, credit_code: first17 + creditCodeCheckCharacter(first17), tier: 'level_1', channel_manager: 'channel.manager',
  }, await as('channel.manager'));
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect(created.body.status).toBe('prospect');
  if (status === 'prospect') return created.body;
  const repaired = await call('PATCH', `/api/records/dealer/${created.body.id}`, { status, version: created.body.version });
  expect(repaired.status, JSON.stringify(repaired.body)).toBe(200);
  return repaired.body;
}

async function licence(dealerId: string, validFrom: string, validTo?: string, number = `BL-${dealerId.slice(-6)}-${validFrom}`): Promise<void> {
  const res = await call('POST', '/api/records/qualification', { dealer: dealerId, type: 'business_licence', number, valid_from: validFrom, ...(validTo ? { valid_to: validTo } : {}) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

const submit = async (id: string, workflow: string, comment?: string) =>
  call('POST', `/api/records/dealer/${id}/submit`, { workflow, comment }, await as('channel.manager'));

async function decide(username: string, id: string, decision: 'approve' | 'reject', comment?: string): Promise<Reply> {
  const inbox = await call('GET', '/api/approvals/inbox?object=dealer', undefined, await as(username));
  const task = inbox.body.data.find((t: { recordId: string }) => t.recordId === id);
  expect(task, `${username} has a task for ${id}`).toBeDefined();
  return call('POST', `/api/approvals/${task.taskId}/${decision}`, { comment }, await as(username));
}

const read = async (id: string): Promise<Row> => (await call('GET', `/api/records/dealer/${id}`)).body;

beforeAll(async () => {
  app = await startTestApp();
  await installBundledPlugins(app, { ...loadConfig({}), bundledPlugins: ['medical_dms'], demoData: true }, () => undefined);
}, 300_000);
afterAll(async () => app?.dispose());

describe('who may move a dealer', () => {
  it('keeps status and the requested status read-only to people: only the workflows move them', async () => {
    const manager = await as('channel.manager');
    const refusedCreate = await call('POST', '/api/records/dealer', { name: '越权经销商', credit_code: '91330100MA27XK2E6C', status: 'active' }, manager);
    expect(refusedCreate.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(refusedCreate.body)).toMatch(/status/);
    const mine = await dealer();
    for (const values of [{ status: 'active' }, { status_requested: 'active' }]) {
      const refused = await call('PATCH', `/api/records/dealer/${mine.id}`, { ...values, version: mine.version }, manager);
      expect(refused.status, JSON.stringify(values)).toBeGreaterThanOrEqual(400);
      expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(Object.keys(values));
    }
    expect((await read(mine.id)).status).toBe('prospect');
  });

  it('offers each move only in the status it starts from, and refuses it otherwise (422, named)', async () => {
    const ui = await call('GET', '/api/ui/objects/dealer', undefined, await as('channel.manager'));
    const suspension = ui.body.workflows.find((w: { name: string }) => w.name === 'dealer_suspension');
    expect(suspension.when).toEqual({ in: [{ var: 'status' }, ['temporary', 'active']] });
    expect(suspension.comment).toEqual({ required: true, label: { 'zh-CN': '暂停原因', en: 'Reason for suspension' } });

    const prospect = await dealer();
    const preview = await call('GET', `/api/records/dealer/${prospect.id}/submit/preview?workflow=dealer_suspension`, undefined, await as('channel.manager'));
    expect(preview.body).toMatchObject({ canSubmit: false, refusal: { en: 'Only a temporarily authorized or active dealer can be suspended' } });
    const refused = await submit(prospect.id, 'dealer_suspension', 'late payments');
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([{ field: 'workflow', rule: 'entry_criteria', message: 'Only a temporarily authorized or active dealer can be suspended' }]);
    // Without a name, the one workflow that takes a prospect is chosen.
    const chosen = await call('GET', `/api/records/dealer/${prospect.id}/submit/preview`, undefined, await as('channel.manager'));
    expect(chosen.body.workflow.name).toBe('dealer_start_evaluation');
  });

  it("offers a dealer's portal user none of the moves of its own dealer, and refuses its submission (403)", async () => {
    const portal = await as('portal.a');
    const own = (await app.db.knex('qd_users').where({ username: 'portal.a' }).first('account_id')).account_id as string;
    const ui = await call('GET', '/api/ui/objects/dealer', undefined, portal);
    expect(ui.status).toBe(200);
    expect(ui.body.workflows).toEqual([]);
    const preview = await call('GET', `/api/records/dealer/${own}/submit/preview?workflow=dealer_termination`, undefined, portal);
    expect(preview.body).toMatchObject({ canSubmit: false, refusal: { en: 'Portal users can\'t submit "Termination"' } });
    const before = await read(own);
    const refused = await call('POST', `/api/records/dealer/${own}/submit`, { workflow: 'dealer_termination', comment: 'we stop' }, portal);
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe('Portal users can\'t submit "Termination"');
    const unnamed = await call('POST', `/api/records/dealer/${own}/submit`, { comment: 'we stop' }, portal);
    expect(unnamed.status).toBe(403);
    expect(unnamed.body.detail).toBe("Portal users can't submit a dealer for approval");
    expect(await read(own)).toMatchObject({ status: before.status, status_requested: null, version: before.version });
  });
});

describe('the moves', () => {
  it('starts an evaluation on the director\'s approval, showing the status asked for while it is pending', async () => {
    const prospect = await dealer();
    expect((await submit(prospect.id, 'dealer_start_evaluation')).status).toBe(201);
    expect(await read(prospect.id)).toMatchObject({ status: 'prospect', status_requested: 'evaluating' });
    expect((await decide('channel.director', prospect.id, 'approve')).status).toBe(200);
    expect(await read(prospect.id)).toMatchObject({ status: 'evaluating', status_requested: null });
  });

  it('authorizes temporarily only with a business licence valid today, after the director and compliance', async () => {
    const evaluating = await dealer('evaluating');
    const none = await submit(evaluating.id, 'dealer_temporary_authorization');
    expect(none.status).toBe(422);
    expect(none.body.errors).toEqual([{ field: 'status_requested', rule: 'business_licence', message: expect.stringMatching(/no business licence on file/) }]);

    await licence(evaluating.id, '2015-01-01', '2020-12-31', 'BL-EXPIRED-1');
    const expired = await submit(evaluating.id, 'dealer_temporary_authorization');
    expect(expired.body.errors[0].message).toBe('Business licence BL-EXPIRED-1 expired on 2020-12-31, so the dealer cannot be temporarily authorized until a valid one is on file');
    expect((await read(evaluating.id)).status_requested).toBeNull();

    await licence(evaluating.id, '2021-01-01');
    expect((await submit(evaluating.id, 'dealer_temporary_authorization')).status).toBe(201);
    expect((await decide('channel.director', evaluating.id, 'approve')).status).toBe(200);
    expect((await read(evaluating.id)).status).toBe('evaluating');
    expect((await decide('compliance', evaluating.id, 'approve')).status).toBe(200);
    expect(await read(evaluating.id)).toMatchObject({ status: 'temporary', status_requested: null });
  });

  it('suspends only with a reason, kept in the approval history', async () => {
    const active = await dealer('active');
    const silent = await submit(active.id, 'dealer_suspension', '  ');
    expect(silent.status).toBe(422);
    expect(silent.body.errors).toEqual([{ field: 'comment', rule: 'required', message: 'Reason for suspension is required' }]);
    expect((await submit(active.id, 'dealer_suspension', 'Sold outside its territory')).status).toBe(201);
    expect((await decide('channel.director', active.id, 'approve')).status).toBe(200);
    expect((await read(active.id)).status).toBe('suspended');
    const history = await call('GET', `/api/records/dealer/${active.id}/approvals`, undefined, await as('channel.manager'));
    expect(JSON.stringify(history.body)).toContain('Sold outside its territory');
  });

  it('leaves the status as it was when the director rejects, and reinstates with a valid licence', async () => {
    const suspended = await dealer('suspended');
    await licence(suspended.id, '2020-06-01');
    expect((await submit(suspended.id, 'dealer_reinstatement')).status).toBe(201);
    expect((await decide('channel.director', suspended.id, 'reject', 'Not yet')).status).toBe(200);
    expect(await read(suspended.id)).toMatchObject({ status: 'suspended', status_requested: null });
    expect((await submit(suspended.id, 'dealer_reinstatement')).status).toBe(201);
    expect((await decide('channel.director', suspended.id, 'approve')).status).toBe(200);
    expect((await read(suspended.id)).status).toBe('active');
  });

  it('clears the status asked for when the submitter recalls (the pack\'s automation on the outcome)', async () => {
    const prospect = await dealer();
    expect((await submit(prospect.id, 'dealer_start_evaluation')).status).toBe(201);
    const recalled = await call('POST', `/api/records/dealer/${prospect.id}/recall`, { comment: 'wrong dealer' }, await as('channel.manager'));
    expect(recalled.body.status).toBe('recalled');
    // What the outbox relay hands the automation runner after the commit.
    const completed = { instanceId: recalled.body.id, workflow: 'dealer_start_evaluation', object: 'dealer', recordId: prospect.id, outcome: 'recalled' as const };
    await app.automations.onWorkflowCompleted(completed, { id: `workflow-completed-${recalled.body.id}`, attempt: 1, maxAttempts: 5 });
    expect(await read(prospect.id)).toMatchObject({ status: 'prospect', status_requested: null });
  });
});

describe('termination', () => {
  it('shows the open authorizations and says orders and stock are not tracked, then ends with the director and compliance', async () => {
    const active = await dealer('active');
    const product = (await call('GET', '/api/records/product?limit=1')).body.data[0];
    const department = (await call('GET', '/api/records/department?limit=1')).body.data[0];
    const grant = (status: string, validFrom: string) => call('POST', '/api/records/dealer_authorization', {
      dealer: active.id, product: product.id, hospital: department.hospital, department: department.id, kind: 'annual',
      valid_from: validFrom, valid_to: `${validFrom.slice(0, 4)}-12-31`, exclusive: false, status,
    });
    for (const [status, from] of [['approved', '2031-01-01'], ['pending', '2032-01-01'], ['rejected', '2033-01-01']]) {
      const res = await grant(status, from);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    const check = await call('POST', `/api/records/dealer/${active.id}/actions/termination_check`, {}, await as('channel.director'));
    expect(check.status, JSON.stringify(check.body)).toBe(200);
    expect(check.body.message.en).toBe('2 open authorization(s) (1 approved, 1 pending); orders and stock are not tracked yet');
    expect(check.body.items.map((i: { description: { en: string } }) => i.description.en)).toEqual([
      'approved · not exclusive · 2031-01-01 to 2031-12-31',
      'pending approval · not exclusive · 2032-01-01 to 2032-12-31',
      expect.stringMatching(/^Orders and dealer stock are not tracked yet/),
    ]);
    expect(check.body.items[0].title.en).toContain(product.name);

    expect((await submit(active.id, 'dealer_termination')).body.errors[0]).toMatchObject({ field: 'comment', rule: 'required' });
    expect((await submit(active.id, 'dealer_termination', 'Dumped stock below price')).status).toBe(201);
    expect((await decide('channel.director', active.id, 'approve')).status).toBe(200);
    expect((await decide('compliance', active.id, 'approve')).status).toBe(200);
    expect((await read(active.id)).status).toBe('terminated');

    const again = await call('POST', `/api/records/dealer/${active.id}/actions/termination_check`, {}, await as('channel.director'));
    expect(again.status).toBe(422);
    expect((await submit(active.id, 'dealer_termination', 'twice')).status).toBe(422);
  });
});

describe('the who-may-sell page', () => {
  it('is in internal users\' app with its inputs and columns ready to render, and not in a portal user\'s', async () => {
    const internal = await call('GET', '/api/ui/app', undefined, await as('channel.manager'));
    const page = internal.body.pages.find((p: { path: string }) => p.path === 'who-may-sell');
    expect(page).toMatchObject({ plugin: 'medical_dms', label: { en: 'Who may sell' } });
    expect(page.inputs.map((i: { name: string }) => i.name)).toEqual(['product', 'hospital', 'department', 'date']);
    expect(page.inputs.find((i: { name: string }) => i.name === 'department')).toMatchObject({ targetTitleField: 'name', narrowedBy: { input: 'hospital', field: 'hospital' } });
    expect(page.columns.find((c: { path: string }) => c.path === 'kind').options.map((o: { value: string }) => o.value)).toEqual(['annual', 'tender']);
    const portal = await call('GET', '/api/ui/app', undefined, await as('portal.a'));
    expect(portal.body.pages).toEqual([]);
  });
});
