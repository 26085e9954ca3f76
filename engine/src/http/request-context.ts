import type { FastifyRequest } from 'fastify';
import type { WriteContext } from '../records/audit.ts';

/**
 * Who acts and under which request id. Until login and API tokens arrive (the security issue),
 * every request acts as the bootstrap admin user.
 */
export function writeContext(request: FastifyRequest, actor: string | null): WriteContext {
  return { actor, requestId: String(request.id) };
}
