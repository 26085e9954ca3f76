/**
 * The actions a workflow's action node or an automation runs on a record, all inside the caller's transaction:
 * field updates and new records are written through the records service (the same validation as the API), a
 * notification or a webhook is queued with the transaction (sent after the commit, once per `key`), another
 * workflow is started. Values are JsonLogic over the record (a literal is one too).
 */
import type { Knex } from 'knex';
import { evaluateLogic } from '../../../metadata/src/jsonlogic.ts';
import type { JsonLogic, Label, WorkflowAction } from '../../../metadata/src/types.ts';
import { queueNotification } from '../notifications/notification.job.ts';
import type { ObjectRuntime } from '../registry.ts';
import type { RecordService } from '../records/record-service.ts';
import type { RecordData } from '../records/row-mapping.ts';
import type { WriteContext } from '../security/principal.ts';
import { queueWebhook } from '../webhooks/queue-webhook.ts';
import { resolveRecipients } from './recipients.ts';

export interface ActionRun {
  trx: Knex.Transaction;
  /** The records service on `trx`. */
  records: RecordService;
  object: ObjectRuntime;
  /** The record as the expressions see it (related records the expressions read included). */
  record: RecordData;
  /** Who the writes are audited as, and why. */
  ctx: WriteContext;
  /** Where the actions come from, e.g. `workflow:dealer_onboarding/activate`: in webhook payloads and logs. */
  source: string;
  /** Unique per run: the idempotency key of each notification and webhook this run queues. */
  key: string;
  roleLabel(role: string): Label | undefined;
  startWorkflow(workflow: string, object: string, recordId: string): Promise<void>;
}

export async function runActions(actions: readonly WorkflowAction[], run: ActionRun): Promise<void> {
  for (const [index, action] of actions.entries()) await runAction(action, index, run);
}

async function runAction(action: WorkflowAction, index: number, run: ActionRun): Promise<void> {
  const id = run.record.id as string;
  if ('update' in action) {
    await run.records.update(run.object.name, id, evaluateValues(action.update, run.record), undefined, run.ctx);
  } else if ('create' in action) {
    await run.records.create(action.create.object, evaluateValues(action.create.values, run.record), run.ctx);
  } else if ('notify' in action) {
    const userIds = await resolveRecipients(action.notify.to, { db: run.trx, object: run.object, record: run.record, roleLabel: run.roleLabel });
    if (userIds.length) {
      await queueNotification(run.trx, { userIds, template: action.notify.template, record: { object: run.object.name, id }, key: `${run.key}-${index}` });
    }
  } else if ('webhook' in action) {
    await queueWebhook(run.trx, {
      url: action.webhook.url,
      method: action.webhook.method,
      event: `${run.source.split(':')[0]}.action`,
      payload: { source: run.source, object: run.object.name, record: run.record },
      source: run.source,
      key: `${run.key}-${index}`,
    });
  } else {
    await run.startWorkflow(action.startWorkflow, run.object.name, id);
  }
}

function evaluateValues(values: Record<string, JsonLogic>, record: RecordData): RecordData {
  return Object.fromEntries(Object.entries(values).map(([name, expr]) => [name, evaluateLogic(expr, record)]));
}

/** The expressions `actions` evaluate over the record (values, approver lookups): what to preload before they run. */
export function expressionsOfActions(actions: readonly WorkflowAction[]): JsonLogic[] {
  return actions.flatMap((action): JsonLogic[] => {
    if ('update' in action) return Object.values(action.update);
    if ('create' in action) return Object.values(action.create.values);
    if ('notify' in action && action.notify.to !== undefined) {
      return (Array.isArray(action.notify.to) ? action.notify.to : [action.notify.to]).flatMap((a) => ('lookup' in a ? [a.lookup] : []));
    }
    return [];
  });
}
