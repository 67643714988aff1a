import { sql } from 'drizzle-orm'
import { queryRows } from '../../db/client.ts'
import type { Ctx } from '../../http/context.ts'
import type { FilterCondition } from '../filters/filter.schema.ts'
import type { Dataset } from './dataset.schema.ts'
import { addDays, bucketStarts, clipDay, nextMonthStart } from './period.ts'
import { activityDrill, between, eq, ownerSql, personDrill, type Scope, ts } from './scope.ts'

// People and activity charts. Counts only: no money here.

const countDataset = (
  dimensions: Dataset['dimensions'],
  rows: Dataset['rows'],
  truncated = false,
): Dataset => ({
  unit: 'count',
  currency: null,
  dimensions,
  rows,
  notConverted: [],
  truncated,
})

/** Periods up to about a quarter are shown by week (Monday first), longer ones by month. */
export const activityBucket = (days: number) => (days <= 92 ? 'week' : 'month')

/**
 * Activities per week-or-month, type and owner (the assignee, else who logged it), over
 * the period. Read from the per-day rollup activity_daily (analytics/activity-daily.ts):
 * a year is a few thousand cells where the activities index holds a million entries.
 */
export async function activitiesChart(ctx: Ctx, s: Scope): Promise<Dataset> {
  const { from, to } = s.current
  const bucket = activityBucket(s.current.days)
  const days = bucketStarts(bucket, from, to)
  // Days are already days of the workspace zone: bucket i (1-based) starts on days[i - 1].
  const starts = `{${days.join(',')}}`
  const rows = await queryRows<{
    b: number
    type: string
    owner: string | null
    name: string | null
    n: number
  }>(
    ctx.db,
    sql`select a.b, a.type, a.owner, u.name, a.n
      from (
        select width_bucket(day, ${starts}::date[]) as b, type, nullif(owner_id, '') as owner, sum(n)::int as n
        from activity_daily
        where workspace_id = ${s.workspaceId} and day >= ${from}::date and day <= ${to}::date
          ${ownerSql(s, 'owner_id')}
        group by 1, 2, 3
      ) a
      left join users u on u.id = a.owner
      order by a.b, a.type, a.owner nulls last`,
  )
  return countDataset(
    [
      { key: 'occurredAt', bucket },
      { key: 'type', bucket: null },
      { key: 'owner', bucket: null },
    ],
    rows.map((r) => {
      const first = days[Number(r.b) - 1] ?? from
      const last = addDays(bucket === 'week' ? addDays(first, 7) : nextMonthStart(first), -1)
      return {
        keys: [bucket === 'month' ? first.slice(0, 7) : first, r.type, r.owner],
        labels: [null, null, r.name],
        value: Number(r.n),
        drill: activityDrill([
          between('occurredAt', clipDay(first, from, to), clipDay(last, from, to)),
          eq('type', r.type),
          ...ownerConditions(r.type, r.owner),
        ]),
      }
    }),
  )
}

// The list has no "assignee, else creator" field: tasks drill by assignee, the rest by who
// logged them (only tasks carry an assignee).
function ownerConditions(type: string, owner: string | null): FilterCondition[] {
  if (owner === null)
    return [
      { field: 'assignee', op: 'empty' },
      { field: 'createdBy', op: 'empty' },
    ]
  return [eq(type === 'task' ? 'assignee' : 'createdBy', owner)]
}

const sourceOrder = (a: string | null, b: string | null) =>
  a === null ? 1 : b === null ? -1 : a.localeCompare(b)

/** New people of the period per lead source; null = not set. From people_analytics_created_idx. */
export async function leadSourcesChart(ctx: Ctx, s: Scope): Promise<Dataset> {
  const { from, to, start, end } = s.current
  const rows = await queryRows<{ source: string | null; n: number }>(
    ctx.db,
    sql`select source, count(*)::int as n
      from people
      where workspace_id = ${s.workspaceId} and deleted_at is null
        and created_at >= ${ts(start)} and created_at < ${ts(end)} ${ownerSql(s, 'owner_id')}
      group by 1`,
  )
  rows.sort((a, b) => Number(b.n) - Number(a.n) || sourceOrder(a.source, b.source))
  return countDataset(
    [{ key: 'source', bucket: null }],
    rows.map((r) => ({
      keys: [r.source],
      labels: [null],
      value: Number(r.n),
      drill: personDrill(s, [
        between('createdAt', from, to),
        r.source === null ? { field: 'source', op: 'empty' } : eq('source', r.source),
      ]),
    })),
  )
}

export const TOP_CITIES = 20

/** Live people per city (all time), the 20 largest; from people_analytics_city_idx. */
export async function citiesChart(ctx: Ctx, s: Scope): Promise<Dataset> {
  const rows = await queryRows<{ city: string; n: number }>(
    ctx.db,
    sql`select city, count(*)::int as n
      from people
      where workspace_id = ${s.workspaceId} and deleted_at is null and city is not null ${ownerSql(s, 'owner_id')}
      group by 1
      order by 2 desc, 1
      limit ${TOP_CITIES + 1}`,
  )
  return countDataset(
    [{ key: 'city', bucket: null }],
    rows.slice(0, TOP_CITIES).map((r) => ({
      keys: [r.city],
      labels: [r.city],
      value: Number(r.n),
      drill: personDrill(s, [eq('city', r.city)]),
    })),
    rows.length > TOP_CITIES,
  )
}
