import { sql } from 'drizzle-orm'
import { queryRows } from '../../db/client.ts'
import { allQueries } from '../../db/parallel.ts'
import type { Ctx } from '../../http/context.ts'
import { assertCan } from '../../http/permissions.ts'
import { mergeNotConverted } from './convert.ts'
import type { DashboardQuery, Kpi, KpisOutput } from './dashboard.schema.ts'
import { hasRate, type NotConverted, sumMoney } from './money.ts'
import {
  between,
  dealDrill,
  eq,
  ownerFilter,
  ownerSql,
  personDrill,
  pipelineSql,
  resolveScope,
  type Scope,
  ts,
} from './scope.ts'

// The dashboard KPIs. Definitions (period = whole days `from`..`to` of the workspace time
// zone; "previous" = the same number of days right before `from`):
//   newPeople          people created in the period, not deleted
//   newDeals           deals created in the period, not deleted
//   dealsWonCount      deals with status won and closed_at in the period
//   dealsWonValue      their amounts, converted to the workspace currency
//   winRate            won / (won + lost) closed in the period, 0–1; null when none closed
//   avgDealSize        won value / won count, over the won deals whose currency converts
//   avgSalesCycleDays  average days closed_at − created_at of the won deals (1 decimal)
//   openPipelineValue  open deals now, converted (no previous)
//   weightedForecast   Σ open amount × stage probability / 100, converted (no previous)
//   overdueTasks       open tasks (type task, done_at null) with due_at < now (no previous)
// Owner filter: deals.owner_id, people.owner_id, tasks' assignee_id. The pipeline filter
// applies to deal figures only. Money is summed per currency in SQL and converted here
// (money.ts); sums without a rate are listed in `notConverted`, never added raw.
//
// Two statements (the period's figures, the "now" figures) run side by side.
//
// Which index serves which widget (db/schema/*.ts, migration 0008), each read index-only
// (partial indexes: live rows only; the covered columns are trailing keys):
//   people_analytics_created_idx       newPeople (both periods in one range), lead sources
//   people_analytics_city_idx          cities (a walk in city order, grouped without a sort)
//   deals_analytics_created_idx        newDeals
//   deals_analytics_closed_idx         won count/value, win rate, deal size, sales cycle,
//                                      won by month, forecast "won"
//   deals_analytics_open_idx           open pipeline, weighted forecast, funnel (pipeline
//                                      prefix), deals by owner, forecast "open"
//   activity_daily (a maintained rollup) activities chart, activity count reports by day/type
//   activities_open_tasks_idx          overdueTasks (it was there for "my tasks")
// Indexes rather than rollup tables where they suffice: figures are exact the moment a
// record changes and no write path (services, imports, bulk jobs, offline replays) has a
// rollup to keep in step; at 1M people / 300k deals a period reads ~30k–180k small index
// entries. Activities are the exception: 3M rows, ~1M a year, too many to count per
// request, so activity_daily (activity-daily.ts) is kept in step by the activities service,
// with one writer path (create / update / delete / restore) and a rebuild for seeding and
// time zone changes.

type Part = {
  k: 'people' | 'created' | 'won' | 'lost' | 'open' | 'overdue'
  cur: boolean | null
  currency: string | null
  n: number
  amount: number | null
  extra: number | null
}

/** Figures of the period and the previous one: one range scan per index covering both. */
function periodSql(s: Scope) {
  const { current: c, previous: p } = s
  const ws = s.workspaceId
  return sql`
    select 'people' as k, (created_at >= ${ts(c.start)}) as cur, null::text as currency, count(*)::int as n,
      null::float8 as amount, null::float8 as extra
    from people
    where workspace_id = ${ws} and deleted_at is null
      and created_at >= ${ts(p.start)} and created_at < ${ts(c.end)} ${ownerSql(s, 'owner_id')}
    group by 2
    union all
    select 'created', (created_at >= ${ts(c.start)}), null, count(*)::int, null, null
    from deals
    where workspace_id = ${ws} and deleted_at is null
      and created_at >= ${ts(p.start)} and created_at < ${ts(c.end)} ${ownerSql(s, 'owner_id')} ${pipelineSql(s, 'pipeline_id')}
    group by 2
    union all
    select status, (closed_at >= ${ts(c.start)}), currency, count(*)::int, sum(amount_minor)::float8,
      sum(extract(epoch from closed_at - created_at))::float8 / 86400
    from deals
    where workspace_id = ${ws} and status <> 'open' and deleted_at is null
      and closed_at >= ${ts(p.start)} and closed_at < ${ts(c.end)} ${ownerSql(s, 'owner_id')} ${pipelineSql(s, 'pipeline_id')}
    group by 1, 2, 3`
}

/** "Now" figures: open deals (per stage for the probability) and overdue tasks. */
function nowSql(s: Scope) {
  const ws = s.workspaceId
  return sql`
    select 'open' as k, null::boolean as cur, o.currency, sum(o.n)::int as n, sum(o.amount)::float8 as amount,
      sum(o.amount * st.probability / 100.0)::float8 as extra
    from (
      select stage_id, currency, count(*) as n, sum(amount_minor) as amount
      from deals
      where workspace_id = ${ws} and status = 'open' and deleted_at is null ${ownerSql(s, 'owner_id')} ${pipelineSql(s, 'pipeline_id')}
      group by 1, 2
    ) o
    join stages st on st.workspace_id = ${ws} and st.id = o.stage_id
    group by 3
    union all
    select 'overdue', null, null::text, count(*)::int, null::float8, null::float8
    from activities
    where workspace_id = ${ws} and type = 'task' and done_at is null and deleted_at is null
      and due_at < ${ts(s.now)} ${ownerSql(s, 'assignee_id')}`
}

export async function getKpis(ctx: Ctx, query: DashboardQuery, now = new Date()): Promise<KpisOutput> {
  assertCan(ctx, 'read')
  const s = await resolveScope(ctx, query, now)
  // Two statements side by side on the pool (one after the other on PGlite).
  const [period, current] = await allQueries(ctx.db, [
    () => queryRows<Part>(ctx.db, periodSql(s)),
    () => queryRows<Part>(ctx.db, nowSql(s)),
  ])
  const parts = [...period, ...current]
  return {
    from: s.current.from,
    to: s.current.to,
    previousFrom: s.previous.from,
    previousTo: s.previous.to,
    currency: s.currency,
    kpis: buildKpis(s, parts),
  }
}

function buildKpis(s: Scope, parts: Part[]): Kpi[] {
  const pick = (k: Part['k'], cur: boolean | null) => parts.filter((r) => r.k === k && r.cur === cur)
  const count = (rows: Part[]) => rows.reduce((n, r) => n + Number(r.n), 0)
  const money = (rows: Part[], field: 'amount' | 'extra' = 'amount') => {
    const sum = sumMoney(
      rows.map((r) => ({ currency: r.currency ?? s.currency, amountMinor: Number(r[field] ?? 0) })),
      s.rates,
      s.currency,
    )
    return { amountMinor: Math.round(sum.amountMinor), notConverted: mergeNotConverted(sum.notConverted) }
  }
  const won = (cur: boolean) => pick('won', cur)
  const winRate = (cur: boolean) => {
    const w = count(won(cur))
    const closed = w + count(pick('lost', cur))
    return closed ? w / closed : null
  }
  const avgSize = (cur: boolean) => {
    const convertible = won(cur).filter((r) => hasRate(r.currency ?? '', s.rates, s.currency))
    const n = count(convertible)
    return n ? Math.round(money(convertible).amountMinor / n) : null
  }
  const cycle = (cur: boolean) => {
    const rows = won(cur)
    const n = count(rows)
    return n ? Math.round((rows.reduce((d, r) => d + Number(r.extra ?? 0), 0) / n) * 10) / 10 : null
  }
  const wonNow = money(won(true))
  const open = money(pick('open', null))
  const weighted = money(pick('open', null), 'extra')
  const { from, to } = s.current
  const createdIn = between('createdAt', from, to)
  const closedIn = between('closedAt', from, to)
  const none: NotConverted[] = []
  const kpi = (
    key: Kpi['key'],
    unit: Kpi['unit'],
    value: number | null,
    previous: number | null,
    drill: Kpi['drill'],
    notConverted = none,
  ): Kpi => ({ key, unit, value, previous, notConverted, drill })

  return [
    kpi(
      'newPeople',
      'count',
      count(pick('people', true)),
      count(pick('people', false)),
      personDrill(s, [createdIn]),
    ),
    kpi(
      'newDeals',
      'count',
      count(pick('created', true)),
      count(pick('created', false)),
      dealDrill(s, [createdIn]),
    ),
    kpi(
      'dealsWonCount',
      'count',
      count(won(true)),
      count(won(false)),
      dealDrill(s, [eq('status', 'won'), closedIn]),
    ),
    kpi(
      'dealsWonValue',
      'money',
      wonNow.amountMinor,
      money(won(false)).amountMinor,
      dealDrill(s, [eq('status', 'won'), closedIn]),
      wonNow.notConverted,
    ),
    kpi(
      'winRate',
      'ratio',
      winRate(true),
      winRate(false),
      dealDrill(s, [{ field: 'status', op: 'in', value: ['won', 'lost'] }, closedIn]),
    ),
    kpi(
      'avgDealSize',
      'money',
      avgSize(true),
      avgSize(false),
      dealDrill(s, [eq('status', 'won'), closedIn]),
      wonNow.notConverted,
    ),
    kpi(
      'avgSalesCycleDays',
      'days',
      cycle(true),
      cycle(false),
      dealDrill(s, [eq('status', 'won'), closedIn]),
    ),
    kpi(
      'openPipelineValue',
      'money',
      open.amountMinor,
      null,
      dealDrill(s, [eq('status', 'open')]),
      open.notConverted,
    ),
    kpi(
      'weightedForecast',
      'money',
      weighted.amountMinor,
      null,
      dealDrill(s, [eq('status', 'open')]),
      weighted.notConverted,
    ),
    kpi('overdueTasks', 'count', count(pick('overdue', null)), null, {
      object: 'activity',
      // The list compares whole days: tasks due before today (the ones due earlier today
      // are counted above but only listed under "today").
      filters: [
        eq('type', 'task'),
        eq('done', false),
        { field: 'dueAt', op: 'lt', value: s.today },
        ...ownerFilter(s, 'assignee'),
      ],
    }),
  ]
}
