import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import { uuidv7 } from 'uuidv7'
import type { Db } from '../../db/client.ts'
import { ORIGIN, type User } from '../../test/harness.ts'
import { runJobsOnce } from '../jobs/jobs.ts'

// Test helpers for imports: a multipart/form-data body built by hand (what a browser's
// FormData sends), the upload and start calls, and the fixture files.

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures')
export const fixture = (name: string) => readFileSync(path.join(dir, name))

export function multipartBody(
  fields: Record<string, string>,
  file?: { name: string; content: Buffer | string },
) {
  const boundary = `----KiungoTest${uuidv7().replaceAll('-', '')}`
  const parts: Buffer[] = []
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    )
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n` +
          'Content-Type: application/octet-stream\r\n\r\n',
      ),
      Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content),
      Buffer.from('\r\n'),
    )
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`))
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  }
}

export function upload(
  app: FastifyInstance,
  user: User,
  name: string,
  content: Buffer | string,
  object: 'person' | 'company' = 'person',
) {
  const { payload, headers } = multipartBody({ object }, { name, content })
  return app.inject({
    method: 'POST',
    url: '/api/v1/imports',
    headers: { cookie: user.cookie, ...ORIGIN, ...headers },
    payload,
  })
}

/** Uploads, starts with the suggested mapping (or `mapping`), runs the job; returns the finished import. */
export async function importFile(
  app: FastifyInstance,
  db: Db,
  user: User,
  name: string,
  content: Buffer | string,
  opts: {
    object?: 'person' | 'company'
    duplicates?: 'skip' | 'update' | 'create'
    mapping?: Record<string, string | null>
  } = {},
) {
  const up = await upload(app, user, name, content, opts.object)
  if (up.statusCode !== 201) throw new Error(`upload failed: ${up.statusCode} ${up.body}`)
  const id = up.json().id as string
  const start = await app.inject({
    method: 'POST',
    url: `/api/v1/imports/${id}/start`,
    headers: { cookie: user.cookie, ...ORIGIN },
    payload: { mapping: opts.mapping ?? up.json().suggestedMapping, duplicates: opts.duplicates ?? 'skip' },
  })
  if (start.statusCode !== 202) throw new Error(`start failed: ${start.statusCode} ${start.body}`)
  await runJobsOnce(db, { workspaceId: user.workspaceId })
  const res = await app.inject({
    method: 'GET',
    url: `/api/v1/imports/${id}`,
    headers: { cookie: user.cookie, ...ORIGIN },
  })
  return res.json()
}
