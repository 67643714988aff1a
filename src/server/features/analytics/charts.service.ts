import { sql } from 'drizzle-orm'
import { queryRows } from '../../db/client.ts'
import type { Ctx } from '../../http/context.ts'
import { notFound } from '../../http/errors.ts'
import { assertCan } from '../../http/permissions.ts'
import { loadPipelines } from '../deals/pipelines.queries.ts'
import { activitiesChart, citiesChart, leadSourcesChart } from './charts.people.ts'
import { convertByKey, type MoneyRow } from './convert.ts'
import type { ChartName, DashboardQuery } from './dashboard.schema.ts'
import type { Dataset, DatasetRow } from './dataset.schema.ts'
import type { NotConverted } from './money.ts'
import { boundsParam, clipDay, monthEnd, monthsOf } from './period.ts'
import { between, dealDrill, eq, ownerSql, pipelineSql, resolveScope, type Scope, ts } from './scope.ts'

// Dashboard charts, each one or two statements over a covering index (see the index notes
// in db/schema/deals.ts). Deal charts here; people and activity charts in charts.people.ts.

export async function getChart(
  ctx: Ctx,
  chart: ChartName,
  query: DashboardQuery,
  now = new Date(),
): Promise<Dataset> {
  assertCan(ctx, 'read')
  const s = await resolveScope(ctx, query, now)
  switch (chart) {
    case 'pipeline-funnel':
      return pipelineFunnel(ctx, s)
    case 'won-by-month':
      return wonByMonth(ctx, s)
    case 'deals-by-owner':
      return dealsByOwner(ctx, s)
    case 'activities':
      return activitiesChart(ctx, s)
    case 'lead-sources':
      return leadSourcesChart(ctx, s)
    case 'cities':
      return citiesChart(ctx, s)
  }
}

const moneyDataset = (
  s: Scope,
  dimensions: Dataset['dimensions'],
  rows: DatasetRow[],
  notConverted: NotConverted[],
): Dataset => ({ unit: 'money', currency: s.currency, dimensions, rows, notConverted, truncated: false })

/** Open deal value per open stage of the chosen (else the first) pipeline, in stage order. */
async function pipelineFunnel(ctx: Ctx, s: Scope): Promise<Dataset> {
  const pipeline = s.pipeline ?? (await loadPipelines(ctx.db, s.workspaceId))[0]
  if (!pipeline) throw notFound('Pipeline')
  const rows = await queryRows<MoneyRow>(
    ctx.db,
    sql`select stage_id::text as key, currency, amount
      from (
        select stage_id, currency, sum(amount_minor)::float8 as amount
        from deals
        where workspace_id = ${s.workspaceId} and status = 'open' and deleted_at is null
          and pipeline_id = ${pipeline.id}::uuid ${ownerSql(s, 'owner_id')}
        group by 1, 2
      ) d`,
  )
  const { values, notConverted } = convertByKey(s, rows)
  const open = pipeline.stages.filter((st) => st.kind === 'open')
  return moneyDataset(
    s,
    [{ key: 'stage', bucket: null }],
    open.map((st) => ({
      keys: [st.id],
      labels: [st.name],
      value: values.get(st.id) ?? 0,
      drill: dealDrill({ ...s, pipeline: null }, [eq('stage', st.id), eq('status', 'open')]),
    })),
    notConverted,
  )
}

/** Won value per month (workspace time zone) of the period, empty months included. */
async function wonByMonth(ctx: Ctx, s: Scope): Promise<Dataset> {
  const { from, to, start, end } = s.current
  // `status <> 'open'` matches the partial index deals_analytics_closed_idx.
  const months = monthsOf(from, to)
  const bounds = boundsParam(
    s.timeZone,
    months.map((m) => `${m}-01`),
  )
  const rows = await queryRows<MoneyRow>(
    ctx.db,
    sql`select width_bucket(closed_at, ${bounds}::timestamptz[])::text as key, currency,
        sum(amount_minor)::float8 as amount
      from deals
      where workspace_id = ${s.workspaceId} and status <> 'open' and deleted_at is null and status = 'won'
        and closed_at >= ${ts(start)} and closed_at < ${ts(end)}
        ${ownerSql(s, 'owner_id')} ${pipelineSql(s, 'pipeline_id')}
      group by 1, 2`,
  )
  const { values, notConverted } = convertByKey(s, rows)
  return moneyDataset(
    s,
    [{ key: 'closedAt', bucket: 'month' }],
    // Keys from SQL are bucket numbers: month i is bucket i + 1.
    months.map((m, i) => {
      const first = clipDay(`${m}-01`, from, to)
      const last = clipDay(monthEnd(m), from, to)
      return {
        keys: [m],
        labels: [null],
        value: values.get(String(i + 1)) ?? 0,
        drill: dealDrill(s, [eq('status', 'won'), between('closedAt', first, last)]),
      }
    }),
    notConverted,
  )
}

/** Open pipeline value per owner, largest first; deals without an owner last. */
async function dealsByOwner(ctx: Ctx, s: Scope): Promise<Dataset> {
  const rows = await queryRows<MoneyRow & { name: string | null }>(
    ctx.db,
    sql`select d.owner_id as key, u.name, d.currency, d.amount
      from (
        select owner_id, currency, sum(amount_minor)::float8 as amount
        from deals
        where workspace_id = ${s.workspaceId} and status = 'open' and deleted_at is null
          ${ownerSql(s, 'owner_id')} ${pipelineSql(s, 'pipeline_id')}
        group by 1, 2
      ) d
      left join users u on u.id = d.owner_id`,
  )
  const { values, notConverted } = convertByKey(s, rows)
  const names = new Map(rows.map((r) => [r.key, r.name]))
  const owners = [...values.keys()].sort((a, b) =>
    a === null ? 1 : b === null ? -1 : (values.get(b) ?? 0) - (values.get(a) ?? 0) || a.localeCompare(b),
  )
  return moneyDataset(
    s,
    [{ key: 'owner', bucket: null }],
    owners.map((id) => ({
      keys: [id],
      labels: [names.get(id) ?? null],
      value: values.get(id) ?? 0,
      drill: dealDrill({ ...s, ownerId: null }, [
        eq('status', 'open'),
        id === null ? { field: 'owner', op: 'empty' } : eq('owner', id),
      ]),
    })),
    notConverted,
  )
}
