import type { FastifyReply } from 'fastify'
import * as z from 'zod'
import { AppError } from './errors.ts'

// Optimistic concurrency over HTTP: every record has an integer `version`, sent as a
// strong ETag ("7"); writes send it back in If-Match.
export const ifMatchHeaders = z.object({
  'if-match': z.string().max(100).optional().describe('The version the client last saw, e.g. "7"'),
})

export function parseIfMatch(header: string | undefined): number | null {
  if (header === undefined) return null
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim())
  if (!m) throw new AppError(400, 'invalid_if_match', 'If-Match must be a record version such as "7"')
  return Number(m[1])
}

/** For PATCH: If-Match is required, so an edit can never silently overwrite another. */
export function requireIfMatch(header: string | undefined): number {
  const v = parseIfMatch(header)
  if (v === null) throw new AppError(428, 'if_match_required', 'Send If-Match with the version you edited')
  return v
}

export function setVersion(reply: FastifyReply, version: number) {
  reply.header('etag', `"${version}"`)
}
