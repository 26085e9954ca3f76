import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Knex } from 'knex';
import { QudaoError, toProblemJson } from '../errors/catalog.ts';
import type { RecordService } from '../records/record-service.ts';
import type { Registry } from '../registry.ts';
import { approvalHistory } from '../workflow/approval-history.ts';
import { clearDelegation, delegationOf, setDelegation } from '../workflow/delegations.ts';
import { inbox } from '../workflow/inbox.ts';
import type { DecisionRequest, WorkflowService } from '../workflow/workflow-service.ts';
import { pickLocale } from './locale.ts';
import { badParam, pageLimit, plainText } from './query-params.ts';
import { internalOnly, principalOf, writeContext } from './request-context.ts';

export interface ApprovalRouteDeps {
  knex: Knex;
  workflows: WorkflowService;
  records: RecordService;
  registry: Registry;
}

type RecordParams = { object: string; id: string };
type Query = Record<string, string | undefined>;

const MAX_COMMENT = 2000;
const MAX_BULK = 200;

/**
 * Approvals (DESIGN "Workflow"): submit with a preview of the route, recall, a record's approval history, the
 * inbox, decisions on a task (approve, reject, send back, add a signer, reassign), bulk decisions, delegation.
 * Approvers are internal users: the approver's side is refused to portal users, who may submit and recall.
 */
export function registerApprovalRoutes(app: FastifyInstance, deps: ApprovalRouteDeps): void {
  const { workflows, records, registry, knex } = deps;

  app.get<{ Params: RecordParams; Querystring: Query }>('/api/records/:object/:id/submit/preview', async (request) => {
    const { object, id } = request.params;
    return workflows.preview(object, id, writeContext(request), plainText('workflow', request.query.workflow, 48));
  });

  app.post<{ Params: RecordParams }>('/api/records/:object/:id/submit', async (request, reply) => {
    const body = bodyOf(request);
    const instance = await workflows.submit(request.params.object, request.params.id, writeContext(request), {
      workflow: text(body, 'workflow', 48), comment: text(body, 'comment', MAX_COMMENT),
    });
    return reply.status(201).send(instance);
  });

  app.post<{ Params: RecordParams }>('/api/records/:object/:id/recall', async (request) =>
    workflows.recall(request.params.object, request.params.id, writeContext(request), text(bodyOf(request), 'comment', MAX_COMMENT)),
  );

  app.get<{ Params: RecordParams }>('/api/records/:object/:id/approvals', async (request) => {
    const { object, id } = request.params;
    await records.get(object, id, { fields: [] }, writeContext(request));
    return { data: await approvalHistory(knex, object, id) };
  });

  app.get<{ Querystring: Query }>('/api/approvals/inbox', internalOnly, async (request) =>
    inbox(knex, registry, principalOf(request).userId, {
      object: plainText('object', request.query.object, 48),
      workflow: plainText('workflow', request.query.workflow, 48),
      limit: pageLimit(request.query.limit),
      cursor: plainText('cursor', request.query.cursor, 512),
    }),
  );

  app.post<{ Params: { task: string; decision: string } }>('/api/approvals/:task/:decision', internalOnly, async (request) =>
    workflows.decide(request.params.task, decisionOf(request.params.decision, bodyOf(request)), writeContext(request)),
  );

  app.post('/api/approvals/bulk', internalOnly, async (request) => {
    const body = bodyOf(request);
    const tasks = body.tasks;
    if (!Array.isArray(tasks) || !tasks.length || tasks.length > MAX_BULK || !tasks.every((t) => typeof t === 'string')) {
      throw badParam('tasks', `tasks 须是 1 到 ${MAX_BULK} 个任务 id`, `tasks must list 1 to ${MAX_BULK} task ids`);
    }
    const decision = decisionOf(text(body, 'decision', 16) ?? '', body);
    if (decision.action !== 'approve' && decision.action !== 'reject') throw badParam('decision', 'decision 须为 approve 或 reject', 'decision must be approve or reject');
    const locale = pickLocale(request.headers['accept-language']);
    const ctx = writeContext(request);
    const results = [];
    for (const task of new Set(tasks as string[])) {
      try {
        results.push({ task, ok: true, ...(await workflows.decide(task, decision, ctx)) });
      } catch (error) {
        if (!(error instanceof QudaoError)) throw error;
        results.push({ task, ok: false, problem: toProblemJson(error, locale) });
      }
    }
    return { results };
  });

  app.get('/api/approvals/delegation', internalOnly, async (request) => ({ delegation: await delegationOf(knex, principalOf(request).userId) }));
  app.put('/api/approvals/delegation', internalOnly, async (request) => ({ delegation: await setDelegation(knex, principalOf(request).userId, request.body) }));
  app.delete('/api/approvals/delegation', internalOnly, async (request, reply) => {
    await clearDelegation(knex, principalOf(request).userId);
    return reply.status(204).send();
  });
}

const DECISION_PATHS: Record<string, DecisionRequest['action']> = {
  approve: 'approve', reject: 'reject', return: 'return', 'add-signer': 'addSigner', reassign: 'reassign',
};

function decisionOf(path: string, body: Record<string, unknown>): DecisionRequest {
  const action = DECISION_PATHS[path];
  const comment = text(body, 'comment', MAX_COMMENT);
  switch (action) {
    case 'approve':
    case 'reject':
      return { action, comment };
    case 'return':
      return { action, comment, to: text(body, 'to', 48) };
    case 'addSigner': {
      const position = text(body, 'position', 8) ?? 'before';
      if (position !== 'before' && position !== 'after') throw badParam('position', 'position 须为 before 或 after', 'position must be before or after');
      return { action, comment, position, userId: required(body, 'userId') };
    }
    case 'reassign':
      return { action, comment, userId: required(body, 'userId') };
    default:
      throw new QudaoError('ROUTE_NOT_FOUND', [], {
        'zh-CN': `没有审批操作 ${path}（可用：${Object.keys(DECISION_PATHS).join('、')}）`,
        en: `there is no approval decision ${path} (use ${Object.keys(DECISION_PATHS).join(', ')})`,
      });
  }
}

function bodyOf(request: FastifyRequest): Record<string, unknown> {
  const body = request.body ?? {};
  if (typeof body !== 'object' || Array.isArray(body)) throw badParam('', '请求体须是 JSON 对象', 'the body must be a JSON object');
  return body as Record<string, unknown>;
}

function text(body: Record<string, unknown>, field: string, max: number): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.length > max || value.includes('\u0000')) {
    throw badParam(field, `${field} 须是不超过 ${max} 个字符的文本`, `${field} must be text of at most ${max} characters`);
  }
  return value;
}

function required(body: Record<string, unknown>, field: string): string {
  const value = text(body, field, 64);
  if (!value) throw badParam(field, `请提供 ${field}`, `${field} is required`);
  return value;
}
