/**
 * The workflow designer in Chromium, on the product as `npm start` brings it up: an admin draws a two-step approval of
 * hospitals (channel managers, then compliance) from the palette, sees the engine's problem on a step without approver
 * before saving, fixes it, connects the steps by dragging handles and saves through the plan; a hospital submitted
 * through the API then waits on the channel managers. An existing workflow is auto-laid out and a step's panel opened.
 * Screenshots go to tests/browser/screenshots/studio-workflow*.png.
 */
import { describe, expect, it } from 'vitest';
import type { WorkflowDoc } from '../../metadata/src/types.ts';
import type { ApprovalHistory } from '../../engine/src/workflow/approval-history.ts';
import { SCENARIO_TIMEOUT, unexpected, webAppSuite } from '../helpers/web-app-suite.ts';
import { logIn } from '../helpers/studio/common.ts';
import {
  activate, addApprovalStep, addRoleApprover, autoLayout, checked, connect, deleteLink, newWorkflow, openWorkflows, saveWorkflow, selectLink, selectStep, step,
} from '../helpers/studio/workflows.ts';

/** An existing workflow whose nodes were all left at one spot: the auto-layout has something to do. */
const DEALER_REVIEW: WorkflowDoc = {
  kind: 'workflow', name: 'dealer_review', object: 'dealer', trigger: { on: 'submit' }, active: false,
  label: { 'zh-CN': '经销商审核', en: 'Dealer review' },
  nodes: [
    { id: 'start', type: 'start' },
    { id: 'manager', type: 'approval', label: { 'zh-CN': '渠道经理审批', en: 'Channel manager' }, approvers: { role: 'channel_manager' }, mode: 'any' },
    { id: 'tier', type: 'condition', label: { 'zh-CN': '平台商？', en: 'Platform dealer?' } },
    { id: 'compliance', type: 'approval', label: { 'zh-CN': '合规审核', en: 'Compliance' }, approvers: { role: 'compliance' }, mode: 'all' },
    { id: 'end', type: 'end' },
  ],
  edges: [
    { from: 'start', to: 'manager' },
    { from: 'manager', to: 'tier', on: 'approved' },
    { from: 'tier', to: 'compliance', when: { '==': [{ var: 'tier' }, 'platform'] } },
    { from: 'tier', to: 'end', on: 'otherwise' },
    { from: 'compliance', to: 'end', on: 'approved' },
  ],
  positions: { start: { x: 0, y: 0 }, manager: { x: 0, y: 0 }, tier: { x: 0, y: 0 }, compliance: { x: 0, y: 0 }, end: { x: 0, y: 0 } },
};

const suite = webAppSuite('studio', {
  relayOutbox: false,
  setUp: async (demo) => {
    const response = await demo.app.server.inject({ method: 'PUT', url: '/api/meta/workflow/dealer_review', payload: DEALER_REVIEW });
    expect(response.statusCode, response.body).toBe(200);
  },
});
const { newPage, shoot } = suite;

async function api<T>(method: 'GET' | 'POST', url: string, payload?: object): Promise<T> {
  const response = await suite.demo.app.server.inject({ method, url, payload });
  expect(response.statusCode, response.body).toBeLessThan(300);
  return response.json() as T;
}

describe('the workflow designer', () => {
  it('draws a two-step approval, shows a step without approver as a problem before saving, and routes a submitted record to the first role', async () => {
    const { page, errors } = await newPage();
    await logIn(page, 'admin', suite.demo.app.firstAdminPassword!.password);
    await openWorkflows(page);
    await page.getByTestId('workflow-link-dealer_review').waitFor();
    await shoot(page, 'workflows-list');

    await newWorkflow(page, { name: 'hospital_approval', zh: '医院准入审批', en: 'Hospital approval', object: 'hospital' });
    await checked(page);
    await addApprovalStep(page, { label: '渠道经理审批', en: 'Channel manager' });
    const manager = step(page, '渠道经理审批');
    await expect.poll(() => manager.getByTestId('step-problem').textContent(), { timeout: 15_000 }).toContain('approvers');
    expect(await page.getByTestId('panel-problems').textContent()).toContain('approvers');
    expect(await page.getByTestId('workflow-problems').textContent()).toContain('approvers');
    await shoot(page, 'workflow-node-error');

    await addRoleApprover(page, 'channel_manager');
    await expect.poll(async () => (await page.getByTestId('workflow-problems').textContent()) ?? '', { timeout: 15_000 }).not.toContain('approvers');
    await addApprovalStep(page, { label: '合规审核', en: 'Compliance', role: 'compliance' });
    await deleteLink(page, '开始', '结束');
    await connect(page, '开始', '渠道经理审批');
    await connect(page, '渠道经理审批', '合规审核');
    await connect(page, '合规审核', '结束');
    await activate(page);
    await autoLayout(page);
    await page.getByTestId('workflow-valid').waitFor({ timeout: 15_000 });
    await shoot(page, 'workflow-designer');
    await saveWorkflow(page);

    const saved = await api<WorkflowDoc>('GET', '/api/meta/workflow/hospital_approval');
    expect(saved).toMatchObject({ object: 'hospital', active: true });
    expect(saved.nodes.map((n) => [n.id, n.approvers])).toEqual([
      ['start', undefined], ['end', undefined], ['approval_1', { role: 'channel_manager' }], ['approval_2', { role: 'compliance' }],
    ]);
    expect(saved.edges).toEqual([
      { from: 'start', to: 'approval_1' }, { from: 'approval_1', to: 'approval_2', on: 'approved' }, { from: 'approval_2', to: 'end', on: 'approved' },
    ]);
    expect(Object.keys(saved.positions!).sort()).toEqual(['approval_1', 'approval_2', 'end', 'start']);

    const hospital = await api<{ id: string }>('POST', '/api/records/hospital', { name: '流程测试医院' });
    await api('POST', `/api/records/hospital/${hospital.id}/submit`, { workflow: 'hospital_approval' });
    const [approval] = (await api<{ data: ApprovalHistory[] }>('GET', `/api/records/hospital/${hospital.id}/approvals`)).data;
    expect(approval.steps.map((s) => s.node)).toEqual(['approval_1']);
    const managers = (await api<{ data: { id: string }[] }>('GET', '/api/users?role=channel_manager&active=true')).data.map((u) => u.id);
    expect(managers.length).toBeGreaterThan(0);
    expect(approval.steps[0].tasks.map((task) => task.assignee.id).sort()).toEqual([...managers].sort());
    expect(approval.steps[0].tasks.every((task) => task.reason.en.startsWith('role:'))).toBe(true);
    expect(unexpected(errors)).toEqual([]);
  }, SCENARIO_TIMEOUT);

  it('lays an existing workflow out and shows a step in the side panel', async () => {
    const { page, errors } = await newPage();
    await logIn(page, 'admin', suite.demo.app.firstAdminPassword!.password);
    await openWorkflows(page);
    await page.getByTestId('workflow-link-dealer_review').click();
    await page.getByTestId('workflow-canvas').locator('.react-flow__node').first().waitFor();
    const tops = async () => Promise.all(['开始', '渠道经理审批', '平台商？', '合规审核', '结束'].map(async (label) => (await step(page, label).boundingBox())!.y));
    expect(new Set(await tops()).size).toBe(1);

    await autoLayout(page);
    await expect.poll(async () => {
      const [start, manager, tier, compliance, end] = await tops();
      return start < manager && manager < tier && tier < compliance && compliance < end;
    }).toBe(true);
    await selectStep(page, '渠道经理审批');
    expect(await page.getByTestId('step-approvers').textContent()).toContain('(channel_manager)');
    expect(await page.getByTestId('step-label-en').inputValue()).toBe('Channel manager');
    await shoot(page, 'workflow-panel');
    await page.getByTestId('workflow-unsaved').waitFor();

    await selectLink(page, '平台商？', '合规审核');
    await expect.poll(() => page.getByTestId('link-when').textContent()).toContain('层级');
    expect(await page.getByTestId('link-when-unshowable').count()).toBe(0);
    await page.getByTestId('palette-end').dragTo(page.getByTestId('workflow-canvas'), { targetPosition: { x: 120, y: 120 } });
    await page.getByTestId('step-end_1').waitFor();
    expect(await page.getByTestId('step-panel').textContent()).toContain('end_1');
    expect(unexpected(errors)).toEqual([]);
  }, SCENARIO_TIMEOUT);
});
