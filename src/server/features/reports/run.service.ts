import { type SQL, sql } from 'drizzle-orm'
import { queryRows } from '../../db/client.ts'
import type { Ctx } from '../../http/context.ts'
import { assertCan } from '../../http/permissions.ts'
import type { Dataset, DatasetRow } from '../analytics/dataset.schema.ts'
import { loadRates, type NotConverted } from '../analytics/money.ts'
import { currencyDigits } from '../export/export.service.ts'
import { TABLES } from '../filters/fields.ts'
import type { FilterCondition } from '../filters/filter.schema.ts'
import { CURRENCIES } from '../workspaces/regions.ts'
import type { ReportBucket, ReportDefinition } from './reports.schema.ts'
import {
  type Compiled,
  compileReport,
  type Dim,
  KEY_FORMAT,
  labelJoin,
  MAX_GROUPS,
  orderBy,
} from './run.compile.ts'
import { rollupQuery } from './run.rollup.ts'

// Running a report: ONE aggregate statement over the object's table.
//
//   select <formatted keys>, <labels>, value … from (
//     select k0, k1, <aggregate> as value … from (
//       select <key exprs> as k0, k1, <measured value> from <table> [laterals] [rates]
//       where <the list's WHERE for these filters>
//     ) s group by k0, k1 order by … limit 501
//   ) g left join <stage / user / company names> …
//
// The innermost select only names columns, so PostgreSQL flattens it: the WHERE is the
// list's, with its indexes. Grouping on the plain columns k0/k1 (not on expressions with
// parameters) keeps GROUP BY valid on both drivers.
//
// Money is never added across currencies as is. As the dashboard does, the rows are
// first summed per currency (with the group keys: a plain integer aggregate, the only
// pass over the rows); then each currency's figure is converted to the workspace currency
// in SQL, by joining a VALUES list of the rates loadRates returns (as factors: rate ×
// 10^(base digits − currency digits), what toBase applies), and the groups are formed
// from those few partial rows. Converting in SQL rather than in JS is what lets the
// database order groups by value and cut at 500 ("largest kept"); avg is Σ converted sums
// / Σ counts, and min/max convert each currency's min/max (a positive factor keeps the
// order). Currencies without a rate add nothing to any value: a grouping set by that
// currency, in the same statement, sums them for `notConverted`.

const MAX_CURRENCY_ROWS = CURRENCIES.length + 2

type Row = {
  main: boolean
  value: number | string | null
  nc: string | null
  nc_amount: number | string | null
} & Record<string, string | number | boolean | null>

async function rateFactors(ctx: Ctx): Promise<{ currency: string; factor: number }[]> {
  const base = ctx.workspace.currency
  const rates = await loadRates(ctx.db, ctx.workspace.id, base)
  return [...rates].map(([currency, rate]) => ({
    currency,
    factor: rate * 10 ** (currencyDigits(base) - currencyDigits(currency)),
  }))
}

async function buildQuery(ctx: Ctx, object: ReportDefinition['object'], c: Compiled): Promise<SQL> {
  const { dims, measure } = c
  const table = TABLES[object]
  const inner: SQL[] = dims.map((d, i) => sql`${d.key} as ${sql.raw(`k${i}`)}`)
  const joins: SQL[] = dims.flatMap((d) => (d.lateral ? [d.lateral] : []))
  const keys = dims.map((_, i) => sql.raw(`s.k${i}`))
  let agg: SQL
  let extra = sql`true as main, null::text as nc, null::float8 as nc_amount`
  let groupBy = keys.length ? sql`group by ${sql.join(keys, sql`, `)}` : sql``
  let money = false
  let limit = MAX_GROUPS + 1
  let from: SQL | undefined
  // The rows: only named columns, so PostgreSQL flattens it into the aggregate.
  const source = (cols: SQL[], joined: SQL[]) =>
    sql`(select ${sql.join(cols.length ? cols : [sql`1 as one`], sql`, `)} from ${table} ${sql.join(joined, sql` `)} where ${c.where}) s`

  if (measure.kind === 'count') {
    agg = sql`count(*)::float8`
  } else if (measure.kind === 'number') {
    inner.push(sql`${measure.expr} as mv`)
    agg = sql`${sql.raw(measure.fn)}(s.mv)::float8`
  } else {
    // Per group and currency first: a plain aggregate of integers over the rows. Then each
    // currency's figure is converted (a positive factor keeps min and max the largest and
    // smallest) and, over those few partial rows, the groups plus a grouping set per
    // currency without a rate give the values and `notConverted`.
    inner.push(sql`${measure.amount} as amt`, sql`${measure.currency} as cur`)
    const fn = measure.fn === 'avg' ? 'sum' : measure.fn
    const partial = sql`select ${sql.join(
      [
        ...keys.map((k, i) => sql`${k} as ${sql.raw(`k${i}`)}`),
        sql`s.cur, ${sql.raw(fn)}(s.amt) as v, count(s.amt) as c, sum(s.amt) as total`,
      ],
      sql`, `,
    )} from ${source(inner, joins)} group by ${sql.join([...keys, sql`s.cur`], sql`, `)}`
    const values = (await rateFactors(ctx)).map((r) => sql`(${r.currency}::text, ${r.factor}::float8)`)
    const converted = sql`select ${sql.join(
      [
        ...keys.map((_, i) => sql`${sql.raw(`p.k${i}`)} as ${sql.raw(`k${i}`)}`),
        sql`p.v::float8 * rt.f as v, case when rt.f is not null then p.c::float8 end as c`,
        sql`case when rt.f is null and p.c > 0 then p.cur end as nc, case when rt.f is null then p.total end as a`,
      ],
      sql`, `,
    )} from (${partial}) p left join (values ${sql.join(values, sql`, `)}) as rt(cur, f) on rt.cur = p.cur`
    const combined = {
      sum: sql`sum(s.v)`,
      avg: sql`sum(s.v) / nullif(sum(s.c), 0)`,
      min: sql`min(s.v)`,
      max: sql`max(s.v)`,
    }[measure.fn]
    from = sql`(${converted}) s`
    agg = sql`round(${combined})::float8`
    extra = sql`grouping(s.nc) = 1 as main, s.nc, sum(s.a)::float8 as nc_amount`
    groupBy = sql`group by grouping sets ((${sql.join(keys, sql`, `)}), (s.nc))`
    // Currency rows (main = false) first, so the limit never cuts them.
    money = true
    limit += MAX_CURRENCY_ROWS
  }

  const aggregate = sql`select ${sql.join(
    [...keys.map((k, i) => sql`${k} as ${sql.raw(`k${i}`)}`), sql`${agg} as value`, extra],
    sql`, `,
  )}
    from ${from ?? source(inner, joins)}
    ${groupBy}
    order by ${money ? sql`main asc, ` : sql``}${orderBy(dims, '')}
    limit ${limit}`

  const labels = dims.map((d, i) => labelJoin(ctx, d, i))
  const outer = dims.flatMap((d, i) => {
    const k = sql.raw(`g.k${i}`)
    const key = d.bucket ? sql`to_char(${k}, ${sql.raw(`'${KEY_FORMAT[d.bucket]}'`)})` : sql`${k}::text`
    return [
      sql`${key} as ${sql.raw(`key${i}`)}`,
      sql`${labels[i]?.label ?? sql`null::text`} as ${sql.raw(`label${i}`)}`,
    ]
  })
  return sql`select ${sql.join([...outer, sql`g.value, g.main, g.nc, g.nc_amount`], sql`, `)}
    from (${aggregate}) g ${sql.join(
      labels.flatMap((l) => (l ? [l.join] : [])),
      sql` `,
    )}
    order by ${money ? sql`g.main asc, ` : sql``}${orderBy(dims, 'g.')}`
}

// ---- drill: the list filters that open a group's records --------------------------------

const pad = (n: number) => String(n).padStart(2, '0')
const iso = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`

/** The first and last day of a bucket from its key (see KEY_FORMAT). */
export function bucketDays(bucket: ReportBucket, key: string): [string, string] {
  const y = Number(key.slice(0, 4))
  const span = (from: Date, months: number): [string, string] => [
    iso(from),
    iso(new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + months, 0))),
  ]
  switch (bucket) {
    case 'day':
      return [key, key]
    case 'week': {
      const from = new Date(`${key}T00:00:00Z`)
      return [key, iso(new Date(from.getTime() + 6 * 86_400_000))]
    }
    case 'month':
      return span(new Date(Date.UTC(y, Number(key.slice(5, 7)) - 1, 1)), 1)
    case 'quarter':
      return span(new Date(Date.UTC(y, (Number(key.slice(6)) - 1) * 3, 1)), 3)
    case 'year':
      return [`${y}-01-01`, `${y}-12-31`]
  }
}

function drillCondition(d: Dim, key: string | null): FilterCondition {
  const field = d.field.key
  if (key === null) return { field, op: 'empty' }
  if (d.bucket) return { field, op: 'between', value: bucketDays(d.bucket, key) }
  if (d.field.type === 'tags' || d.field.type === 'multiSelect') return { field, op: 'in', value: [key] }
  if (d.field.type === 'boolean') return { field, op: 'eq', value: key === 'true' }
  return { field, op: 'eq', value: key }
}

// ---- running ---------------------------------------------------------------------------------

/** `POST /reports/run` and a saved report's result: the Dataset of a definition. */
export async function runReport(ctx: Ctx, def: ReportDefinition): Promise<Dataset> {
  assertCan(ctx, 'read')
  const compiled = await compileReport(ctx, def)
  // Activity counts by day/week/month and type read the per-day rollup (run.rollup.ts).
  const query = rollupQuery(ctx, def, compiled) ?? (await buildQuery(ctx, def.object, compiled))
  const rows = await ctx.db.transaction(async (tx) => {
    // For this statement only. The planner cannot estimate how many groups a bucketed
    // date makes (it assumes one per distinct timestamp, i.e. per row), so it would sort
    // a million rows to group them where a hash table of a few hundred groups does; and
    // JIT-compiling the aggregate costs more (≈130 ms) than it saves at this size.
    await tx.execute(sql`select set_config('enable_sort', 'off', true), set_config('jit', 'off', true)`)
    return queryRows<Row>(tx, query)
  })
  const { dims, measure } = compiled

  const notConverted: NotConverted[] = []
  const out: DatasetRow[] = []
  let groups = 0
  for (const r of rows) {
    const main = r.main === true || String(r.main) === 'true'
    if (!main) {
      if (r.nc !== null && r.nc_amount !== null)
        notConverted.push({ currency: r.nc, amountMinor: Number(r.nc_amount) })
      continue
    }
    groups++
    if (out.length >= MAX_GROUPS) continue
    const keys = dims.map((_, i) => (r[`key${i}`] ?? null) as string | null)
    const conds = dims.map((d, i) => drillCondition(d, keys[i] ?? null))
    const filters = [...def.filters, ...conds]
    out.push({
      keys,
      labels: dims.map((_, i) => (r[`label${i}`] ?? null) as string | null),
      value: r.value === null ? null : Number(r.value),
      // The list filter model holds 20 conditions at most.
      drill: filters.length <= 20 ? { object: def.object, filters } : null,
    })
  }
  notConverted.sort((a, b) => a.currency.localeCompare(b.currency))
  return {
    unit: measure.kind === 'count' ? 'count' : measure.kind === 'money' ? 'money' : 'number',
    currency: measure.kind === 'money' ? ctx.workspace.currency : null,
    dimensions: dims.map((d) => ({ key: d.field.key, bucket: d.bucket })),
    rows: out,
    notConverted,
    truncated: groups > MAX_GROUPS,
  }
}
