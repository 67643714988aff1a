import type { FastifyReply, FastifyRequest } from 'fastify'
import { problem } from './errors.ts'

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * CSRF defence for cookie-authenticated writes (ASVS 3.5): a state-changing request that
 * carries cookies must come from our own origin, proven by the Origin header (or, when a
 * browser leaves it out, Sec-Fetch-Site). Requests without cookies carry no ambient
 * authority and pass. GET never changes state.
 */
export function csrfGuard(baseUrl: string) {
  const ownOrigin = new URL(baseUrl).origin
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (SAFE.has(request.method) || !request.headers.cookie) return
    const origin = request.headers.origin
    const ok = origin ? origin === ownOrigin : request.headers['sec-fetch-site'] === 'same-origin'
    if (ok) return
    request.log.warn({ event: 'csrf_denied', origin, url: request.url }, 'cross-site write refused')
    return reply
      .status(403)
      .type('application/problem+json')
      .send(problem(403, 'cross_site_request', 'This request did not come from Kiungo itself'))
  }
}
