/**
 * `POST /api/rules/try` and `POST /api/rules/preview`: a validation rule that is not deployed yet, checked as a deploy
 * would check it, then run on one record or on the object's records (engine/src/rules/rule-trial.ts).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ValidationRuleDoc } from '../../../metadata/src/types.ts';
import { deployOrThrow, type DeployContext } from '../deploy/deploy.ts';
import { QudaoError } from '../errors/catalog.ts';
import type { RecordService } from '../records/record-service.ts';
import type { Registry } from '../registry.ts';
import { RuleTrial } from '../rules/rule-trial.ts';
import { principalOf, requiresRight, writeContext } from './request-context.ts';

export interface RuleTrialDeps {
  registry: Registry;
  records: RecordService;
  deployContext: DeployContext;
}

interface TryBody {
  rule?: unknown;
  values?: unknown;
  recordId?: unknown;
}

const badBody = (field: string, zh: string, en: string) => new QudaoError('BAD_REQUEST', [{ field, rule: 'format', message: { 'zh-CN': zh, en } }]);

export function registerRuleTrialRoutes(app: FastifyInstance, deps: RuleTrialDeps): void {
  const deployRight = requiresRight(() => deps.registry.access, 'deploy');

  /** The rule as a dry-run deploy checks it (422 naming what is wrong), on an object that exists. */
  const trialOf = async (request: FastifyRequest, rule: unknown) => {
    if (typeof rule !== 'object' || rule === null || (rule as { kind?: unknown }).kind !== 'validationRule') {
      throw badBody('rule', 'rule 须为 validationRule 文档', 'rule must be a validationRule document');
    }
    await deployOrThrow(deps.deployContext, { documents: [rule], dryRun: true, actor: principalOf(request).userId });
    const doc = rule as ValidationRuleDoc;
    const objects = deps.registry.objectDocs();
    const object = objects.get(doc.object);
    if (!object) throw new QudaoError('OBJECT_NOT_FOUND', [{ field: 'rule.object', rule: 'unknown_object', message: { 'zh-CN': `没有对象 ${doc.object}`, en: `No object ${doc.object}` } }]);
    return new RuleTrial(deps.deployContext.knex, objects, object, doc);
  };

  app.post<{ Body: TryBody }>('/api/rules/try', deployRight, async (request) => {
    const { rule, values, recordId } = request.body ?? {};
    const trial = await trialOf(request, rule);
    if (typeof recordId === 'string') {
      const record = await deps.records.get((rule as ValidationRuleDoc).object, recordId, {}, writeContext(request));
      return trial.verdict(record);
    }
    if (typeof values !== 'object' || values === null || Array.isArray(values)) {
      throw badBody('values', '须给出 recordId 或 values（字段值的对象）', 'Give recordId or values (an object of field values)');
    }
    return trial.verdict(values as Record<string, unknown>);
  });

  app.post<{ Body: TryBody }>('/api/rules/preview', deployRight, async (request) => (await trialOf(request, request.body?.rule)).preview());
}
