import { sql } from 'drizzle-orm'
import { queryRows } from '../../db/client.ts'
import type { Ctx } from '../../http/context.ts'
import { assertCan } from '../../http/permissions.ts'
import { mergeNotConverted } from './convert.ts'
import type { ForecastOutput, ForecastQuery } from './forecast.schema.ts'
import { type NotConverted, sumMoney } from './money.ts'
import { addDays, dayIn, monthEnd, startOfDay } from './period.ts'
import { ownerSql, pipelineSql, resolveScope, type Scope, ts } from './scope.ts'

// The forecast: for each month from the current one on, per owner, the open deals expected
// to close in it (amount, and amount × stage probability / 100), the deals won in it
// (closed_at, workspace time zone) and the owner's target. Open deals without an expected
// close date, or expected before this month, are not in it. One statement for the deals
// (deals_analytics_open_idx and deals_analytics_closed_idx, index-only), one for targets.

type Part = {
  k: 'open' | 'won'
  m: string
  owner: string | null
  name: string | null
  currency: string
  amount: number
  weighted: number | null
}

function forecastSql(s: Scope, firstDay: string, endDay: string) {
  const ws = s.workspaceId
  const tz = s.timeZone
  return sql`
    select f.k, f.m, f.owner, u.name, f.currency, f.amount, f.weighted
    from (
      select 'open' as k, o.m, o.owner_id as owner, o.currency, sum(o.amount)::float8 as amount,
        sum(o.amount * st.probability / 100.0)::float8 as weighted
      from (
        select to_char(expected_close_date, 'YYYY-MM') as m, stage_id, owner_id, currency, sum(amount_minor) as amount
        from deals
        where workspace_id = ${ws} and status = 'open' and deleted_at is null
          and expected_close_date >= ${firstDay}::date and expected_close_date < ${endDay}::date
          ${ownerSql(s, 'owner_id')} ${pipelineSql(s, 'pipeline_id')}
        group by 1, 2, 3, 4
      ) o
      join stages st on st.workspace_id = ${ws} and st.id = o.stage_id
      group by 1, 2, 3, 4
      union all
      select 'won', to_char(closed_at at time zone ${tz}::text, 'YYYY-MM'), owner_id, currency,
        sum(amount_minor)::float8, null
      from deals
      where workspace_id = ${ws} and status <> 'open' and deleted_at is null and status = 'won'
        and closed_at >= ${ts(startOfDay(tz, firstDay))} and closed_at < ${ts(startOfDay(tz, endDay))}
        ${ownerSql(s, 'owner_id')} ${pipelineSql(s, 'pipeline_id')}
      group by 1, 2, 3, 4
    ) f
    left join users u on u.id = f.owner`
}

export async function getForecast(ctx: Ctx, query: ForecastQuery, now = new Date()): Promise<ForecastOutput> {
  assertCan(ctx, 'read')
  const s = await resolveScope(ctx, { ownerId: query.ownerId, pipelineId: query.pipelineId }, now)
  const firstDay = `${dayIn(s.timeZone, now).slice(0, 7)}-01`
  const months: string[] = []
  for (let m = firstDay; months.length < query.months; m = addDays(monthEnd(m.slice(0, 7)), 1)) {
    months.push(m.slice(0, 7))
  }
  const endDay = addDays(monthEnd(months.at(-1)!), 1)
  const [parts, targets] = await Promise.all([
    queryRows<Part>(ctx.db, forecastSql(s, firstDay, endDay)),
    queryRows<{ m: string; owner: string; name: string | null; amount: number }>(
      ctx.db,
      sql`select to_char(t.month, 'YYYY-MM') as m, t.user_id as owner, u.name, t.amount_minor::float8 as amount
        from sales_targets t left join users u on u.id = t.user_id
        where t.workspace_id = ${s.workspaceId} and t.month >= ${firstDay}::date and t.month < ${endDay}::date
          ${ownerSql(s, 't.user_id')}`,
    ),
  ])
  const names = new Map<string | null, string | null>([
    ...parts.map((p) => [p.owner, p.name] as const),
    ...targets.map((t) => [t.owner, t.name] as const),
  ])
  const money = (rows: Part[], field: 'amount' | 'weighted') =>
    sumMoney(
      rows.map((r) => ({ currency: r.currency, amountMinor: Number(r[field] ?? 0) })),
      s.rates,
      s.currency,
    )
  return {
    currency: s.currency,
    months: months.map((month) => {
      const inMonth = parts.filter((p) => p.m === month)
      const owners = new Set<string | null>([
        ...inMonth.map((p) => p.owner),
        ...targets.filter((t) => t.m === month).map((t) => t.owner),
      ])
      const missing: NotConverted[] = []
      const list = [...owners].map((ownerId) => {
        const mine = inMonth.filter((p) => p.owner === ownerId)
        const open = money(
          mine.filter((p) => p.k === 'open'),
          'amount',
        )
        const weighted = money(
          mine.filter((p) => p.k === 'open'),
          'weighted',
        )
        const won = money(
          mine.filter((p) => p.k === 'won'),
          'amount',
        )
        missing.push(...open.notConverted, ...won.notConverted)
        const target = targets.find((t) => t.m === month && t.owner === ownerId)
        return {
          ownerId,
          ownerName: names.get(ownerId) ?? null,
          openValue: Math.round(open.amountMinor),
          weightedValue: Math.round(weighted.amountMinor),
          wonValue: Math.round(won.amountMinor),
          targetMinor: target ? Number(target.amount) : null,
        }
      })
      list.sort((a, b) =>
        a.ownerId === null
          ? 1
          : b.ownerId === null
            ? -1
            : (a.ownerName ?? '').localeCompare(b.ownerName ?? ''),
      )
      return { month, owners: list, notConverted: mergeNotConverted(missing) }
    }),
  }
}
