import { and, eq, isNull, type SQL, sql } from 'drizzle-orm'
import { companies, deals, people, pipelines, stages, tags, users } from '../../db/schema/index.ts'
import type { Ctx } from '../../http/context.ts'
import { AppError, type FieldError, invalid } from '../../http/errors.ts'
import { compileFilters } from '../filters/conditions.ts'
import { catalogFor, type FieldDef, TABLES } from '../filters/fields.ts'
import type { FieldRef, FieldType } from '../filters/filter.schema.ts'
import type { ReportBucket, ReportDefinition } from './reports.schema.ts'

// A report definition checked against the object's field catalog and turned into SQL
// pieces: the WHERE (the same conditions a list with these filters uses), one key
// expression per group-by dimension and the measured expression. run.service.ts puts
// them into one aggregate statement.

export const DATE_TYPES: readonly FieldType[] = ['date', 'datetime']
const GROUP_TYPES: readonly FieldType[] = [
  'date',
  'datetime',
  'boolean',
  'select',
  'multiSelect',
  'ref',
  'user',
  'tags',
  'text',
]
export const MEASURE_TYPES: readonly FieldType[] = ['number', 'currency']

/** Whether a catalog field can be a report dimension (lowercased sort keys and contacts cannot). */
export const groupable = (f: FieldDef) => GROUP_TYPES.includes(f.type) && !f.lowered && !f.contacts

export type Dim = {
  field: FieldDef
  bucket: ReportBucket | null
  /** The raw group key, read in the inner query (a timestamp for date buckets). */
  key: SQL
  /** A lateral join producing one row per value (tags, multiSelect), aliased d<i>(v). */
  lateral?: SQL
}

export type Measure =
  | { kind: 'count' }
  | { kind: 'number'; fn: 'sum' | 'avg' | 'min' | 'max'; expr: SQL }
  | { kind: 'money'; fn: 'sum' | 'avg' | 'min' | 'max'; amount: SQL; currency: SQL }

export type Compiled = { where: SQL; dims: Dim[]; measure: Measure }

// Bucketing a zoned timestamp with date_trunc(… at time zone …) costs a time zone
// conversion per row (3× the whole aggregate on a million rows). Instead each row finds
// its bucket by binary search (width_bucket) over the buckets' first instants, computed
// once per statement (InitPlans) for 2000–2060 in the workspace zone; rows outside that
// span fall back to date_trunc. Both give the same local bucket start.
const FAST_FROM = Date.UTC(2000, 0, 1)
const FAST_TO = Date.UTC(2060, 0, 1)
const STEP: Record<ReportBucket, string> = {
  day: '1 day',
  week: '7 days',
  month: '1 month',
  quarter: '3 months',
  year: '1 year',
}
const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10)

const DAY = 86_400_000

/** The first and last bucket start of the fast span (weeks: Mondays), and how many starts. */
function fastSpan(bucket: ReportBucket): [string, string, number] {
  const years = new Date(FAST_TO).getUTCFullYear() - new Date(FAST_FROM).getUTCFullYear()
  if (bucket === 'day') return [ymd(FAST_FROM), ymd(FAST_TO), (FAST_TO - FAST_FROM) / DAY + 1]
  if (bucket === 'month') return [ymd(FAST_FROM), ymd(FAST_TO), years * 12 + 1]
  if (bucket === 'quarter') return [ymd(FAST_FROM), ymd(FAST_TO), years * 4 + 1]
  if (bucket === 'year') return [ymd(FAST_FROM), ymd(FAST_TO), years + 1]
  const first = FAST_FROM + ((8 - new Date(FAST_FROM).getUTCDay()) % 7) * DAY
  const weeks = Math.floor((FAST_TO - first) / (7 * DAY))
  return [ymd(first), ymd(first + weeks * 7 * DAY), weeks + 1]
}

function dateKey(ctx: Ctx, f: FieldDef, bucket: ReportBucket): SQL {
  // Weeks are ISO weeks (Monday first), as PostgreSQL truncates them.
  if (f.type === 'date') return sql`date_trunc(${bucket}::text, (${f.expr})::timestamp)`
  const tz = ctx.workspace.timeZone
  const [first, last, n] = fastSpan(bucket)
  const series = sql`generate_series(${first}::timestamp, ${last}::timestamp, ${STEP[bucket]}::interval) as b`
  const starts = sql`(select array_agg(b order by b) from ${series})`
  const bounds = sql`(select array_agg(b at time zone ${tz}::text order by b) from ${series})`
  const slow = sql`date_trunc(${bucket}::text, ${f.expr} at time zone ${tz}::text)`
  // Slot 0 (before the span) is out of the array and slot n (from its last start on) is
  // nulled: both read null and take the fallback.
  return sql`coalesce(${starts}[nullif(width_bucket(${f.expr}, ${bounds}), ${n}::int)], ${slow})`
}

function dimFor(ctx: Ctx, f: FieldDef, bucket: ReportBucket | null, i: number): Dim {
  const alias = sql.raw(`d${i}`)
  if (bucket) return { field: f, bucket, key: dateKey(ctx, f, bucket) }
  if (f.type === 'multiSelect') {
    const e = f.expr!
    return {
      field: f,
      bucket: null,
      key: sql`${alias}.v`,
      lateral: sql`left join lateral jsonb_array_elements_text(case when jsonb_typeof(${e}) = 'array' then ${e} else '[]'::jsonb end) as ${alias}(v) on true`,
    }
  }
  // Empty text is no value: it groups with null, as the `empty` filter reads it.
  if (f.type === 'text' || f.type === 'select')
    return { field: f, bucket: null, key: sql`nullif(${f.expr}, '')` }
  return { field: f, bucket: null, key: f.expr! }
}

/** The currency of a money field: deals.currency for the amount, the stored one for custom fields. */
function currencyOf(object: ReportDefinition['object'], f: FieldDef): SQL | null {
  if (f.customKey) {
    const t = TABLES[object]
    if (!('custom' in t)) return null
    return sql`((${t.custom} -> ${f.customKey}::text) ->> 'currency')`
  }
  if (object === 'deal' && f.key === 'amount') return sql`${deals.currency}`
  return null
}

/** Checks the definition (400 naming `definition.…`) and compiles it. */
export async function compileReport(ctx: Ctx, def: ReportDefinition): Promise<Compiled> {
  const keys = [
    ...def.filters.map((c) => c.field),
    ...def.groupBy.map((g) => g.field),
    ...(def.measure.field ? [def.measure.field] : []),
  ]
  const fields = await catalogFor(ctx, def.object, keys)
  const errors: FieldError[] = []
  const t = TABLES[def.object]

  let filterSql: SQL[] = []
  try {
    filterSql = compileFilters(ctx, def.object, def.filters, fields, 'definition.filters')
  } catch (e) {
    if (!(e instanceof AppError)) throw e
    errors.push(...e.errors)
  }

  const dims: Dim[] = []
  def.groupBy.forEach((g, i) => {
    const path = `definition.groupBy.${i}`
    const f = fields.get(g.field)
    if (!f) {
      errors.push({ field: `${path}.field`, code: 'unknown_field', message: `No field "${g.field}" here` })
      return
    }
    if (!groupable(f)) {
      errors.push({ field: `${path}.field`, code: 'not_groupable', message: `${g.field} cannot be grouped` })
      return
    }
    const isDate = DATE_TYPES.includes(f.type)
    if (g.bucket && !isDate) {
      errors.push({
        field: `${path}.bucket`,
        code: 'not_a_date',
        message: `Only date fields have buckets; ${g.field} is ${f.type}`,
      })
      return
    }
    const alias = sql.raw(`d${i}`)
    if (f.type === 'tags') {
      if (!('tagIds' in t)) return
      dims.push({
        field: f,
        bucket: null,
        key: sql`${alias}.v`,
        lateral: sql`left join lateral unnest(${t.tagIds}) as ${alias}(v) on true`,
      })
      return
    }
    dims.push(dimFor(ctx, f, isDate ? (g.bucket ?? 'month') : null, i))
  })

  let measure: Measure = { kind: 'count' }
  const m = def.measure
  if (m.fn !== 'count') {
    const path = 'definition.measure.field'
    const f = m.field ? fields.get(m.field) : undefined
    if (!m.field)
      errors.push({ field: path, code: 'required', message: `${m.fn} needs a number or currency field` })
    else if (!f) errors.push({ field: path, code: 'unknown_field', message: `No field "${m.field}" here` })
    else if (!MEASURE_TYPES.includes(f.type) || !f.expr)
      errors.push({ field: path, code: 'not_measurable', message: `${m.field} is ${f.type}, not a number` })
    else if (f.type === 'currency') {
      const currency = currencyOf(def.object, f)
      if (!currency)
        errors.push({ field: path, code: 'not_measurable', message: `${m.field} has no currency` })
      else measure = { kind: 'money', fn: m.fn, amount: f.expr, currency }
    } else measure = { kind: 'number', fn: m.fn, expr: f.expr }
  }

  if (errors.length) throw invalid(errors)
  const where = and(eq(t.workspaceId, ctx.workspace.id), isNull(t.deletedAt), ...filterSql)!
  return { where, dims, measure }
}

// ---- output order and key format (shared by run.service.ts and run.rollup.ts) ------------

/** A report shows at most this many groups (and says `truncated` beyond). */
export const MAX_GROUPS = 500

/** Group keys as the Dataset shows them; a bucket is keyed by its first day. */
export const KEY_FORMAT: Record<ReportBucket, string> = {
  day: 'YYYY-MM-DD',
  week: 'YYYY-MM-DD', // the Monday that starts it
  month: 'YYYY-MM',
  quarter: 'YYYY-"Q"Q',
  year: 'YYYY',
}

/** Date buckets ascending, then the larger value first, then the other keys ascending. */
export function orderBy(dims: Dim[], p: string): SQL {
  const parts: string[] = []
  dims.forEach((d, i) => {
    if (d.bucket) parts.push(`${p}k${i} asc nulls last`)
  })
  parts.push(`${p}value desc nulls last`)
  dims.forEach((d, i) => {
    if (!d.bucket) parts.push(`${p}k${i} asc nulls last`)
  })
  return sql.raw(parts.join(', '))
}

// ---- labels ----------------------------------------------------------------------------

const named = (table: SQL, scoped = true) => ({ table, scoped, name: (l: string) => sql.raw(`${l}.name`) })
const LABEL_TABLES: Partial<Record<FieldRef, { table: SQL; scoped: boolean; name: (l: string) => SQL }>> = {
  stage: named(sql`${stages}`),
  pipeline: named(sql`${pipelines}`),
  company: named(sql`${companies}`),
  tag: named(sql`${tags}`),
  user: named(sql`${users}`, false),
  deal: { table: sql`${deals}`, scoped: true, name: (l) => sql.raw(`${l}.title`) },
  person: {
    table: sql`${people}`,
    scoped: true,
    name: (l) => sql.raw(`trim(${l}.first_name || ' ' || ${l}.last_name)`),
  },
}

/** A left join resolving dimension `i`'s ids to names (stage, user, company …), or null. */
export function labelJoin(ctx: Ctx, d: Dim, i: number): { join: SQL; label: SQL } | null {
  const spec = d.field.ref ? LABEL_TABLES[d.field.ref] : undefined
  if (!spec || d.bucket) return null
  const l = sql.raw(`l${i}`)
  const scope = spec.scoped ? sql`${l}.workspace_id = ${ctx.workspace.id} and ` : sql``
  return {
    join: sql`left join ${spec.table} as ${l} on ${scope}${l}.id = ${sql.raw(`g.k${i}`)}`,
    label: spec.name(`l${i}`),
  }
}
