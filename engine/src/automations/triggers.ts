/** Which automations an event sets off: pure decisions over the deployed documents, no database. */
import type { ApprovalOutcome, AutomationDoc, MetadataDoc } from '../../../metadata/src/types.ts';
import type { AfterCommitEvent } from '../plugin-api.ts';

/** An approval instance that ended (the `workflow.completed` job, queued by the workflow runtime). */
export interface WorkflowCompleted {
  instanceId: string;
  workflow: string;
  object: string;
  recordId: string;
  outcome: ApprovalOutcome;
}

export function activeAutomations(docs: readonly MetadataDoc[]): AutomationDoc[] {
  return docs.filter((d): d is AutomationDoc => d.kind === 'automation' && d.active !== false);
}

/** A create sets off `create`; an update sets off `update`, and `fieldChange` when it changed one of the fields. */
export function setOffByWrite(automation: AutomationDoc, event: Pick<AfterCommitEvent, 'object' | 'action' | 'changes'>): boolean {
  if (automation.object !== event.object) return false;
  const { trigger } = automation;
  switch (trigger.on) {
    case 'create': return event.action === 'create';
    case 'update': return event.action === 'update';
    case 'fieldChange': return event.action === 'update' && trigger.fields.some((field) => field in event.changes);
    default: return false;
  }
}

/** An approval of the automation's object ended, of the workflow and with the outcome it names (if it names them). */
export function setOffByApproval(automation: AutomationDoc, completed: WorkflowCompleted): boolean {
  const { trigger } = automation;
  return trigger.on === 'approval' && automation.object === completed.object
    && (trigger.workflow === undefined || trigger.workflow === completed.workflow)
    && (trigger.outcome === undefined || trigger.outcome === completed.outcome);
}
