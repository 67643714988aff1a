import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { PGlite } from '@electric-sql/pglite'
import { drizzle } from 'drizzle-orm/node-postgres'
import type { FastifyInstance } from 'fastify'
import pg from 'pg'
import pino from 'pino'
import { buildApp } from '../../src/server/app.ts'
import { loadConfig } from '../../src/server/config.ts'
import {
  createPglite,
  type Database,
  type Db,
  pgliteDatabase,
  postgresDatabase,
} from '../../src/server/db/client.ts'
import * as schema from '../../src/server/db/schema/index.ts'
import type { Exec, Row } from './sql.ts'

// A database to benchmark, opened the way the app opens it, with one addition: every
// statement the app sends can be recorded, so that the very same SQL (text and
// parameters) can be replayed directly on the same database and timed side by side.

export type Recorded = { text: string; values: unknown[] | undefined; options: Record<string, unknown> }

export type Target = {
  kind: 'postgres' | 'pglite'
  database: Database
  /** Direct SQL, not recorded: loading data and picking the cases. */
  exec: Exec
  record<T>(fn: () => Promise<T>): Promise<{ result: T; queries: Recorded[] }>
  /** Runs the recorded statements one after the other; milliseconds per statement. */
  replay(queries: Recorded[]): Promise<number[]>
  /** EXPLAIN (ANALYZE, BUFFERS) of statement `index`, inside its transaction if it had one. */
  explain(queries: Recorded[], index: number): Promise<string>
  version: string
  close(): Promise<void>
}

const isBegin = (q: Recorded) => /^\s*begin/i.test(q.text)
const isEnd = (q: Recorded) => /^\s*(commit|rollback)/i.test(q.text)

/** The statements to run before `index` so that it sees what it saw in the app (planner settings). */
function context(queries: Recorded[], index: number): Recorded[] {
  let start = -1
  for (let i = 0; i < index; i++) {
    if (isBegin(queries[i]!)) start = i
    if (isEnd(queries[i]!)) start = -1
  }
  return start < 0 ? [] : queries.slice(start, index)
}

function explainWith(run: (q: Recorded) => Promise<Row[]>) {
  return async (queries: Recorded[], index: number) => {
    const before = context(queries, index)
    const target = queries[index]!
    for (const q of before) await run(q)
    const rows = await run({ ...target, text: `explain (analyze, buffers) ${target.text}`, options: {} })
    if (before.length) await run({ text: 'rollback', values: undefined, options: {} })
    return rows.map((r) => String(Object.values(r)[0])).join('\n')
  }
}

export async function openPostgres(adminUrl: string, name: string): Promise<Target> {
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`drop database if exists ${name} with (force)`)
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  // The app's own migrate function, on its own pool.
  const migrator = postgresDatabase(url.toString())
  await migrator.migrate()
  await migrator.close()

  let recording: Recorded[] | null = null
  const pool = new pg.Pool({ connectionString: url.toString(), max: 10 })
  // pool.end() resolves before the server has seen every client go; the DROP DATABASE
  // … WITH (FORCE) at the end then terminates the stragglers, which is expected.
  pool.on('error', () => {})
  pool.on('connect', (client) => {
    const original = client.query.bind(client) as (...args: unknown[]) => unknown
    ;(client as unknown as { query: unknown }).query = (...args: unknown[]) => {
      if (recording) recording.push(fromPgArgs(args))
      return original(...args)
    }
  })
  const db = drizzle({ client: pool, schema }) as unknown as Db
  const database: Database = {
    kind: 'postgres',
    db,
    migrate: async () => {},
    ready: async () => true,
    close: () => pool.end(),
  }
  // Loading runs on its own session, with the memory for fast index builds.
  const loader = new pg.Client({ connectionString: url.toString() })
  await loader.connect()
  await loader.query(`set maintenance_work_mem = '1GB'; set work_mem = '256MB'; set synchronous_commit = off`)
  const direct = await pool.connect()
  const run = async (q: Recorded) =>
    (await direct.query({ ...q.options, text: q.text, values: q.values } as pg.QueryConfig)).rows as Row[]
  const [ver] = (await loader.query('show server_version')).rows as { server_version: string }[]
  return {
    kind: 'postgres',
    database,
    exec: async (text, values) => (await loader.query(text, values)).rows as Row[],
    record: async (fn) => {
      recording = []
      try {
        const result = await fn()
        return { result, queries: recording }
      } finally {
        recording = null
      }
    },
    replay: async (queries) => timeEach(queries, run),
    explain: explainWith(run),
    version: `PostgreSQL ${ver?.server_version}`,
    close: async () => {
      direct.release()
      await loader.end()
      await pool.end()
      // BENCH_KEEP_DB=1 leaves the loaded database for experiments (drop it by hand).
      if (process.env.BENCH_KEEP_DB === '1') return
      const cleanup = new pg.Client({ connectionString: adminUrl })
      await cleanup.connect()
      await cleanup.query(`drop database if exists ${name} with (force)`)
      await cleanup.end()
    },
  }
}

// pg's query(text | config, values?, callback?): keep what is needed to send it again.
function fromPgArgs(args: unknown[]): Recorded {
  const [first, second] = args
  const values = Array.isArray(second) ? second : undefined
  if (typeof first === 'string') return { text: first, values, options: {} }
  const { text, values: own, ...options } = first as { text: string; values?: unknown[] }
  return { text, values: values ?? own, options }
}

async function timeEach(queries: Recorded[], run: (q: Recorded) => Promise<unknown>) {
  const out: number[] = []
  for (const q of queries) {
    const started = performance.now()
    await run(q)
    out.push(performance.now() - started)
  }
  return out
}

type PgliteQuery = (
  text: string,
  values?: unknown[],
  options?: Record<string, unknown>,
) => Promise<{ rows: Row[] }>
type TxLike = { query: PgliteQuery }

export async function openPglite(): Promise<Target> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kiungo-bench-'))
  const client = await createPglite(dir)
  const database = pgliteDatabase(client)
  await database.migrate()

  // PGlite is one connection: the app's queries and the direct ones share it. Wrap the
  // instance's query and transaction; a transaction is recorded as begin … commit.
  let recording: Recorded[] | null = null
  const raw = client as unknown as {
    query: PgliteQuery
    transaction: (cb: (tx: TxLike) => unknown) => unknown
  }
  const query = raw.query.bind(client)
  const transaction = raw.transaction.bind(client)
  const note = (text: string, values?: unknown[], options?: Record<string, unknown>) =>
    recording?.push({ text, values, options: options ?? {} })
  raw.query = (text, values, options) => {
    note(text, values, options)
    return query(text, values, options)
  }
  raw.transaction = (cb) =>
    transaction(async (tx) => {
      note('BEGIN')
      const inner = tx.query.bind(tx)
      tx.query = (text, values, options) => {
        note(text, values, options)
        return inner(text, values, options)
      }
      const result = await cb(tx)
      note('COMMIT')
      return result
    })
  const run = async (q: Recorded) => (await query(q.text, q.values, q.options)).rows
  await client.exec(`set maintenance_work_mem = '256MB'; set work_mem = '64MB'`)
  const [ver] = (await query('show server_version')).rows as { server_version: string }[]
  const pkg = JSON.parse(readFileSync('node_modules/@electric-sql/pglite/package.json', 'utf8')) as {
    version: string
  }
  return {
    kind: 'pglite',
    database,
    exec: async (text, values) => {
      if (values?.length) return (await query(text, values)).rows
      // The simple protocol: several statements, and VACUUM outside a transaction.
      const results = await (client as PGlite).exec(text)
      return (results[results.length - 1]?.rows ?? []) as Row[]
    },
    record: async (fn) => {
      recording = []
      try {
        const result = await fn()
        return { result, queries: recording }
      } finally {
        recording = null
      }
    },
    replay: async (queries) => timeEach(queries, run),
    explain: explainWith(run),
    version: `PGlite ${pkg.version} (PostgreSQL ${ver?.server_version})`,
    close: async () => {
      await client.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export type Member = { cookie: string; userId: string }
const ORIGIN = 'http://localhost:3000'

export async function startApp(database: Database): Promise<FastifyInstance> {
  const config = loadConfig({
    DATA_DIR: path.join(os.tmpdir(), 'kiungo-bench-unused'),
    AUTH_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    BASE_URL: ORIGIN,
  })
  return buildApp({ config, database, logger: pino({ level: 'silent' }) })
}

export function get(app: FastifyInstance, cookie: string, url: string, headers: Record<string, string> = {}) {
  return app.inject({ method: 'GET', url, headers: { cookie, origin: ORIGIN, ...headers } })
}

/** The request of a case: GET, or POST with its JSON payload. */
export function send(
  app: FastifyInstance,
  cookie: string,
  c: { url: string; method?: 'GET' | 'POST'; payload?: Record<string, unknown> },
) {
  if (c.method !== 'POST') return get(app, cookie, c.url)
  return app.inject({ method: 'POST', url: c.url, payload: c.payload, headers: { cookie, origin: ORIGIN } })
}

const cookieOf = (setCookie: string | string[] | undefined) =>
  (Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []).map((c) => c.split(';')[0]).join('; ')

async function signUp(app: FastifyInstance, email: string, workspace: boolean): Promise<Member> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/signup',
    headers: { origin: ORIGIN },
    payload: {
      name: email.split('@')[0],
      email,
      password: 'correct horse battery staple',
      ...(workspace
        ? { workspace: { name: 'Kiungo Bench', locale: 'en', country: 'ET', calendar: 'gregorian' } }
        : {}),
    },
  })
  if (res.statusCode !== 201) throw new Error(`sign-up failed: ${res.statusCode} ${res.body}`)
  return { cookie: cookieOf(res.headers['set-cookie']), userId: res.json().user.id }
}

/** The owner signs up with the workspace; four members join through invitation links. */
export async function signUpTeam(app: FastifyInstance): Promise<{ owner: Member; members: Member[] }> {
  const owner = await signUp(app, 'owner@bench.example', true)
  const members: Member[] = []
  for (let i = 1; i <= 4; i++) {
    const invite = await app.inject({
      method: 'POST',
      url: '/api/v1/workspace/invitations',
      headers: { cookie: owner.cookie, origin: ORIGIN },
      payload: { role: 'member' },
    })
    if (invite.statusCode !== 201) throw new Error(`invite failed: ${invite.body}`)
    const token = invite.json().url.split('/invite/')[1]
    const member = await signUp(app, `member${i}@bench.example`, false)
    const accepted = await app.inject({
      method: 'POST',
      url: `/api/v1/invitations/${token}/accept`,
      headers: { cookie: member.cookie, origin: ORIGIN },
      payload: {},
    })
    if (accepted.statusCode !== 200) throw new Error(`accept failed: ${accepted.body}`)
    members.push(member)
  }
  return { owner, members }
}
