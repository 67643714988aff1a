import { useLingui } from '@lingui/react/macro'
import { useMemo, useState } from 'react'
import { ChartCard, type ChartKind } from '../charts/chart-card.tsx'
import { dropDimension } from '../charts/chart-data.ts'
import { type ChartName, type DashboardFilters, useDashboardChart } from './dashboard-api.ts'

// The six charts of the home dashboard, each loading on its own.

function DashboardChart({
  chart,
  kind,
  title,
  filters,
  stacked,
}: {
  chart: ChartName
  kind: ChartKind
  title: string
  filters: DashboardFilters
  stacked?: boolean
}) {
  const q = useDashboardChart(chart, filters)
  return (
    <ChartCard
      title={title}
      chart={kind}
      stacked={stacked}
      dataset={q.data}
      loading={q.isPending}
      error={q.isError && !q.data}
      onRetry={() => q.refetch()}
    />
  )
}

/** Activities over time, by type or by owner (the dataset holds both; one is added up). */
function ActivitiesChart({ filters }: { filters: DashboardFilters }) {
  const { t } = useLingui()
  const q = useDashboardChart('activities', filters)
  const [by, setBy] = useState<'type' | 'owner'>('type')
  const dataset = useMemo(
    () => (q.data ? dropDimension(q.data, by === 'type' ? 2 : 1) : undefined),
    [q.data, by],
  )
  return (
    <ChartCard
      title={t`Activities`}
      chart="bar"
      stacked
      dataset={dataset}
      loading={q.isPending}
      error={q.isError && !q.data}
      onRetry={() => q.refetch()}
      actions={
        <label className="flex items-center gap-1 text-sm text-slate-700 print:hidden">
          <span className="sr-only sm:not-sr-only">{t`By`}</span>
          <select
            className="min-h-11 rounded-md border border-slate-300 bg-white px-2"
            value={by}
            onChange={(e) => setBy(e.target.value === 'owner' ? 'owner' : 'type')}
            aria-label={t`Activities by`}
          >
            <option value="type">{t`Type`}</option>
            <option value="owner">{t`Owner`}</option>
          </select>
        </label>
      }
    />
  )
}

export function DashboardCharts({ filters }: { filters: DashboardFilters }) {
  const { t } = useLingui()
  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-2 print:grid-cols-1">
      <DashboardChart chart="pipeline-funnel" kind="funnel" title={t`Pipeline by stage`} filters={filters} />
      <DashboardChart chart="won-by-month" kind="bar" title={t`Won value by month`} filters={filters} />
      <DashboardChart chart="deals-by-owner" kind="bar" title={t`Open pipeline by owner`} filters={filters} />
      <ActivitiesChart filters={filters} />
      <DashboardChart chart="lead-sources" kind="pie" title={t`Lead sources`} filters={filters} />
      <DashboardChart chart="cities" kind="bar" title={t`People by city`} filters={filters} />
    </div>
  )
}
