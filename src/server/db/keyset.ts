import { asc, desc, type SQL, sql } from 'drizzle-orm'
import type { PgColumn } from 'drizzle-orm/pg-core'
import type { Cursor } from '../http/cursor.ts'

// Keyset pagination for any list: order by (column, id), and continue after the cursor's
// (value, id). The extra `column <= value` (or >=) keeps both planners on the index.
export type SortSpec = { column: PgColumn; id: PgColumn; descending: boolean; isDate: boolean }

export function keysetWhere(s: SortSpec, after: Cursor | null): SQL | undefined {
  if (!after) return undefined
  const [raw, id] = after
  const value = s.isDate ? sql`${raw}::timestamptz` : sql`${raw}`
  return s.descending
    ? sql`${s.column} <= ${value} and (${s.column}, ${s.id}) < (${value}, ${id}::uuid)`
    : sql`${s.column} >= ${value} and (${s.column}, ${s.id}) > (${value}, ${id}::uuid)`
}

export function keysetOrder(s: SortSpec) {
  return s.descending ? [desc(s.column), desc(s.id)] : [asc(s.column), asc(s.id)]
}

/** Splits the limit+1 rows a query fetched into the page and the cursor after it. */
export function keysetPage<T>(rows: T[], limit: number, key: (row: T) => Cursor) {
  const page = rows.slice(0, limit)
  const last = page[page.length - 1]
  return { rows: page, next: rows.length > limit && last ? key(last) : null }
}
