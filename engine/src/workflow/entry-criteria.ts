/**
 * A workflow's entry criteria (`trigger.when`, `trigger.comment`): whether it applies to a record now, and what a
 * submission must carry. The route preview says why not; a submission that doesn't meet them is refused 422.
 */
import { evaluateLogic, isTruthy } from '../../../metadata/src/jsonlogic.ts';
import type { Label, WorkflowDoc } from '../../../metadata/src/types.ts';
import { QudaoError, type FieldError } from '../errors/catalog.ts';
import type { RecordData } from '../records/row-mapping.ts';

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
export function assertSubmissionAccepted(workflow: WorkflowDoc, record: RecordData, comment: string | undefined): void {
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
