/**
 * A workflow's entry criteria (`trigger.when`, `trigger.comment`, `trigger.internalOnly`): whether it applies to a
 * record now, who may submit it, and what a submission must carry. The route preview says why not; a submission
 * that doesn't meet them is refused (403 for a portal user and an internal-only workflow, 422 otherwise).
 */
import { evaluateLogic, isTruthy } from '../../../metadata/src/jsonlogic.ts';
import type { Label, WorkflowDoc } from '../../../metadata/src/types.ts';
import { QudaoError, type FieldError } from '../errors/catalog.ts';
import type { RecordData } from '../records/row-mapping.ts';
import type { Principal } from '../security/principal.ts';

export function maySubmit(workflow: WorkflowDoc, principal: Pick<Principal, 'kind'>): boolean {
  return principal.kind === 'internal' || !workflow.trigger.internalOnly;
}

/** A portal user submitting without naming a workflow, where every workflow of the object is internal-only. */
export function submitterRefusedAll(objectLabel: Label): QudaoError {
  return new QudaoError('FORBIDDEN', [], { 'zh-CN': `门户用户不能提交${objectLabel['zh-CN']}审批`, en: `Portal users can't submit a ${objectLabel.en.toLowerCase()} for approval` });
}

/** Why `principal` may not submit to the workflow, in both languages; undefined when it may. */
export function submitterRefusal(workflow: WorkflowDoc, principal: Pick<Principal, 'kind'>): Label | undefined {
  if (maySubmit(workflow, principal)) return undefined;
  return { 'zh-CN': `门户用户不能提交「${workflow.label['zh-CN']}」`, en: `Portal users can't submit "${workflow.label.en}"` };
}

export function entryHolds(workflow: WorkflowDoc, record: RecordData): boolean {
  return workflow.trigger.when === undefined || isTruthy(evaluateLogic(workflow.trigger.when, record));
}

/** Why the workflow can't start for this record now, in both languages; undefined when it can. */
export function entryRefusal(workflow: WorkflowDoc, record: RecordData): Label | undefined {
  if (entryHolds(workflow, record)) return undefined;
  return workflow.trigger.message ?? {
    'zh-CN': `记录当前不满足「${workflow.label['zh-CN']}」的发起条件`,
    en: `the record does not meet the conditions to start "${workflow.label.en}" now`,
  };
}

/** Refuses a submission (422) that the workflow doesn't take: its entry criterion fails, or a required comment is blank. */
export function assertSubmissionAccepted(workflow: WorkflowDoc, record: RecordData, comment: string | undefined, principal: Pick<Principal, 'kind'>): void {
  const forbidden = submitterRefusal(workflow, principal);
  if (forbidden) throw new QudaoError('FORBIDDEN', [], forbidden);
  const errors: FieldError[] = [];
  const refusal = entryRefusal(workflow, record);
  if (refusal) errors.push({ field: 'workflow', rule: 'entry_criteria', message: refusal });
  const wanted = workflow.trigger.comment;
  if (wanted?.required && !comment?.trim()) {
    const label = wanted.label ?? { 'zh-CN': '提交说明', en: 'comment' };
    errors.push({ field: 'comment', rule: 'required', message: { 'zh-CN': `请填写${label['zh-CN']}`, en: `${label.en} is required` } });
  }
  if (errors.length) throw new QudaoError('WORKFLOW_INVALID', errors);
}
