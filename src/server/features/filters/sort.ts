import { asc, desc, type SQL, sql } from 'drizzle-orm'
import type { PgColumn } from 'drizzle-orm/pg-core'
import { invalid } from '../../http/errors.ts'
import { isUuid } from '../workspaces/workspaces.queries.ts'
import type { FieldDef } from './fields.ts'

// Sorting a list by any sortable field, with keyset pagination on (value, id).
//
// Columns that are never null (updated_at, sort_name, amount …) page exactly as before:
// `order by col desc, id desc` and `col <= $v and (col, id) < ($v, $id)`, which the
// existing (workspace_id, col, id) indexes serve forwards or backwards. Nullable values
// (job title, a custom field) sort with NULLs last in both directions, and the cursor
// carries the null: after a null only nulls with a greater (or smaller) id follow.
//
// The cursor value is the sort value as text, read by the database in the same query:
// exact for numerics and dates, and a timestamp is written like Date.toISOString(), so
// cursors made before this code still work.

export type ListCursor = [string | null, string]

export type SortPlan = {
  field: FieldDef
  descending: boolean
  order: SQL[]
  /** The row's sort value as text (null when empty): the cursor's first half. */
  key: SQL<string | null>
  /** Rows after the cursor, in sort order. */
  after(cursor: ListCursor): SQL
}

const CAST: Partial<Record<string, string>> = {
  datetime: 'timestamptz',
  date: 'date',
  number: 'numeric',
  currency: 'bigint',
  boolean: 'boolean',
}

const TEXT_TYPES = ['text', 'longText', 'select', 'phone', 'email', 'url']

/** `name`, `-updatedAt`, `custom.budget`: the plan, or 400 naming `field` (default `sort`). */
export function planSort(
  fields: Map<string, FieldDef>,
  sort: string,
  id: PgColumn,
  field = 'sort',
): SortPlan {
  const descending = sort.startsWith('-')
  const key = descending ? sort.slice(1) : sort
  const f = fields.get(key)
  if (!f?.expr || !f.sortable) {
    throw invalid([
      {
        field,
        code: f ? 'not_sortable' : 'unknown_field',
        message: f ? `A list cannot be sorted by ${key}` : `No field "${key}" to sort by`,
      },
    ])
  }
  const expr = f.expr
  const dir = descending ? desc : asc
  const order = f.notNull
    ? [dir(expr), dir(id)]
    : [sql`${expr} ${sql.raw(descending ? 'desc' : 'asc')} nulls last`, dir(id)]

  const text: SQL<string | null> =
    f.type === 'datetime'
      ? sql`to_char(${expr} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
      : TEXT_TYPES.includes(f.type)
        ? sql`${expr}`
        : sql`(${expr})::text`

  const cast = CAST[f.type]
  const after = ([raw, lastId]: ListCursor): SQL => {
    const lt = sql.raw(descending ? '<' : '>')
    const le = sql.raw(descending ? '<=' : '>=')
    if (raw === null) return sql`(${expr} is null and ${id} ${lt} ${lastId}::uuid)`
    const v = cast ? sql`${raw}::${sql.raw(cast)}` : sql`${raw}`
    // The plain `col <= v` next to the row comparison keeps both planners on the index.
    const past = sql`${expr} ${le} ${v} and (${expr}, ${id}) ${lt} (${v}, ${lastId}::uuid)`
    return f.notNull ? past : sql`((${past}) or ${expr} is null)`
  }
  return { field: f, descending, order, key: text, after }
}

export function encodeListCursor(c: ListCursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url')
}

const VALID: Partial<Record<string, (s: string) => boolean>> = {
  datetime: (s) => !Number.isNaN(Date.parse(s)),
  date: (s) => /^\d{4}-\d{2}-\d{2}$/.test(s),
  number: (s) => /^-?\d+(\.\d+)?$/.test(s),
  currency: (s) => /^-?\d+$/.test(s),
  boolean: (s) => s === 'true' || s === 'false',
}

/** A cursor of this sort, or 400 `cursor`: a bad cursor must never reach a cast in SQL. */
export function decodeListCursor(raw: string, plan: SortPlan): ListCursor {
  try {
    const value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'))
    if (Array.isArray(value) && value.length === 2 && typeof value[1] === 'string' && isUuid(value[1])) {
      const [v, id] = value as [unknown, string]
      const check = VALID[plan.field.type]
      if (v === null && !plan.field.notNull) return [null, id]
      if (typeof v === 'string' && (!check || check(v))) return [v, id]
    }
  } catch {}
  throw invalid([{ field: 'cursor', code: 'invalid_cursor', message: 'Not a cursor from this list' }])
}

/** The cursor after a page, from the limit+1 rows a query fetched (null on the last page). */
export function nextCursor(rows: { id: string; sortKey: string | null }[], limit: number): ListCursor | null {
  const last = rows[limit - 1]
  return rows.length > limit && last ? [last.sortKey, last.id] : null
}
