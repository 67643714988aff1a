import { getTableColumns, type SQL, sql } from 'drizzle-orm'
import type { PgTable } from 'drizzle-orm/pg-core'
import { type DbOrTx, qualified, queryRows, rendered } from '../../db/client.ts'
import type { ListPlan } from './list-where.ts'
import { nextCursor } from './sort.ts'

// One page of a list in one statement: the record's columns, its details (names,
// phones … as correlated subqueries, see the *.queries.ts files) and its sort key.
//
// The select list never changes, so it is rendered to SQL text once, here; only the
// filters, the order and the cursor are built per request. Drizzle's query builder
// walked the ~20 columns and the detail subqueries on every request and then mapped
// each row field by field: in a profile of the people list that was a third of the
// app's own time per request. Rows are decoded column by column exactly as drizzle
// decodes them (timestamps to Date and so on), so a page row equals a record read.

/**
 * The page reader of a list: `omit` leaves out columns a list never shows (the long
 * search_text), so they are neither sent nor decoded.
 */
export function listPage<T extends PgTable, D, K extends keyof T['$inferSelect'] = never>(
  table: T,
  details: SQL<D>,
  omit: K[] = [],
) {
  type Row = Omit<T['$inferSelect'], K>
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => !omit.includes(key as K))
  const select = rendered(
    sql.join(
      [
        ...columns.map(([key, c]) => sql`${qualified(c)} as ${sql.identifier(key)}`),
        sql`${details} as "details"`,
      ],
      sql`, `,
    ),
  )
  const from = rendered(sql`${table}`)

  return async function selectPage(db: DbOrTx, plan: ListPlan, limit: number) {
    const raw = await queryRows<Record<string, unknown> & { id: string; sortKey: string | null }>(
      db,
      sql`select ${select}, ${plan.key} as "sortKey" from ${from} where ${plan.where}
        order by ${sql.join(plan.order, sql`, `)} limit ${limit + 1}`,
    )
    const items = raw.slice(0, limit).map((r) => {
      const row: Record<string, unknown> = {}
      for (const [key, c] of columns) row[key] = r[key] === null ? null : c.mapFromDriverValue(r[key])
      return { row: row as Row, details: r.details as D }
    })
    return { items, next: nextCursor(raw, limit) }
  }
}
