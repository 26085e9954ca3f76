import type { FastifyRequest } from 'fastify';
import { parseBaseUrl } from '../notifications/format.ts';

/**
 * Where people reach this installation: QUDAO_PUBLIC_URL when set (checked once, at start), else the address the
 * request came to (`trustProxy` makes that the proxy's forwarded one).
 */
export function publicBaseUrl(configured: string | undefined): (request: FastifyRequest) => URL {
  const fixed = configured ? parseBaseUrl(configured) : undefined;
  return (request) => fixed ?? new URL(`${request.protocol}://${request.host}/`);
}
