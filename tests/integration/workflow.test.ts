/**
 * Issue 6's acceptance, as users see it through the API: the dealer-onboarding workflow deployed from JSON (channel
 * manager → compliance, in parallel with finance over a 500,000 credit limit → back to compliance when finance
 * rejects), a record taken through approve, reject, send back and recall; the history; the lock while pending.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetadataDoc, PermissionSetDoc, WorkflowDoc } from '../../metadata/src/types.ts';
import { dealerOnboardingDocs, dealerOnboardingWorkflow } from '../../metadata/src/fixtures/workflow-examples.ts';
import { createUser, deploy, startTestApp, type TestApp } from '../helpers/test-app.ts';

const dealerAccess: PermissionSetDoc = {
  kind: 'permissionSet', name: 'dealer_all', label: { 'zh-CN': '经销商', en: 'Dealers' },
  objects: { dealer: { create: true, read: true, update: true, delete: true, viewAll: true, modifyAll: true } },
};

let app: TestApp;
const users: Record<string, { id: string; token: string }> = {};

type Who = keyof typeof PEOPLE;
const PEOPLE = {
  rep: 'channel_manager', 'cm.zhang': 'channel_manager', director: 'channel_director',
  comp1: 'compliance', comp2: 'compliance', comp3: 'compliance', fin1: 'finance',
} as const;

function as(who: Who) {
  const call = async (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) => {
    const res = await app.server.inject({
      method, url, payload: payload as object,
      headers: { authorization: `Bearer ${users[who].token}`, 'accept-language': 'en' },
    });
    return { status: res.statusCode, body: res.body ? res.json() : undefined };
  };
  return {
    get: (url: string) => call('GET', url),
    post: (url: string, payload: unknown = {}) => call('POST', url, payload),
    patch: (url: string, payload: unknown) => call('PATCH', url, payload),
    put: (url: string, payload: unknown) => call('PUT', url, payload),
    delete: (url: string) => call('DELETE', url),
  };
}

async function newDealer(values: Record<string, unknown> = {}): Promise<string> {
  const res = await as('rep').post('/api/records/dealer', { name: 'Huaxia Medical', address: 'Beijing', channel_manager: 'cm.zhang', credit_limit: 800000, ...values });
  expect(res.status).toBe(201);
  return res.body.id;
}

/** The one pending task of `who` on this record. */
async function taskOf(who: Who, recordId: string): Promise<string> {
  const { body } = await as(who).get('/api/approvals/inbox');
  const tasks = body.data.filter((t: { recordId: string }) => t.recordId === recordId);
  expect(tasks, `${who}'s inbox`).toHaveLength(1);
  return tasks[0].taskId;
}

async function decide(who: Who, recordId: string, decision: string, body: Record<string, unknown> = {}) {
  const res = await as(who).post(`/api/approvals/${await taskOf(who, recordId)}/${decision}`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

const historyOf = async (recordId: string) => (await as('rep').get(`/api/records/dealer/${recordId}/approvals`)).body.data;

beforeAll(async () => {
  app = await startTestApp();
  const res = await deploy(app, [...dealerOnboardingDocs, dealerAccess] as MetadataDoc[]);
  expect(res.statusCode, res.body).toBe(200);
  for (const [username, role] of Object.entries(PEOPLE)) {
    users[username] = await createUser(app, { username, role, permissionSets: ['dealer_all'] });
  }
  // The record owner's manager (finance step) and the channel manager's manager (welcome note, escalation).
  await app.db.knex('qd_users').whereIn('username', ['rep', 'cm.zhang']).update({ manager_id: users.director.id });
});

afterAll(async () => {
  await app?.dispose();
});

describe('submitting', () => {
  it('previews the route and who approves and why before submitting', async () => {
    const id = await newDealer();
    const { status, body } = await as('rep').get(`/api/records/dealer/${id}/submit/preview`);
    expect(status).toBe(200);
    expect(body.canSubmit).toBe(true);
    expect(body.route.map((s: { node: string }) => s.node)).toEqual(['start', 'channel_manager', 'review', 'compliance', 'finance', 'reviewed', 'activate', 'end']);
    const byNode = Object.fromEntries(body.route.map((s: { node: string }) => [s.node, s]));
    expect(byNode.channel_manager.approvers.map((a: { username: string }) => a.username)).toEqual(['cm.zhang']);
    expect(byNode.review.next).toEqual(['compliance', 'finance']);
    expect(byNode.compliance.approvers.map((a: { username: string }) => a.username)).toEqual(['comp1', 'comp2', 'comp3']);
    expect(byNode.finance.approvers.map((a: { username: string; reason: { en: string } }) => [a.username, a.reason.en]))
      .toEqual([['fin1', 'role: finance'], ['director', "the record owner's manager"]]);
  });

  it('a small credit limit skips finance; a step nobody can decide is flagged and refused', async () => {
    const small = await newDealer({ credit_limit: 1000 });
    const preview = (await as('rep').get(`/api/records/dealer/${small}/submit/preview`)).body;
    expect(preview.route.map((s: { node: string }) => s.node)).not.toContain('finance');

    const orphan = await newDealer({ channel_manager: 'nobody' });
    const flagged = (await as('rep').get(`/api/records/dealer/${orphan}/submit/preview`)).body;
    expect(flagged.canSubmit).toBe(false);
    const refused = await as('rep').post(`/api/records/dealer/${orphan}/submit`);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('WORKFLOW_INVALID');
    expect(refused.body.errors[0].message).toContain('no approver');
    expect(await historyOf(orphan)).toEqual([]);
  });
});

describe('the dealer-onboarding path', () => {
  it('goes manager → compliance ∥ finance → back to compliance when finance rejects → activated, with a full history', async () => {
    const id = await newDealer();
    const submitted = await as('rep').post(`/api/records/dealer/${id}/submit`, { comment: '请审批' });
    expect(submitted.status).toBe(201);
    expect(submitted.body.status).toBe('pending');
    expect((await as('rep').post(`/api/records/dealer/${id}/submit`)).status).toBe(409);

    const locked = await as('rep').patch(`/api/records/dealer/${id}`, { address: 'Shanghai' });
    expect(locked.status).toBe(409);
    expect(locked.body.code).toBe('RECORD_LOCKED');
    expect(locked.body.detail).toContain('Dealer onboarding');

    await decide('cm.zhang', id, 'approve', { comment: 'good dealer' });
    // Compliance may correct the address while deciding, nothing else.
    const task = await taskOf('comp1', id);
    expect((await as('comp1').patch(`/api/records/dealer/${id}`, { address: 'Tianjin' })).status).toBe(200);
    const refused = await as('comp1').patch(`/api/records/dealer/${id}`, { name: 'Renamed' });
    expect(refused.status).toBe(409);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'name', rule: 'locked' })]);

    expect((await as('comp1').post(`/api/approvals/${task}/approve`, {})).status).toBe(200);
    // Finance votes (half of fin1 and the owner's manager approve it): one rejection leaves it open, two reject it.
    await decide('fin1', id, 'reject', { comment: 'credit too high' });
    expect(await taskOf('director', id)).toBeTruthy();
    await decide('director', id, 'reject');
    // Back to compliance: a new compliance step where everyone signs again, finance closed.
    await decide('comp1', id, 'approve');
    await decide('comp2', id, 'approve');
    const last = await decide('comp3', id, 'approve');
    expect(last.status).toBe('approved');

    const dealer = (await as('rep').get(`/api/records/dealer/${id}`)).body;
    expect(dealer.status).toBe('active');
    expect(dealer.address).toBe('Tianjin');
    expect((await as('rep').patch(`/api/records/dealer/${id}`, { address: 'Shanghai' })).status).toBe(200);

    const [history] = await historyOf(id);
    expect(history.status).toBe('approved');
    const events = history.events.map((e: { event: string; node: string | null; actor: { displayName: string } | null }) =>
      [e.event, e.node, e.actor?.displayName ?? null]);
    expect(events).toEqual(expect.arrayContaining([
      ['submitted', null, 'rep'],
      ['approved', 'channel_manager', 'cm.zhang'],
      ['approved', 'compliance', 'comp1'],
      ['rejected', 'finance', 'fin1'],
      ['approved', 'compliance', 'comp3'],
      ['actions_run', 'activate', 'comp3'],
      ['completed', null, 'comp3'],
    ]));
    expect(history.events.every((e: { at: string }) => !Number.isNaN(Date.parse(e.at)))).toBe(true);
    expect(history.events.find((e: { event: string }) => e.event === 'submitted').comment).toBe('请审批');
    expect(history.steps.filter((s: { node: string }) => s.node === 'compliance').map((s: { status: string }) => s.status)).toEqual(['cancelled', 'approved']);
  });

  it('a rejection without a rejected edge ends the approval as rejected and unlocks the record', async () => {
    const id = await newDealer({ credit_limit: 1000 });
    await as('rep').post(`/api/records/dealer/${id}/submit`);
    expect((await decide('cm.zhang', id, 'reject', { comment: 'no' })).status).toBe('rejected');
    expect((await as('rep').patch(`/api/records/dealer/${id}`, { address: 'Xi\'an' })).status).toBe(200);
    expect((await historyOf(id))[0].status).toBe('rejected');
  });

  it('sends back to an earlier step or to the submitter, and the submitter recalls', async () => {
    const id = await newDealer({ credit_limit: 1000 });
    await as('rep').post(`/api/records/dealer/${id}/submit`);
    await decide('cm.zhang', id, 'approve');
    const wrong = await as('comp1').post(`/api/approvals/${await taskOf('comp1', id)}/return`, { to: 'finance' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors[0].field).toBe('to');
    await decide('comp1', id, 'return', { to: 'channel_manager', comment: 'check the licence' });
    expect(await taskOf('cm.zhang', id)).toBeTruthy();
    expect((await as('comp2').get('/api/approvals/inbox')).body.data.some((t: { recordId: string }) => t.recordId === id)).toBe(false);
    expect((await decide('cm.zhang', id, 'return', { to: 'start' })).status).toBe('returned');
    expect((await as('rep').patch(`/api/records/dealer/${id}`, { address: 'Chengdu' })).status).toBe(200);

    expect((await as('rep').post(`/api/records/dealer/${id}/submit`)).status).toBe(201);
    expect((await as('cm.zhang').post(`/api/records/dealer/${id}/recall`)).status).toBe(403);
    const recalled = await as('rep').post(`/api/records/dealer/${id}/recall`, { comment: 'wrong data' });
    expect(recalled.body.status).toBe('recalled');
    expect((await as('cm.zhang').get('/api/approvals/inbox')).body.data.some((t: { recordId: string }) => t.recordId === id)).toBe(false);
    expect((await historyOf(id)).map((h: { status: string }) => h.status)).toEqual(['recalled', 'returned']);
  });
});

describe('signers, reassignment, delegation, bulk and timers', () => {
  it('a signer added before decides first; the original approver waits for its turn', async () => {
    const id = await newDealer({ credit_limit: 1000 });
    await as('rep').post(`/api/records/dealer/${id}/submit`);
    const task = await taskOf('cm.zhang', id);
    await as('cm.zhang').post(`/api/approvals/${task}/add-signer`, { userId: users.director.id, position: 'before', comment: 'please look first' });
    expect((await as('cm.zhang').post(`/api/approvals/${task}/approve`)).status).toBe(409);
    await decide('director', id, 'approve');
    await decide('cm.zhang', id, 'approve');
    expect(await taskOf('comp1', id)).toBeTruthy();
  });

  it('reassigns a task, and a delegate decides for someone on leave', async () => {
    const id = await newDealer({ credit_limit: 1000 });
    await as('rep').post(`/api/records/dealer/${id}/submit`);
    await decide('cm.zhang', id, 'reassign', { userId: users.director.id, comment: 'on a trip' });
    await decide('director', id, 'approve');

    const now = Date.now();
    const set = await as('comp2').put('/api/approvals/delegation', {
      delegateId: users.comp3.id, startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 3_600_000).toISOString(),
    });
    expect(set.status).toBe(200);
    const items = (await as('comp3').get('/api/approvals/inbox')).body.data.filter((t: { recordId: string }) => t.recordId === id);
    expect(items.map((t: { onBehalfOf: { displayName: string } | null }) => t.onBehalfOf?.displayName ?? null).sort()).toEqual(['comp2', null]);
    for (const item of items) expect((await as('comp3').post(`/api/approvals/${item.taskId}/approve`)).status).toBe(200);
    await as('comp2').put('/api/approvals/delegation', { delegateId: users.comp2.id, startsAt: new Date(now).toISOString(), endsAt: new Date(now + 1000).toISOString() })
      .then((res) => expect(res.body.errors[0].rule).toBe('self'));
    expect((await decide('comp1', id, 'approve')).status).toBe('approved');
    expect((await as('comp2').delete('/api/approvals/delegation')).status).toBe(204);
    expect((await as('comp2').get('/api/approvals/delegation')).body.delegation).toBeNull();
  });

  it('bulk-approves, answering each task', async () => {
    const ids = [await newDealer({ credit_limit: 1000 }), await newDealer({ credit_limit: 1000 })];
    for (const id of ids) await as('rep').post(`/api/records/dealer/${id}/submit`);
    const tasks = [await taskOf('cm.zhang', ids[0]), await taskOf('cm.zhang', ids[1])];
    const res = await as('cm.zhang').post('/api/approvals/bulk', { tasks: [...tasks, '00000000-0000-0000-0000-000000000000'], decision: 'approve' });
    expect(res.body.results.map((r: { ok: boolean }) => r.ok)).toEqual([true, true, false]);
    expect(res.body.results[2].problem.code).toBe('APPROVAL_TASK_NOT_FOUND');
    for (const id of ids) expect(await taskOf('comp1', id)).toBeTruthy();
  });

  it('escalates an overdue manager step to the director, and decides an overdue finance step by itself', async () => {
    const id = await newDealer();
    await as('rep').post(`/api/records/dealer/${id}/submit`);
    const overdue = async (node: string) => {
      const step = await app.db.knex('qd_workflow_steps as s').join('qd_workflow_instances as i', 'i.id', 's.instance_id')
        .where({ 'i.record_id': id, 's.node': node, 's.status': 'active' }).first('s.id');
      await app.db.knex('qd_workflow_steps').where({ id: step.id }).update({ due_at: new Date(Date.now() - 1000) });
      await app.workflows.stepDue(step.id);
    };
    await overdue('channel_manager');
    await decide('director', id, 'approve');
    await overdue('finance');
    const [history] = await historyOf(id);
    expect(history.events.map((e: { event: string }) => e.event)).toEqual(expect.arrayContaining(['escalated', 'auto_decided']));
    // Finance's automatic rejection sends it back to compliance, as a person's would.
    expect(history.steps.filter((s: { node: string; status: string }) => s.node === 'compliance').map((s: { status: string }) => s.status)).toEqual(['cancelled', 'active']);
  });

  it('a running approval keeps the workflow version it started with', async () => {
    const id = await newDealer({ credit_limit: 1000 });
    await as('rep').post(`/api/records/dealer/${id}/submit`);
    const shorter: WorkflowDoc = {
      ...dealerOnboardingWorkflow,
      nodes: dealerOnboardingWorkflow.nodes.filter((n) => ['start', 'channel_manager', 'end'].includes(n.id)),
      edges: [{ from: 'start', to: 'channel_manager' }, { from: 'channel_manager', to: 'end', on: 'approved' }],
    };
    expect((await deploy(app, [shorter])).statusCode).toBe(200);
    await decide('cm.zhang', id, 'approve');
    expect(await taskOf('comp1', id)).toBeTruthy();
    expect((await deploy(app, [dealerOnboardingWorkflow])).statusCode).toBe(200);
  });
});

describe('concurrent decisions', () => {
  it('everyone of a countersign step and both parallel branches deciding at once settle each step and the join exactly once', async () => {
    const id = await newDealer();
    await as('rep').post(`/api/records/dealer/${id}/submit`);
    await decide('cm.zhang', id, 'approve');
    const tasks = await Promise.all((['comp1', 'comp2', 'comp3', 'fin1'] as const).map(async (who) => [who, await taskOf(who, id)] as const));
    const results = await Promise.all(tasks.map(([who, task]) => as(who).post(`/api/approvals/${task}/approve`)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const [history] = await historyOf(id);
    expect(history.status).toBe('approved');
    const count = (event: string, node: string) => history.events.filter((e: { event: string; node: string }) => e.event === event && e.node === node).length;
    expect(count('step_completed', 'compliance')).toBe(1);
    expect(count('step_completed', 'finance')).toBe(1);
    expect(count('actions_run', 'activate')).toBe(1);
  });

  it('the same task decided twice at once counts once; the second is told it was decided', async () => {
    const id = await newDealer({ credit_limit: 1000 });
    await as('rep').post(`/api/records/dealer/${id}/submit`);
    const task = await taskOf('cm.zhang', id);
    const results = await Promise.all([as('cm.zhang').post(`/api/approvals/${task}/approve`), as('cm.zhang').post(`/api/approvals/${task}/reject`)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.body.code).toBe('WORKFLOW_STATE');
  });
});

describe('what the approval routes parse', () => {
  it('answers any body on any route with a result or a problem+json 4xx, never a 500', async () => {
    const id = await newDealer({ credit_limit: 1000 });
    await as('rep').post(`/api/records/dealer/${id}/submit`);
    const task = await taskOf('cm.zhang', id);
    const value = fc.oneof(fc.jsonValue(), fc.constantFrom(users.director.id, 'start', 'channel_manager', 'before', 'after', task, '\u0000'));
    const body = fc.oneof(fc.jsonValue(), fc.dictionary(fc.constantFrom('to', 'userId', 'position', 'comment', 'tasks', 'decision', 'workflow', 'delegateId', 'startsAt', 'endsAt'), value));
    const url = fc.oneof(
      fc.tuple(fc.constantFrom(task, 'not-a-uuid', '00000000-0000-0000-0000-000000000000'), fc.constantFrom('approve', 'reject', 'return', 'add-signer', 'reassign', 'nope'))
        .map(([t, d]) => ({ method: 'POST' as const, url: `/api/approvals/${t}/${d}` })),
      fc.constantFrom(
        { method: 'POST' as const, url: '/api/approvals/bulk' }, { method: 'PUT' as const, url: '/api/approvals/delegation' },
        { method: 'POST' as const, url: `/api/records/dealer/${id}/submit` }, { method: 'POST' as const, url: `/api/records/dealer/${id}/recall` },
      ),
    );
    await fc.assert(fc.asyncProperty(url, body, async (route, payload) => {
      const res = await app.server.inject({ ...route, payload: JSON.stringify(payload), headers: { authorization: `Bearer ${users['cm.zhang'].token}`, 'content-type': 'application/json' } });
      expect(res.statusCode, `${route.url} ${JSON.stringify(payload)}: ${res.body}`).toBeLessThan(500);
      if (res.statusCode >= 400) expect(String(res.headers['content-type'])).toContain('application/problem+json');
    }), { numRuns: 300 });
  });
});

describe('with the job queue running (BullMQ on PostgreSQL)', () => {
  let queued: TestApp;

  beforeAll(async () => {
    queued = await startTestApp({ relayOutbox: true });
    const quick: WorkflowDoc = {
      ...dealerOnboardingWorkflow,
      name: 'quick_check',
      nodes: [
        { id: 'start', type: 'start' },
        // 0.0005 h = 1.8 s: the step decides itself once its due time passes.
        { id: 'check', type: 'approval', approvers: { role: 'compliance' }, due: 0.0005, onTimeout: { decide: 'approve' } },
        { id: 'end', type: 'end' },
      ],
      edges: [{ from: 'start', to: 'check' }, { from: 'check', to: 'end' }],
    };
    const res = await deploy(queued, [...dealerOnboardingDocs.slice(0, -1), dealerAccess, quick] as MetadataDoc[]);
    expect(res.statusCode, res.body).toBe(200);
    await createUser(queued, { username: 'comp1', role: 'compliance', permissionSets: ['dealer_all'] });
  });

  afterAll(async () => {
    await queued?.dispose();
  });

  it('a due time passing decides the step through a timer job', async () => {
    const created = await queued.server.inject({ method: 'POST', url: '/api/records/dealer', payload: { name: 'Timer Medical', channel_manager: 'x' } });
    const id = created.json().id;
    expect((await queued.server.inject({ method: 'POST', url: `/api/records/dealer/${id}/submit`, payload: {} })).statusCode).toBe(201);
    const deadline = Date.now() + 20_000;
    let status = 'pending';
    while (status === 'pending' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      status = (await queued.server.inject(`/api/records/dealer/${id}/approvals`)).json().data[0].status;
    }
    expect(status).toBe('approved');
    const [history] = (await queued.server.inject(`/api/records/dealer/${id}/approvals`)).json().data;
    expect(history.events.map((e: { event: string }) => e.event)).toEqual(['submitted', 'step_started', 'auto_decided', 'step_completed', 'completed']);
  });
});
