import { describe, expect, it } from 'vitest';
import { checkDocuments } from './check-documents.ts';
import { checkDocumentShape } from './check-shape.ts';
import { codesAndPaths, field, object } from './fixtures/builders.ts';
import { dealerOnboardingDocs, dealerWelcome } from './fixtures/workflow-examples.ts';
import type { AutomationDoc, MetadataDoc } from './types.ts';

const visit = object('visit', [field('title', 'text'), field('dealer', 'lookup', { target: 'dealer' }), field('note', 'text')]);

/** Sets a new active dealer's note, and tells its owner. */
const welcome: AutomationDoc = {
  kind: 'automation', name: 'welcome_dealer', label: { 'zh-CN': '欢迎经销商', en: 'Welcome dealer' }, object: 'dealer',
  trigger: { on: 'fieldChange', fields: ['status'] },
  condition: { '==': [{ var: 'status' }, 'active'] },
  actions: [
    { update: { address: { cat: [{ var: 'name' }, ' HQ'] } } },
    { create: { object: 'visit', values: { title: 'welcome', dealer: { var: 'id' } } } },
    { notify: { template: 'dealer_welcome' } },
    { webhook: { url: 'https://erp.example.cn/dealers' } },
    { startWorkflow: 'dealer_onboarding' },
  ],
};

const docs = (automation: AutomationDoc): MetadataDoc[] => [...dealerOnboardingDocs, visit, automation];
const edit = (change: (doc: AutomationDoc) => void): AutomationDoc => {
  const doc = structuredClone(welcome);
  change(doc);
  return doc;
};
const problemsOf = (automation: AutomationDoc) => checkDocuments(docs(automation));

describe('automation shape', () => {
  it('accepts each kind of trigger', () => {
    const triggers: AutomationDoc['trigger'][] = [
      { on: 'create' }, { on: 'update' }, { on: 'fieldChange', fields: ['status'] },
      { on: 'schedule', cron: '0 8 * * 1-5', timezone: 'Asia/Shanghai' }, { on: 'approval', workflow: 'dealer_onboarding', outcome: 'rejected' },
    ];
    for (const trigger of triggers) expect(checkDocumentShape(edit((d) => { d.trigger = trigger; }))).toEqual([]);
  });

  it('names the trigger property at fault: a cron of 4 fields, fields on a create, a missing fields, an unknown outcome', () => {
    const shape = (trigger: unknown) => codesAndPaths(checkDocumentShape(edit((d) => { d.trigger = trigger as never; })));
    expect(shape({ on: 'schedule', cron: '0 8 * *' })).toEqual([{ code: 'bad_cron', path: '/trigger/cron' }]);
    expect(shape({ on: 'create', fields: ['status'] })).toEqual([{ code: 'unknown_property', path: '/trigger/fields' }]);
    expect(shape({ on: 'fieldChange' })).toEqual([{ code: 'missing_property', path: '/trigger/fields' }]);
    expect(shape({ on: 'approval', outcome: 'maybe' })).toEqual([{ code: 'not_allowed_value', path: '/trigger/outcome' }]);
    expect(shape({ on: 'delete' })).toEqual([{ code: 'not_allowed_value', path: '/trigger/on' }]);
  });

  it('says what a cron looks like in both languages', () => {
    const [p] = checkDocumentShape(edit((d) => { d.trigger = { on: 'schedule', cron: 'daily' }; }));
    expect(p.message.en).toContain('5-field cron expression');
    expect(p.message['zh-CN']).toContain('5 段的 cron 表达式');
  });

  it('takes the actions of a workflow action node, and needs at least one', () => {
    expect(codesAndPaths(checkDocumentShape(edit((d) => { d.actions = [{ launch: 'x' } as never]; })))).toContainEqual({ code: 'invalid_value', path: '/actions/0' });
    expect(codesAndPaths(checkDocumentShape(edit((d) => { d.actions = []; })))).toEqual([{ code: 'too_few_items', path: '/actions' }]);
  });
});

describe('automation semantics', () => {
  it('accepts an automation whose names all resolve', () => {
    expect(problemsOf(welcome)).toEqual([]);
  });

  it('refuses an unknown object, naming the document', () => {
    const [p] = problemsOf(edit((d) => { d.object = 'distributor'; d.actions = [{ webhook: { url: 'https://erp.example.cn/x' } }]; d.trigger = { on: 'create' }; delete d.condition; }));
    expect(codesAndPaths([p])).toEqual([{ code: 'unknown_object', path: '/object' }]);
    expect(p.document).toEqual({ kind: 'automation', name: 'welcome_dealer' });
  });

  it('refuses a fieldChange on a field the object does not have', () => {
    expect(codesAndPaths(problemsOf(edit((d) => { d.trigger = { on: 'fieldChange', fields: ['status', 'tier'] }; }))))
      .toEqual([{ code: 'unknown_field', path: '/trigger/fields/1' }]);
  });

  it('checks the condition like a rule: unknown fields and operators, operand types', () => {
    const problems = problemsOf(edit((d) => { d.condition = { and: [{ '==': [{ var: 'tier' }, 'A'] }, { frobnicate: [1] }, { '==': [{ var: 'status' }, 'Active'] }] }; }));
    expect(codesAndPaths(problems)).toEqual([
      { code: 'unknown_field', path: '/condition/and/0/==/0/var' },
      { code: 'unknown_operator', path: '/condition/and/1/frobnicate' },
      { code: 'unknown_option', path: '/condition/and/2/==/1' },
    ]);
  });

  it('checks the actions like a workflow action node: writable fields, objects, templates, workflows', () => {
    const problems = problemsOf(edit((d) => {
      d.actions = [
        { update: { code: 'D-1' } },
        { create: { object: 'visit', values: { topic: 'x' } } },
        { notify: { template: 'dealer_goodbye' } },
        { startWorkflow: 'dealer_offboarding' },
      ];
    }));
    expect(codesAndPaths(problems)).toEqual([
      { code: 'read_only_field', path: '/actions/0/update/code' },
      { code: 'unknown_field', path: '/actions/1/create/values/topic' },
      { code: 'unknown_template', path: '/actions/2/notify/template' },
      { code: 'unknown_workflow', path: '/actions/3/startWorkflow' },
    ]);
  });

  it('refuses an approval trigger naming an unknown workflow or one of another object', () => {
    expect(codesAndPaths(problemsOf(edit((d) => { d.trigger = { on: 'approval', workflow: 'dealer_offboarding' }; }))))
      .toEqual([{ code: 'unknown_workflow', path: '/trigger/workflow' }]);
    const other = edit((d) => { d.object = 'visit'; d.trigger = { on: 'approval', workflow: 'dealer_onboarding' }; d.actions = [{ update: { note: 'x' } }]; delete d.condition; });
    const [p] = problemsOf(other);
    expect(p.code).toBe('workflow_of_other_object');
    expect(p.message.en).toBe('workflow dealer_onboarding approves dealer, not visit');
    expect(p.message['zh-CN']).toBe('流程 dealer_onboarding 审批的是 dealer，不是 visit');
  });

  it('refuses two automations of the same name', () => {
    const problems = checkDocuments([...docs(welcome), { ...welcome, label: dealerWelcome.label }]);
    expect(codesAndPaths(problems)).toEqual([{ code: 'duplicate_document', path: '/name' }]);
  });
});

describe('notifying the portal users of an account', () => {
  const asPortalAccount = (all: MetadataDoc[]) => all.map((d) => (d.kind === 'object' && d.name === 'dealer' ? { ...d, access: { portalAccount: true } } : d));
  const notifyOnVisit = (...to: { accountUsers: string }[]) => edit((d) => {
    d.object = 'visit'; d.trigger = { on: 'create' }; delete d.condition;
    d.actions = [{ notify: { template: 'dealer_welcome', to: [{ role: 'compliance' }, ...to] } }];
  });

  it("names a link to the portal-account object, or the account's own id", () => {
    expect(checkDocuments(asPortalAccount(docs(notifyOnVisit({ accountUsers: 'dealer' }))))).toEqual([]);
    const onDealer = edit((d) => { d.actions = [{ notify: { template: 'dealer_welcome', to: { accountUsers: 'id' } } }]; });
    expect(checkDocuments(asPortalAccount(docs(onDealer)))).toEqual([]);
  });

  it('refuses an unknown field, a field that is not such a link, and a link to an object that is no portal account', () => {
    const problems = checkDocuments(asPortalAccount(docs(notifyOnVisit({ accountUsers: 'nope' }, { accountUsers: 'title' }, { accountUsers: 'id' }))));
    expect(codesAndPaths(problems)).toEqual([
      { code: 'unknown_field', path: '/actions/0/notify/to/1/accountUsers' },
      { code: 'account_link', path: '/actions/0/notify/to/2/accountUsers' },
      { code: 'account_link', path: '/actions/0/notify/to/3/accountUsers' },
    ]);
    expect(codesAndPaths(problemsOf(notifyOnVisit({ accountUsers: 'dealer' })))).toEqual([{ code: 'account_link', path: '/actions/0/notify/to/1/accountUsers' }]);
  });

  it('is for notifications only: portal users never decide an approval step', () => {
    const workflow = structuredClone(dealerOnboardingDocs.find((d) => d.kind === 'workflow')!) as Extract<MetadataDoc, { kind: 'workflow' }>;
    workflow.nodes.find((n) => n.type === 'approval')!.approvers = { accountUsers: 'id' } as never;
    expect(checkDocumentShape(workflow).map((p) => p.path)).toContainEqual(expect.stringMatching(/\/approvers$/));
  });
});
