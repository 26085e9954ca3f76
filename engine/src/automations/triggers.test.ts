import { describe, expect, it } from 'vitest';
import type { AutomationDoc, AutomationTrigger } from '../../../metadata/src/types.ts';
import { activeAutomations, setOffByApproval, setOffByWrite, type WorkflowCompleted } from './triggers.ts';

const automation = (trigger: AutomationTrigger, extra: Partial<AutomationDoc> = {}): AutomationDoc => ({
  kind: 'automation', name: 'a', label: { 'zh-CN': 'a', en: 'a' }, object: 'deal', trigger, actions: [{ update: { note: 'x' } }], ...extra,
});
const write = (action: 'create' | 'update' | 'delete' | 'restore', changed: string[] = [], object = 'deal') => ({
  object, action, changes: Object.fromEntries(changed.map((f) => [f, { old: null, new: 1 }])),
});
const completed = (extra: Partial<WorkflowCompleted> = {}): WorkflowCompleted => ({
  instanceId: 'i', workflow: 'deal_review', object: 'deal', recordId: 'r', outcome: 'approved', ...extra,
});

describe('what sets an automation off', () => {
  it('a create sets off create only, an update sets off update', () => {
    expect(setOffByWrite(automation({ on: 'create' }), write('create'))).toBe(true);
    expect(setOffByWrite(automation({ on: 'create' }), write('update', ['stage']))).toBe(false);
    expect(setOffByWrite(automation({ on: 'update' }), write('update', ['stage']))).toBe(true);
    expect(setOffByWrite(automation({ on: 'update' }), write('create'))).toBe(false);
  });

  it('a fieldChange needs an update that changed one of its fields', () => {
    const onStage = automation({ on: 'fieldChange', fields: ['stage', 'amount'] });
    expect(setOffByWrite(onStage, write('update', ['amount']))).toBe(true);
    expect(setOffByWrite(onStage, write('update', ['name']))).toBe(false);
    expect(setOffByWrite(onStage, write('create', ['stage']))).toBe(false);
  });

  it('deletes, restores, other objects and schedules are nothing a write sets off', () => {
    expect(setOffByWrite(automation({ on: 'update' }), write('delete', ['deleted_at']))).toBe(false);
    expect(setOffByWrite(automation({ on: 'update' }), write('restore', ['deleted_at']))).toBe(false);
    expect(setOffByWrite(automation({ on: 'create' }), write('create', [], 'lead'))).toBe(false);
    expect(setOffByWrite(automation({ on: 'schedule', cron: '0 8 * * *' }), write('update', ['stage']))).toBe(false);
  });

  it('an approval outcome matches the workflow and outcome named, any when not named', () => {
    expect(setOffByApproval(automation({ on: 'approval' }), completed({ outcome: 'recalled' }))).toBe(true);
    expect(setOffByApproval(automation({ on: 'approval', outcome: 'rejected' }), completed())).toBe(false);
    expect(setOffByApproval(automation({ on: 'approval', workflow: 'deal_review', outcome: 'approved' }), completed())).toBe(true);
    expect(setOffByApproval(automation({ on: 'approval', workflow: 'deal_discount' }), completed())).toBe(false);
    expect(setOffByApproval(automation({ on: 'approval' }), completed({ object: 'lead' }))).toBe(false);
    expect(setOffByApproval(automation({ on: 'update' }), completed())).toBe(false);
  });

  it('an inactive automation is left out', () => {
    const on = automation({ on: 'create' });
    const off = automation({ on: 'create' }, { name: 'b', active: false });
    expect(activeAutomations([on, off]).map((a) => a.name)).toEqual(['a']);
  });
});
