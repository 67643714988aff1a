import type { PGlite } from '@electric-sql/pglite'
import type { FastifyInstance, InjectOptions } from 'fastify'
import pino from 'pino'
import { uuidv7 } from 'uuidv7'
import { buildApp } from '../app.ts'
import { loadConfig } from '../config.ts'
import { createPglite, type Database, pgliteDatabase, postgresDatabase } from '../db/client.ts'

// Test harness: a real app on a real database. On PGlite every test file gets a clone
// of one migrated template (a fresh PGlite takes seconds); with TEST_DATABASE_URL the
// suite runs against PostgreSQL, migrated once by the global setup. Tests never truncate:
// each builds its own workspace with signUp().
export const BASE_URL = 'http://localhost:3000'
export const ORIGIN = { origin: BASE_URL }

let template: Promise<PGlite> | null = null

async function pgliteTemplate(): Promise<PGlite> {
  template ??= (async () => {
    const client = await createPglite()
    await pgliteDatabase(client).migrate()
    return client
  })()
  return template
}

export async function openTestDatabase(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL
  if (url) return postgresDatabase(url)
  return pgliteDatabase((await (await pgliteTemplate()).clone()) as PGlite)
}

export type TestApp = { app: FastifyInstance; database: Database; close(): Promise<void> }

export async function createTestApp(): Promise<TestApp> {
  const database = await openTestDatabase()
  const config = loadConfig({
    DATA_DIR: '/tmp/kiungo-test-unused',
    AUTH_SECRET: 'test-secret-test-secret-test-secret-0123',
    BASE_URL,
  })
  const app = await buildApp({ config, database, logger: pino({ level: 'silent' }), checkResponses: true })
  return {
    app,
    database,
    close: async () => {
      await app.close()
      await database.close()
    },
  }
}

export type User = { cookie: string; userId: string; workspaceId: string; email: string }

export const uniqueEmail = (prefix = 'user') => `${prefix}-${uuidv7()}@example.com`
export const PASSWORD = 'correct horse battery staple'

/** Signs up a new user with a new workspace (Ethiopia by default). */
export async function signUp(
  app: FastifyInstance,
  workspace: Partial<{ name: string; locale: string; country: string; calendar: string }> = {},
): Promise<User> {
  const email = uniqueEmail()
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/signup',
    headers: ORIGIN,
    payload: {
      name: 'Abebe Bikila',
      email,
      password: PASSWORD,
      workspace: { name: 'Addis Trading', locale: 'en', country: 'ET', calendar: 'gregorian', ...workspace },
    },
  })
  if (res.statusCode !== 201) throw new Error(`sign-up failed: ${res.statusCode} ${res.body}`)
  const body = res.json()
  return {
    cookie: cookieFrom(res.headers['set-cookie']),
    userId: body.user.id,
    workspaceId: body.workspace.id,
    email,
  }
}

export function cookieFrom(setCookie: string | string[] | undefined): string {
  const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []
  return list.map((c) => c.split(';')[0]).join('; ')
}

/** Injects a request as the given user, from our own origin. */
export function as(app: FastifyInstance, user: { cookie: string }) {
  const send = (
    method: InjectOptions['method'],
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) =>
    app.inject({
      method,
      url,
      headers: { cookie: user.cookie, ...ORIGIN, ...headers },
      ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
    })
  return {
    get: (url: string, headers?: Record<string, string>) => send('GET', url, undefined, headers),
    post: (url: string, payload?: unknown, headers?: Record<string, string>) =>
      send('POST', url, payload ?? {}, headers),
    patch: (url: string, payload: unknown, headers?: Record<string, string>) =>
      send('PATCH', url, payload, headers),
    delete: (url: string, headers?: Record<string, string>) => send('DELETE', url, undefined, headers),
  }
}

/** Invites a second user into `owner`'s workspace with `role`; returns that user, switched in. */
export async function addMember(
  app: FastifyInstance,
  owner: User,
  role: 'admin' | 'member' | 'viewer',
): Promise<User> {
  const invite = await as(app, owner).post('/api/v1/workspace/invitations', { role })
  if (invite.statusCode !== 201) throw new Error(`invite failed: ${invite.body}`)
  const token = invite.json().url.split('/invite/')[1]
  const other = await signUp(app, { name: 'Other shop' })
  const accepted = await as(app, other).post(`/api/v1/invitations/${token}/accept`)
  if (accepted.statusCode !== 200) throw new Error(`accept failed: ${accepted.body}`)
  return { ...other, workspaceId: owner.workspaceId }
}
