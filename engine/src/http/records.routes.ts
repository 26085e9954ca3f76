import type { FastifyInstance, FastifyReply } from 'fastify';
import type { RecordService } from '../records/record-service.ts';
import type { RecordData } from '../records/row-mapping.ts';
import { csv, flag, parseIfMatch, parseListQuery } from './query-params.ts';
import { runPluginAction, type ActionDeps } from './plugin-actions.ts';
import { writeContext } from './request-context.ts';

type Params = { object: string; id: string };
type ActionParams = Params & { action: string };
type Query = Record<string, string | undefined>;

const withVersion = (reply: FastifyReply, record: RecordData) => reply.header('etag', `"${record.version}"`).send(record);

/** `actions`: what plugin actions run with (each in its own transaction on `knex`). */
export function registerRecordRoutes(app: FastifyInstance, records: RecordService, actions: ActionDeps): void {
  app.get<{ Params: Params; Querystring: Query }>('/api/records/:object', async (request) =>
    records.list(request.params.object, parseListQuery(request.query), writeContext(request)),
  );

  app.post<{ Params: Params }>('/api/records/:object', async (request, reply) => {
    const record = await records.create(request.params.object, request.body, writeContext(request));
    reply.status(201).header('location', `/api/records/${request.params.object}/${record.id}`);
    return withVersion(reply, record);
  });

  app.get<{ Params: Params; Querystring: Query }>('/api/records/:object/:id', async (request, reply) => {
    const { fields, expand, asOf, deleted } = request.query;
    const record = await records.get(request.params.object, request.params.id, {
      fields: csv(fields, 'fields'),
      expand: csv(expand, 'expand'),
      asOf,
      includeDeleted: flag(deleted),
    }, writeContext(request));
    return withVersion(reply, record);
  });

  app.patch<{ Params: Params }>('/api/records/:object/:id', async (request, reply) => {
    const expected = parseIfMatch(request.headers['if-match']);
    const { object, id } = request.params;
    return withVersion(reply, await records.update(object, id, request.body, expected, writeContext(request)));
  });

  app.delete<{ Params: Params }>('/api/records/:object/:id', async (request, reply) =>
    withVersion(reply, await records.remove(request.params.object, request.params.id, writeContext(request))),
  );

  app.post<{ Params: Params }>('/api/records/:object/:id/restore', async (request, reply) =>
    withVersion(reply, await records.restore(request.params.object, request.params.id, writeContext(request))),
  );

  app.post<{ Params: ActionParams }>('/api/records/:object/:id/actions/:action', async (request) =>
    runPluginAction(actions, { ...request.params, body: request.body }, writeContext(request)),
  );

  app.get<{ Params: Params }>('/api/records/:object/:id/history', async (request) => ({
    data: await records.history(request.params.object, request.params.id, writeContext(request)),
  }));
}
