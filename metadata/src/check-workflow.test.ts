import { describe, expect, it } from 'vitest';
import { checkDocuments } from './check-documents.ts';
import { checkDocumentShape } from './check-shape.ts';
import { codesAndPaths } from './fixtures/builders.ts';
import { hospital3aBedsRule, hospitalObject } from './fixtures/contract-examples.ts';
import {
  dealerOnboardingDocs, dealerOnboardingWorkflow, hospitalReviewWorkflow, workflowRoles,
} from './fixtures/workflow-examples.ts';
import type { MetadataDoc, Problem, WorkflowDoc } from './types.ts';

const hospitalDocs = (workflow: WorkflowDoc): MetadataDoc[] => [hospitalObject, hospital3aBedsRule, ...workflowRoles, workflow];
const problemsOf = (workflow: WorkflowDoc) => checkDocuments(hospitalDocs(workflow));
const edit = (change: (doc: WorkflowDoc) => void): WorkflowDoc => {
  const doc = structuredClone(hospitalReviewWorkflow);
  change(doc);
  return doc;
};
/** The one problem with `code`, which must name `node` in both languages. */
function namingNode(problems: Problem[], code: string, node: string): Problem {
  const found = problems.filter((p) => p.code === code);
  expect(found, JSON.stringify(problems)).toHaveLength(1);
  expect(found[0].message.en).toContain(`node ${node}`);
  expect(found[0].message['zh-CN']).toContain(`节点 ${node}`);
  expect(found[0].document).toEqual({ kind: 'workflow', name: 'hospital_review' });
  return found[0];
}

describe('workflow shape', () => {
  it('accepts DESIGN.md\'s example and the dealer onboarding workflow as written', () => {
    expect(checkDocumentShape(hospitalReviewWorkflow)).toEqual([]);
    expect(checkDocumentShape(dealerOnboardingWorkflow)).toEqual([]);
  });

  it('refuses an unknown node type, a bad approver, a percentage without threshold and a bad due', () => {
    const doc = edit((d) => {
      d.nodes[2].type = 'loop' as never;
      d.nodes[1] = { id: 'manager', type: 'approval', approvers: { team: 'x' } as never, mode: 'percentage', due: 'two days' };
      d.edges[0].on = 'maybe' as never;
    });
    expect(codesAndPaths(checkDocumentShape(doc))).toEqual(expect.arrayContaining([
      { code: 'not_allowed_value', path: '/nodes/2/type' },
      { code: 'missing_property', path: '/nodes/1/threshold' },
      { code: 'not_allowed_value', path: '/edges/0/on' },
    ]));
    const paths = checkDocumentShape(doc).map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['/nodes/1/approvers', '/nodes/1/due']));
  });

  it("keeps the designer's node positions, by node id, each with a numeric x and y", () => {
    expect(checkDocumentShape(edit((d) => { d.positions = { start: { x: 0, y: 0 }, manager: { x: 120.5, y: -40 } }; }))).toEqual([]);
    const doc = edit((d) => { d.positions = { Start: { x: 0, y: 0 }, manager: { x: 'left' as never, y: 0 } }; });
    expect(checkDocumentShape(doc).map((p) => p.path)).toEqual(expect.arrayContaining(['/positions', '/positions/manager/x']));
  });

  it('requires approvers on an approval and actions on an action node', () => {
    const doc = edit((d) => { d.nodes[1] = { id: 'manager', type: 'approval' }; d.nodes[2] = { id: 'size', type: 'action' }; });
    expect(codesAndPaths(checkDocumentShape(doc))).toEqual(expect.arrayContaining([
      { code: 'missing_property', path: '/nodes/1/approvers' },
      { code: 'missing_property', path: '/nodes/2/actions' },
    ]));
  });
});

describe('workflow semantics', () => {
  it('deploys DESIGN.md\'s example unchanged', () => {
    expect(problemsOf(hospitalReviewWorkflow)).toEqual([]);
  });

  it('deploys the dealer onboarding workflow: parallel finance when credit_limit > 500000, back to compliance on reject', () => {
    expect(checkDocuments(dealerOnboardingDocs)).toEqual([]);
  });

  it('refuses a cycle without exit, naming its nodes', () => {
    const doc = edit((d) => {
      d.nodes.splice(3, 0, { id: 'recheck', type: 'approval', approvers: { role: 'compliance' } });
      d.edges[4] = { from: 'compliance', to: 'recheck', on: 'approved' };
      d.edges.push({ from: 'recheck', to: 'compliance', on: 'approved' });
    });
    const trapped = problemsOf(doc).filter((x) => x.code === 'no_way_out');
    expect(trapped.map((x) => x.path)).toEqual(['/nodes/3', '/nodes/4']);
    expect(trapped[1].message.en).toBe('node compliance: it can\'t reach an end node (a dead end or a cycle without exit: recheck, compliance)');
    expect(trapped[1].message['zh-CN']).toBe('节点 compliance：无法到达任何结束节点（死路或无出口的循环：recheck、compliance）');
  });

  it('refuses an unreachable node', () => {
    const doc = edit((d) => {
      d.nodes.splice(4, 0, { id: 'orphan', type: 'approval', approvers: { role: 'compliance' } });
      d.edges.push({ from: 'orphan', to: 'end', on: 'approved' });
    });
    expect(namingNode(problemsOf(doc), 'unreachable', 'orphan').path).toBe('/nodes/4');
  });

  it('refuses an unknown field and an unknown operator in a condition, at the edge, naming the condition node', () => {
    const doc = edit((d) => { d.edges[2].when = { '>=': [{ var: 'beds_count' }, 1000] }; d.edges[3] = { from: 'size', to: 'end', when: { frobnicate: [1] } }; });
    const problems = problemsOf(doc);
    expect(namingNode(problems, 'unknown_field', 'size').path).toBe('/edges/2/when/>=/0/var');
    expect(namingNode(problems, 'unknown_operator', 'size').path).toBe('/edges/3/when/frobnicate');
  });

  it('checks the entry criterion like any expression, and takes a required comment with its label', () => {
    const good = edit((d) => {
      d.trigger = { on: 'submit', when: { '==': [{ var: 'level' }, '3A'] }, message: { 'zh-CN': '仅三甲', en: 'Grade 3A only' },
        comment: { required: true, label: { 'zh-CN': '理由', en: 'Reason' } } };
    });
    expect(checkDocumentShape(good)).toEqual([]);
    expect(problemsOf(good)).toEqual([]);
    const bad = edit((d) => { d.trigger = { on: 'submit', when: { '==': [{ var: 'grade' }, '3A'] }, comment: { label: { 'zh-CN': '理由', en: 'Reason' } } as never }; });
    expect(codesAndPaths(checkDocumentShape(bad))).toEqual([{ code: 'missing_property', path: '/trigger/comment/required' }]);
    expect(codesAndPaths(problemsOf(bad))).toEqual(expect.arrayContaining([{ code: 'unknown_field', path: '/trigger/when/==/0/var' }]));
  });

  it('refuses an unknown role', () => {
    const doc = edit((d) => { d.nodes[3].approvers = { role: 'auditor' }; });
    const p = namingNode(problemsOf(doc), 'unknown_role', 'compliance');
    expect(p.path).toBe('/nodes/3/approvers/role');
    expect(p.message.en).toContain('unknown role auditor');
  });

  it('refuses a join without split', () => {
    const doc = edit((d) => {
      d.nodes.splice(4, 0, { id: 'merge', type: 'join' });
      d.edges[3] = { from: 'size', to: 'merge', on: 'otherwise' };
      d.edges[4] = { from: 'compliance', to: 'merge', on: 'approved' };
      d.edges.push({ from: 'merge', to: 'end' });
    });
    expect(namingNode(problemsOf(doc), 'join_without_split', 'merge').path).toBe('/nodes/4');
  });

  it('refuses a split whose branches never meet at one join', () => {
    const doc = structuredClone(dealerOnboardingWorkflow);
    doc.edges = doc.edges.filter((e) => !(e.from === 'compliance'));
    doc.edges.push({ from: 'compliance', to: 'end', on: 'approved' });
    const problems = checkDocuments([...dealerOnboardingDocs.slice(0, -1), doc]);
    expect(codesAndPaths(problems)).toEqual(expect.arrayContaining([
      { code: 'split_without_join', path: '/nodes/2' },
      { code: 'join_without_split', path: '/nodes/5' },
    ]));
  });

  it('refuses two starts, duplicate ids, edges to nowhere and edges that do not fit their node', () => {
    const doc = edit((d) => {
      d.nodes.push({ id: 'start', type: 'start' }, { id: 'start2', type: 'start' });
      d.edges.push({ from: 'size', to: 'ghost', when: true }, { from: 'start', to: 'end', on: 'approved' }, { from: 'end', to: 'start' });
    });
    expect(codesAndPaths(problemsOf(doc))).toEqual(expect.arrayContaining([
      { code: 'duplicate_node', path: '/nodes/5/id' },
      { code: 'start_twice', path: '/nodes/6' },
      { code: 'unknown_node', path: '/edges/5/to' },
      { code: 'edge_outcome', path: '/edges/6/on' },
      { code: 'edge_into_start', path: '/edges/7/to' },
      { code: 'edge_out_of_end', path: '/edges/7/from' },
    ]));
  });

  it('checks approvers, actions and templates against the object and the other documents', () => {
    const doc = structuredClone(dealerOnboardingWorkflow);
    doc.nodes[1].approvers = [{ managerOf: 'credit_limit' }, { managerOf: 'nope' }, { lookup: { var: 'owner.name' } }];
    doc.nodes[3].editableFields = ['code'];
    doc.nodes[6].actions = [
      { update: { status: 'active', created_at: 1, code: 'x' } },
      { notify: { template: 'missing' } },
      { create: { object: 'visit', values: {} } },
      { startWorkflow: 'nowhere' },
    ];
    doc.nodes[0].mode = 'any';
    doc.taskTemplate = 'nothing';
    const problems = checkDocuments([...dealerOnboardingDocs.slice(0, -1), doc]);
    expect(codesAndPaths(problems)).toEqual(expect.arrayContaining([
      { code: 'manager_field', path: '/nodes/1/approvers/0/managerOf' },
      { code: 'unknown_field', path: '/nodes/1/approvers/1/managerOf' },
      { code: 'unknown_field', path: '/nodes/1/approvers/2/lookup/var' },
      { code: 'read_only_field', path: '/nodes/3/editableFields/0' },
      { code: 'read_only_field', path: '/nodes/6/actions/0/update/created_at' },
      { code: 'read_only_field', path: '/nodes/6/actions/0/update/code' },
      { code: 'unknown_template', path: '/nodes/6/actions/1/notify/template' },
      { code: 'unknown_object', path: '/nodes/6/actions/2/create/object' },
      { code: 'unknown_workflow', path: '/nodes/6/actions/3/startWorkflow' },
      { code: 'property_not_for_type', path: '/nodes/0/mode' },
      { code: 'unknown_template', path: '/taskTemplate' },
    ]));
  });

  it('refuses an unknown object', () => {
    const doc = edit((d) => { d.object = 'clinic'; });
    expect(codesAndPaths(problemsOf(doc))).toEqual([{ code: 'unknown_object', path: '/object' }]);
  });

  it('refuses a webhook URL that is not an absolute http(s) URL, in both languages', () => {
    const doc = structuredClone(dealerOnboardingWorkflow);
    doc.nodes[6].actions = [
      { webhook: { url: 'https://erp.example.cn/hooks/dealer?x=1' } },
      { webhook: { url: 'http://10.0.0.8:8080/notify', method: 'PUT' } },
      { webhook: { url: 'https://' } },
      { webhook: { url: 'http://erp example.cn/hooks' } },
    ];
    const problems = checkDocuments([...dealerOnboardingDocs.slice(0, -1), doc]).filter((p) => p.code === 'webhook_url');
    expect(codesAndPaths(problems)).toEqual([
      { code: 'webhook_url', path: '/nodes/6/actions/2/webhook/url' },
      { code: 'webhook_url', path: '/nodes/6/actions/3/webhook/url' },
    ]);
    expect(problems[0].message).toEqual({
      'zh-CN': expect.stringContaining('https:// 不是完整的 http(s) 网址'),
      en: expect.stringContaining('https:// is not an absolute http(s) URL'),
    });
  });
});
