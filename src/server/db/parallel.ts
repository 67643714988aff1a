import { PgTransaction } from 'drizzle-orm/pg-core'
import type { DbOrTx } from './client.ts'

/**
 * Runs independent queries side by side on the pool, but one after another inside a
 * transaction: a transaction owns a single connection, and overlapping queries on one
 * `pg` client are deprecated (pg 9 refuses them). Pass functions, not started promises.
 */
export async function allQueries<T extends unknown[]>(
  db: DbOrTx,
  queries: [...{ [K in keyof T]: () => Promise<T[K]> }],
): Promise<T> {
  if (!(db instanceof PgTransaction)) return Promise.all(queries.map((q) => q())) as Promise<T>
  const results: unknown[] = []
  for (const q of queries) results.push(await q())
  return results as T
}
