import type { FastifyInstance } from 'fastify';
import { DOC_KINDS, type DocKind } from '../../../metadata/src/types.ts';
import { deployOrThrow, type DeployContext } from '../deploy/deploy.ts';
import { QudaoError } from '../errors/catalog.ts';
import type { Registry } from '../registry.ts';
import { flag } from './query-params.ts';

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

const documentNotFound = (kind: string, name: string) =>
  new QudaoError('DOCUMENT_NOT_FOUND', [], { 'zh-CN': `没有文档 ${kind}:${name}`, en: `No document ${kind}:${name}` });

export function registerMetaRoutes(
  app: FastifyInstance,
  registry: Registry,
  deployContext: DeployContext,
  afterDeploy: () => Promise<void>,
  actor: () => string | null,
): void {
  const deploy = async (request: Parameters<typeof deployOrThrow>[1]) => {
    const result = await deployOrThrow(deployContext, request);
    if (result.applied) await afterDeploy();
    return result;
  };

  app.get<{ Params: KindParams }>('/api/meta/:kind', async (request) => ({
    data: registry.documents(assertKind(request.params.kind)),
  }));

  app.get<{ Params: DocParams }>('/api/meta/:kind/:name', async (request) => {
    const kind = assertKind(request.params.kind);
    const doc = registry.documents(kind).find((d) => d.name === request.params.name);
    if (!doc) throw documentNotFound(kind, request.params.name);
    return doc;
  });

  app.get<{ Params: DocParams }>('/api/meta/:kind/:name/history', async (request) => {
    const kind = assertKind(request.params.kind);
    const versions = await deployContext.store.history(kind, request.params.name);
    if (!versions.length) throw documentNotFound(kind, request.params.name);
    return { data: versions };
  });

  app.put<{ Params: DocParams; Querystring: DeployQuery }>('/api/meta/:kind/:name', async (request) => {
    const { kind, name } = request.params;
    assertKind(kind);
    const body = request.body as { kind?: unknown; name?: unknown } | null;
    if (!body || typeof body !== 'object' || body.kind !== kind || body.name !== name) {
      throw new QudaoError('BAD_REQUEST', [
        { field: 'name', rule: 'path_mismatch', message: { 'zh-CN': '文档的 kind 与 name 必须与路径一致', en: 'The document kind and name must match the path' } },
      ]);
    }
    return deploy({ documents: [body], dryRun: flag(request.query.dryRun), force: flag(request.query.force), actor: actor() });
  });

  app.delete<{ Params: DocParams; Querystring: DeployQuery }>('/api/meta/:kind/:name', async (request) => {
    const kind = assertKind(request.params.kind);
    return deploy({ documents: [], remove: [{ kind, name: request.params.name }], dryRun: flag(request.query.dryRun), actor: actor() });
  });

  app.post<{ Body: DeployBody }>('/api/meta/deploy', async (request) => {
    const body = request.body ?? {};
    return deploy({ documents: body.documents, dryRun: body.dryRun === true, force: body.force === true, actor: actor() });
  });
}
