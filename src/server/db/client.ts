import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { getTableName, type SQL, sql } from 'drizzle-orm'
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres'
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator'
import { type AnyPgColumn, type PgDatabase, PgDialect, type PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import pg from 'pg'
import * as schema from './schema/index.ts'

// One type for both drivers: services never know which database they talk to.
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]
/** Either the database or an open transaction: what every query function takes. */
export type DbOrTx = Db | Tx

export type Database = {
  kind: 'pglite' | 'postgres'
  db: Db
  migrate(): Promise<void>
  /** True when the database answers and every migration in the repo has been applied. */
  ready(): Promise<boolean>
  close(): Promise<void>
}

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations')

export async function createPglite(dataDir?: string): Promise<PGlite> {
  return PGlite.create(dataDir, { extensions: { pg_trgm } })
}

export function pgliteDatabase(client: PGlite): Database {
  const db = drizzlePglite({ client, schema }) as unknown as Db
  return {
    kind: 'pglite',
    db,
    migrate: () => migratePglite(drizzlePglite({ client, schema }), { migrationsFolder }),
    ready: () => migrationsApplied(db),
    close: () => client.close(),
  }
}

export function postgresDatabase(url: string): Database {
  const pool = new pg.Pool({ connectionString: url, max: 10 })
  const nodeDb = drizzleNodePg({ client: pool, schema })
  const db = nodeDb as unknown as Db
  return {
    kind: 'postgres',
    db,
    migrate: () => migrateNodePg(nodeDb, { migrationsFolder }),
    ready: () => migrationsApplied(db),
    close: () => pool.end(),
  }
}

/**
 * The PGlite instance behind a Drizzle database, or null for a PostgreSQL pool (and for a
 * transaction, which has no client of its own): for the few places that work differently
 * on the embedded database (one connection, statements sent unnamed).
 */
export function pgliteOf(db: DbOrTx): PGlite | null {
  const client = (db as { $client?: unknown }).$client
  return client instanceof PGlite ? client : null
}

/** Raw SQL for the few places where it is clearer than the query builder. */
export async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  // Both drivers answer { rows }; the shared type just cannot say so.
  const res = (await db.execute(query)) as unknown as { rows: T[] }
  return res.rows
}

async function migrationsApplied(db: Db): Promise<boolean> {
  const { readFileSync } = await import('node:fs')
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as {
    entries: unknown[]
  }
  try {
    const rows = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    )
    return Number(rows[0]?.n) >= journal.entries.length
  } catch {
    return false
  }
}

/**
 * `"table"."column"`, for a correlated subquery in a select list: Drizzle writes columns
 * unqualified in a one-table select, and inside the subquery an unqualified name would
 * mean the subquery's own table when it has a column of that name.
 */
export const qualified = (column: AnyPgColumn) =>
  sql`${sql.identifier(getTableName(column.table))}.${sql.identifier(column.name)}`

const dialect = new PgDialect()

/**
 * A constant SQL fragment (no parameters) rendered to text once. Drizzle walks a
 * fragment's tree every time a query is built; for a list page's detail subqueries that
 * walk costs more per request than anything else the app does.
 */
export function rendered<T>(fragment: SQL<T>): SQL<T> {
  const { sql: text, params } = dialect.sqlToQuery(fragment)
  if (params.length) throw new Error('rendered() takes SQL without parameters')
  return sql<T>`${sql.raw(text)}`
}
