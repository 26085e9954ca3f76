import type { FastifyRequest } from 'fastify';
import type { WriteContext } from '../records/audit.ts';
import { systemPrincipal } from '../security/principal.ts';

/**
 * Who acts and under which request id. Until the authentication hook lands, every request acts as the
 * bootstrap admin user.
 */
export function writeContext(request: FastifyRequest, actor: string | null): WriteContext {
  return { actor, requestId: String(request.id), principal: systemPrincipal(actor ?? '') };
}
