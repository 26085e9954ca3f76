import type { FastifyInstance, FastifyRequest } from 'fastify';
import { fieldUsages } from '../../../metadata/src/field-usages.ts';
import { DOC_KINDS, type DocKind, type Label } from '../../../metadata/src/types.ts';
import { deployOrThrow, type DeployContext, type DeployResult } from '../deploy/deploy.ts';
import { QudaoError } from '../errors/catalog.ts';
import { documentOrigins } from '../plugins/document-origins.ts';
import type { PluginRow } from '../plugins/plugin-manager.ts';
import type { Registry } from '../registry.ts';
import { auditDeploy } from '../security/access-audit.ts';
import { flag } from './query-params.ts';
import { auditSource, internalOnly, principalOf, requiresRight } from './request-context.ts';
import { runAsRequestWork } from './work-context.ts';

type KindParams = { kind: string };
type DocParams = { kind: string; name: string };
type DeployQuery = { dryRun?: string; force?: string };
interface DeployBody {
  documents?: unknown;
  dryRun?: boolean;
  force?: boolean;
}

function assertKind(kind: string): DocKind {
  if (!(DOC_KINDS as readonly string[]).includes(kind)) {
    throw new QudaoError('DOCUMENT_NOT_FOUND', [], {
      'zh-CN': `没有 ${kind} 这种文档类型；可用：${DOC_KINDS.join(', ')}`,
      en: `There is no document kind ${kind}; known kinds: ${DOC_KINDS.join(', ')}`,
    });
  }
  return kind as DocKind;
}

type DeployRequest = Omit<Parameters<typeof deployOrThrow>[1], 'actor'>;

const deployLabel = (what: string): Label => ({ 'zh-CN': `部署 ${what}`, en: `Deploy ${what}` });

const deployOutcome = (result: DeployResult) => ({
  result: { deployId: result.deployId ?? null, steps: result.steps.length },
  message: result.steps.length
    ? { 'zh-CN': `已部署，共 ${result.steps.length} 步`, en: `Deployed in ${result.steps.length} step${result.steps.length === 1 ? '' : 's'}` }
    : { 'zh-CN': '没有变更', en: 'Nothing to change' },
});

const documentNotFound = (kind: string, name: string) =>
  new QudaoError('DOCUMENT_NOT_FOUND', [], { 'zh-CN': `没有文档 ${kind}:${name}`, en: `No document ${kind}:${name}` });

export function registerMetaRoutes(
  app: FastifyInstance,
  registry: Registry,
  deployContext: DeployContext,
  afterDeploy: () => Promise<void>,
  /** The installed plugins, to say which one ships each listed document. */
  plugins: () => Promise<PluginRow[]>,
): void {
  /** The audit row is written in the deploy's transaction (a dry run writes none). */
  const apply = async (request: FastifyRequest, deployRequest: DeployRequest) => {
    const actor = principalOf(request).userId;
    const result = await deployOrThrow(deployContext, { ...deployRequest, actor, inTransaction: auditDeploy(auditSource(request), 'deploy') });
    if (result.applied) await afterDeploy();
    return result;
  };
  /** A real deploy is the caller's work (`x-work-id`), its steps the progress; a dry run is not. */
  const deploy = async (request: FastifyRequest, deployRequest: DeployRequest, label: Label) => {
    if (deployRequest.dryRun) return apply(request, deployRequest);
    return runAsRequestWork(request, deployContext.knex, { kind: 'deploy', label, outcome: deployOutcome }, (report) =>
      apply(request, { ...deployRequest, progress: (done, total, step) => report(done, total, step?.description) }));
  };
  // Metadata shows how the system is built: internal users may read it, portal users may not.
  const deployRight = requiresRight(() => registry.access, 'deploy');

  app.get<{ Params: KindParams }>('/api/meta/:kind', internalOnly, async (request) => {
    const kind = assertKind(request.params.kind);
    return { data: registry.documents(kind), origins: documentOrigins(kind, await deployContext.store.loadCurrent(), await plugins()) };
  });

  app.get<{ Params: DocParams }>('/api/meta/:kind/:name', internalOnly, async (request) => {
    const kind = assertKind(request.params.kind);
    const doc = registry.documents(kind).find((d) => d.name === request.params.name);
    if (!doc) throw documentNotFound(kind, request.params.name);
    return doc;
  });

  app.get<{ Params: DocParams }>('/api/meta/:kind/:name/history', internalOnly, async (request) => {
    const kind = assertKind(request.params.kind);
    const versions = await deployContext.store.history(kind, request.params.name);
    if (!versions.length) throw documentNotFound(kind, request.params.name);
    return { data: versions };
  });

  app.get<{ Params: { name: string; field: string } }>('/api/meta/object/:name/fields/:field/usages', internalOnly, async (request) => {
    const { name, field } = request.params;
    const object = registry.objectDocs().get(name);
    if (!object) throw documentNotFound('object', name);
    if (!object.fields.some((f) => f.name === field)) {
      throw new QudaoError('DOCUMENT_NOT_FOUND', [{ field: 'field', rule: 'unknown_field', message: { 'zh-CN': `对象 ${name} 没有字段 ${field}`, en: `Object ${name} has no field ${field}` } }]);
    }
    return { data: fieldUsages(registry.documents(), name, field) };
  });

  app.put<{ Params: DocParams; Querystring: DeployQuery }>('/api/meta/:kind/:name', deployRight, async (request) => {
    const { kind, name } = request.params;
    assertKind(kind);
    const body = request.body as { kind?: unknown; name?: unknown } | null;
    if (!body || typeof body !== 'object' || body.kind !== kind || body.name !== name) {
      throw new QudaoError('BAD_REQUEST', [
        { field: 'name', rule: 'path_mismatch', message: { 'zh-CN': '文档的 kind 与 name 必须与路径一致', en: 'The document kind and name must match the path' } },
      ]);
    }
    return deploy(request, { documents: [body], dryRun: flag(request.query.dryRun), force: flag(request.query.force) }, deployLabel(`${kind}:${name}`));
  });

  app.delete<{ Params: DocParams; Querystring: DeployQuery }>('/api/meta/:kind/:name', deployRight, async (request) => {
    const kind = assertKind(request.params.kind);
    const what = `${kind}:${request.params.name}`;
    const label = { 'zh-CN': `删除 ${what}`, en: `Delete ${what}` };
    return deploy(request, { documents: [], remove: [{ kind, name: request.params.name }], dryRun: flag(request.query.dryRun) }, label);
  });

  /**
   * The custom layer's document as it was at `version` (0: before the first customization, i.e. none): its body
   * deployed again, or the document removed when that version was a deletion. Plugins own the base layer.
   */
  app.post<{ Params: DocParams; Body: { version?: unknown; dryRun?: boolean; force?: boolean } }>('/api/meta/:kind/:name/rollback', deployRight, async (request) => {
    const kind = assertKind(request.params.kind);
    const { name } = request.params;
    const { version, dryRun, force } = request.body ?? {};
    if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
      throw new QudaoError('BAD_REQUEST', [{ field: 'version', rule: 'type', message: { 'zh-CN': 'version 须为非负整数', en: 'version must be a non-negative integer' } }]);
    }
    const custom = (await deployContext.store.history(kind, name)).filter((d) => d.layer === 'custom');
    const target = version === 0 ? undefined : custom.find((d) => d.version === version);
    if (version !== 0 && !target) {
      throw new QudaoError('DOCUMENT_NOT_FOUND', [{ field: 'version', rule: 'unknown_version', message: { 'zh-CN': `${kind}:${name} 的自定义层没有第 ${version} 版`, en: `${kind}:${name} has no custom-layer version ${version}` } }]);
    }
    const label = { 'zh-CN': `回滚 ${kind}:${name} 到第 ${version} 版`, en: `Roll ${kind}:${name} back to version ${version}` };
    const common = { dryRun: dryRun === true, force: force === true };
    return target?.body && !target.deleted
      ? deploy(request, { ...common, documents: [target.body] }, label)
      : deploy(request, { ...common, documents: [], remove: custom[0] && !custom[0].deleted ? [{ kind, name, layer: 'custom' }] : [] }, label);
  });

  app.post<{ Body: DeployBody }>('/api/meta/deploy', deployRight, async (request) => {
    const body = request.body ?? {};
    const count = Array.isArray(body.documents) ? body.documents.length : 0;
    const label = { 'zh-CN': `部署 ${count} 个元数据文档`, en: `Deploy ${count} metadata document${count === 1 ? '' : 's'}` };
    return deploy(request, { documents: body.documents, dryRun: body.dryRun === true, force: body.force === true }, label);
  });
}
