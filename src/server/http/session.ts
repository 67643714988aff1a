import { createHmac, timingSafeEqual } from 'node:crypto'
import { and, type Column, eq, getTableColumns, sql } from 'drizzle-orm'
import { type DbOrTx, pgliteOf, qualified } from '../db/client.ts'
import { memberships, sessions, workspaces } from '../db/schema/index.ts'
import type { Role } from '../features/workspaces/regions.ts'
import { activeFirst, type WorkspaceRow } from '../features/workspaces/workspaces.queries.ts'

// The session behind the cookie and the caller's workspace, in ONE statement, on every
// signed-in request. Going through better-auth's getSession cost a second statement (the
// membership), WebCrypto and its own plumbing: together more than a list page's own SQL at
// a million rows (bench/RESULTS.md). better-auth still owns sessions: it signs the cookie,
// and every session that is expired or due for its daily refresh goes through it
// (context.ts), so this reader never writes.

/** The cookie's value as better-auth (better-call) writes it: `token.base64(HMAC-SHA256(secret, token))`. */
export function unsignedToken(cookieHeader: string | undefined, name: string, secret: string): string | null {
  const raw = cookieValue(cookieHeader, name)
  if (!raw) return null
  let value: string
  try {
    value = decodeURIComponent(raw)
  } catch {
    return null
  }
  const dot = value.lastIndexOf('.')
  if (dot < 1) return null
  const token = value.slice(0, dot)
  const given = Buffer.from(value.slice(dot + 1), 'base64')
  const expected = createHmac('sha256', secret).update(token).digest()
  return given.length === expected.length && timingSafeEqual(given, expected) ? token : null
}

function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return null
}

export type SessionScope = {
  sessionId: string
  userId: string
  expiresAt: Date
  activeWorkspaceId: string | null
  /** The session's active workspace if the user is still a member, else their first one. */
  membership: { workspace: WorkspaceRow; role: Role } | null
}

// The same choice as findMembership(). Inside the subquery, memberships means its own
// FROM, not the outer join's.
const chosenWorkspace = sql`(select ${memberships.workspaceId} from ${memberships}
  where ${memberships.userId} = ${qualified(sessions.userId)}
  order by ${sql.join(activeFirst(qualified(sessions.activeWorkspaceId)), sql`, `)} limit 1)`

// The session's own fields; the workspace row comes whole, after them.
const SCOPE = {
  sessionId: sessions.id,
  userId: sessions.userId,
  expiresAt: sessions.expiresAt,
  activeWorkspaceId: sessions.activeWorkspaceId,
  role: memberships.role,
}

// Prepared once per database (scopeReader): building this join with drizzle on every
// request cost more than its SQL (profile of the people list, bench/RESULTS.md).
const scopeQuery = (db: DbOrTx) =>
  db
    .select({ ...SCOPE, workspace: workspaces })
    .from(sessions)
    .leftJoin(
      memberships,
      and(eq(memberships.userId, sessions.userId), eq(memberships.workspaceId, chosenWorkspace)),
    )
    .leftJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(sessions.token, sql.placeholder('token')))

type ScopeRow = Awaited<ReturnType<ReturnType<typeof scopeQuery>['execute']>>[number]
const readers = new WeakMap<DbOrTx, (token: string) => Promise<ScopeRow | undefined>>()

/** An array row of scopeQuery in drizzle's shape, each column decoded as drizzle decodes it. */
function scopeRow(raw: unknown[]): ScopeRow {
  const decode = (c: Column, i: number) => (raw[i] === null ? null : c.mapFromDriverValue(raw[i]))
  const own = Object.entries(SCOPE)
  const at = own.length
  const row = Object.fromEntries(own.map(([key, c], i) => [key, decode(c, i)]))
  const columns = Object.entries(getTableColumns(workspaces))
  const workspace =
    raw[at] === null ? null : Object.fromEntries(columns.map(([key, c], i) => [key, decode(c, at + i)]))
  return { ...row, workspace } as ScopeRow
}

/**
 * PostgreSQL: drizzle's named prepared statement (parsed and planned once per pooled
 * connection). PGlite sends every statement unnamed, so it parsed and planned this join
 * on every request, 0.55 of its 0.8 ms: there it is PREPAREd once (one connection, so it
 * stays) and EXECUTEd with the token as a literal (EXECUTE takes no bind parameters).
 */
function scopeReader(db: DbOrTx): (token: string) => Promise<ScopeRow | undefined> {
  const client = pgliteOf(db)
  if (!client) {
    const prepared = scopeQuery(db).prepare('session_scope')
    return async (token) => (await prepared.execute({ token }))[0]
  }
  const text = scopeQuery(db).toSQL().sql
  let prepared: Promise<unknown> | null = null
  return async (token) => {
    // Another reader on the same PGlite may have prepared it already (42P05); any other
    // failure is tried again on the next request.
    prepared ??= client.exec(`prepare kiungo_session_scope (text) as ${text}`).catch((err) => {
      if ((err as { code?: string }).code === '42P05') return
      prepared = null
      throw err
    })
    await prepared
    const { rows } = await client.query<unknown[]>(`execute kiungo_session_scope(${literal(token)})`, [], {
      rowMode: 'array',
    })
    return rows[0] && scopeRow(rows[0])
  }
}

/** A string as an SQL literal (standard_conforming_strings: only quotes are doubled). */
const literal = (value: string) => `'${value.replaceAll("'", "''")}'`

export async function selectSessionScope(db: DbOrTx, token: string): Promise<SessionScope | null> {
  let read = readers.get(db)
  if (!read) {
    read = scopeReader(db)
    readers.set(db, read)
  }
  const row = await read(token)
  if (!row) return null
  const { role, workspace, ...session } = row
  return { ...session, membership: workspace && role ? { workspace, role: role as Role } : null }
}
