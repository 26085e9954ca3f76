/**
 * Runs a plugin action as the acting user: it must be allowed to (read or update the record), the action must be
 * offered for the record (`when`), and its input must be valid; then everything it writes commits together.
 */
import type { Knex } from 'knex';
import { evaluateLogic, isTruthy } from '../../../metadata/src/jsonlogic.ts';
import type { FieldDef } from '../../../metadata/src/types.ts';
import { QudaoError } from '../errors/catalog.ts';
import type { HostedAction, PluginHost } from '../plugins/plugin-host.ts';
import type { RecordService } from '../records/record-service.ts';
import { buildRecordValidator, type RecordValidator } from '../records/record-validator.ts';
import type { RecordData } from '../records/row-mapping.ts';
import { systemPrincipal, type WriteContext } from '../security/principal.ts';
import { lettersApi } from './plugin-letters-api.ts';
import { recordsApi } from './plugin-records-api.ts';

export interface ActionDeps {
  knex: Knex;
  records: RecordService;
  host: PluginHost;
  /** The bootstrap admin: `systemRecords` write with its rights. */
  adminId: string;
}

export interface ActionRequest {
  object: string;
  id: string;
  action: string;
  body: unknown;
}

export async function runPluginAction(deps: ActionDeps, request: ActionRequest, ctx: WriteContext): Promise<unknown> {
  const { object, id } = request;
  const action = deps.host.actionOrThrow(object, request.action);
  if (action.internalOnly && ctx.principal.kind !== 'internal') throw portalRefused(action);
  return deps.knex.transaction(async (trx) => {
    const records = deps.records.inTransaction(trx);
    const record = action.requires === 'update' ? await records.getEditable(object, id, ctx) : await records.get(object, id, {}, ctx);
    assertOffered(action, record);
    const input = action.input ? validInputOrThrow(action.input, request.body) : request.body;
    const apis = {
      records: recordsApi(records, ctx),
      systemRecords: recordsApi(records, { ...ctx, principal: systemPrincipal(deps.adminId) }),
      letters: lettersApi({ knex: trx, records }, ctx),
    };
    return action.run({ object, record, input, actor: ctx.actor, ...apis }, trx);
  });
}

/** Whether the action is offered for this record (what the record page evaluates too, to show its button). */
export function isOffered(action: Pick<HostedAction, 'when'>, record: RecordData): boolean {
  return action.when === undefined || isTruthy(evaluateLogic(action.when, record));
}

function assertOffered(action: HostedAction, record: RecordData): void {
  if (isOffered(action, record)) return;
  throw new QudaoError('ACTION_NOT_OFFERED', [], {
    'zh-CN': `「${action.label['zh-CN']}」不适用于该记录的当前状态`,
    en: `"${action.label.en}" does not apply to this record as it is now`,
  });
}

const portalRefused = (action: HostedAction) => new QudaoError('FORBIDDEN', [], {
  'zh-CN': `门户用户不能执行「${action.label['zh-CN']}」`,
  en: `Portal users can't run "${action.label.en}"`,
});

const inputValidators = new WeakMap<readonly FieldDef[], RecordValidator>();

/** The input, coerced and checked like a new record of the action's fields: 422 naming each field and rule otherwise. */
function validInputOrThrow(fields: FieldDef[], body: unknown): Record<string, unknown> {
  let validator = inputValidators.get(fields);
  if (!validator) {
    validator = buildRecordValidator({ kind: 'object', name: 'action_input', label: { 'zh-CN': '操作输入', en: 'Action input' }, fields }, []);
    inputValidators.set(fields, validator);
  }
  const { values, errors } = validator.validateCreate(body ?? {});
  if (errors.length) throw new QudaoError('ACTION_INVALID', errors);
  return values;
}
