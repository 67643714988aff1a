import { type SQL, sql } from 'drizzle-orm'
import type { Ctx } from '../../http/context.ts'
import { compileFilters } from '../filters/conditions.ts'
import { BUILT_IN, type FieldDef } from '../filters/fields.ts'
import type { ReportDefinition } from './reports.schema.ts'
import { type Compiled, KEY_FORMAT, MAX_GROUPS, orderBy } from './run.compile.ts'

// Activity counts by occurredAt (any bucket) and type, filtered on those two fields only,
// are answered from the per-day rollup activity_daily (features/analytics/activity-daily.ts)
// instead of the activities: a year is a few thousand cells, not a million rows.
//
// The answer is the same as the plain path's, row for row: a day of activity_daily is a
// day of occurred_at in the workspace zone, so
//   - a bucket key is date_trunc(bucket, day) — the plain path's bucket of the zoned
//     timestamp, formatted with the same KEY_FORMAT;
//   - a datetime filter compares whole days of that zone (filters/conditions.ts), which on
//     a date column is the list's `date` comparison: the filters compile through the same
//     compileFilters with occurredAt read as the `day` date and type as the rollup's type;
//   - count(*) is sum(n), ordered and cut at 500 the same way (orderBy, MAX_GROUPS + 1).
// Anything else (owner, assignee, createdBy, other fields, other measures) keeps the plain path.

const ROLLUP_FIELDS = new Set(['occurredAt', 'type'])

/** Whether the definition can be answered from activity_daily. */
export const rollupEligible = (def: ReportDefinition) =>
  def.object === 'activity' &&
  def.measure.fn === 'count' &&
  def.groupBy.every((g) => ROLLUP_FIELDS.has(g.field)) &&
  def.filters.every((f) => ROLLUP_FIELDS.has(f.field))

function rollupFields(): Map<string, FieldDef> {
  const out = new Map<string, FieldDef>()
  for (const f of BUILT_IN.activity) {
    if (f.key === 'occurredAt') out.set(f.key, { ...f, type: 'date', expr: sql`r.day` })
    if (f.key === 'type') out.set(f.key, { ...f, expr: sql`r.type` })
  }
  return out
}

/**
 * The report statement over activity_daily, with the columns the plain one answers
 * (key<i>, label<i>, value, main, nc, nc_amount), or null when not eligible. `compiled`
 * is the definition already checked by compileReport.
 */
export function rollupQuery(ctx: Ctx, def: ReportDefinition, compiled: Compiled): SQL | null {
  if (!rollupEligible(def)) return null
  const { dims } = compiled
  const filters = compileFilters(ctx, 'activity', def.filters, rollupFields(), 'definition.filters')
  const inner = dims.map((d, i) => {
    const k = sql.raw(`k${i}`)
    if (d.bucket) return sql`date_trunc(${d.bucket}::text, r.day::timestamp) as ${k}`
    // Like the plain path's select key: empty text groups with null.
    return sql`nullif(r.type, '') as ${k}`
  })
  const keys = dims.map((_, i) => sql.raw(`s.k${i}`))
  const where = sql.join([sql`r.workspace_id = ${ctx.workspace.id}::uuid`, ...filters], sql` and `)
  const aggregate = sql`select ${sql.join(
    [...keys.map((k, i) => sql`${k} as ${sql.raw(`k${i}`)}`), sql`coalesce(sum(s.n), 0)::float8 as value`],
    sql`, `,
  )}
    from (select ${sql.join([...inner, sql`r.n`], sql`, `)} from activity_daily r where ${where}) s
    ${keys.length ? sql`group by ${sql.join(keys, sql`, `)}` : sql``}
    order by ${orderBy(dims, '')}
    limit ${MAX_GROUPS + 1}`
  const outer = dims.flatMap((d, i) => {
    const k = sql.raw(`g.k${i}`)
    const key = d.bucket ? sql`to_char(${k}, ${sql.raw(`'${KEY_FORMAT[d.bucket]}'`)})` : sql`${k}::text`
    return [sql`${key} as ${sql.raw(`key${i}`)}`, sql`null::text as ${sql.raw(`label${i}`)}`]
  })
  return sql`select ${sql.join(
    [...outer, sql`g.value, true as main, null::text as nc, null::float8 as nc_amount`],
    sql`, `,
  )}
    from (${aggregate}) g
    order by ${orderBy(dims, 'g.')}`
}
