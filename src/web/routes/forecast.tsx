import { Trans, useLingui } from '@lingui/react/macro'
import { Link, useNavigate, useSearch } from '@tanstack/react-router'
import { Printer } from 'lucide-react'
import { useMemo, useState } from 'react'
import { Button } from '../components/ui/button.tsx'
import { SelectField } from '../components/ui/field.tsx'
import { ChartCard } from '../features/charts/chart-card.tsx'
import { OwnerPipelineSelects } from '../features/dashboard/dashboard-filters.tsx'
import { printPage } from '../features/dashboard/print.ts'
import { RatesSettings } from '../features/dashboard/rates-settings.tsx'
import { TargetsSettings } from '../features/dashboard/targets-settings.tsx'
import { usePipelines } from '../features/deals/deals-api.ts'
import { useForecast } from '../features/forecast/forecast-api.ts'
import { type ForecastMeasure, forecastDataset } from '../features/forecast/forecast-data.ts'
import { ForecastTable } from '../features/forecast/forecast-table.tsx'
import { useMembers } from '../features/people/people-api.ts'
import { canManage, useSignedIn } from '../lib/session.ts'
import '../features/dashboard/print.css'

// The forecast: open deals by expected close month, weighted by stage probability, won
// deals and the owners' targets, per owner and pipeline. Admins set targets and rates here.
export function ForecastPage() {
  const { t } = useLingui()
  const { role } = useSignedIn()
  const search = useSearch({ from: '/app/forecast' })
  const navigate = useNavigate({ from: '/forecast' })
  const [months, setMonths] = useState(6)
  const _members = useMembers()
  const _pipelines = usePipelines()
  const q = useForecast({ ownerId: search.owner, pipelineId: search.pipeline, months })
  const names: Record<ForecastMeasure, string> = {
    weighted: t`Weighted open deals`,
    won: t`Won`,
    target: t`Target`,
  }
  // biome-ignore lint/correctness/useExhaustiveDependencies: names follow the language, as t does
  const dataset = useMemo(
    () =>
      q.data
        ? forecastDataset(q.data, names, { ownerId: search.owner, pipelineId: search.pipeline })
        : undefined,
    [q.data, t, search.owner, search.pipeline],
  )

  return (
    <div className="dashboard-print space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="min-w-0 flex-1 text-2xl font-semibold text-slate-900">
          <Trans>Forecast</Trans>
        </h1>
        <Link
          to="/"
          className="flex min-h-11 items-center rounded-md px-3 text-sm text-teal-800 underline underline-offset-2 print:hidden"
        >
          <Trans>Dashboard</Trans>
        </Link>
        <Button variant="secondary" onClick={printPage}>
          <Printer aria-hidden className="size-4" />
          <Trans>Print</Trans>
        </Button>
      </div>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3 print:hidden">
        <OwnerPipelineSelects
          value={search}
          onChange={(v) => navigate({ search: { ...search, ...v }, replace: true })}
        />
        <SelectField
          label={t`Months ahead`}
          value={months}
          onChange={(e) => setMonths(Number(e.target.value))}
        >
          {[3, 6, 12].map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </SelectField>
      </div>
      <ChartCard
        title={t`Weighted open deals and won against target`}
        chart="bar"
        dataset={dataset}
        stacked={(row) => (row.keys[1] === 'target' ? 'target' : 'deals')}
        loading={q.isPending}
        error={q.isError && !q.data}
        onRetry={() => q.refetch()}
      />
      {q.data && <ForecastTable forecast={q.data} />}
      {canManage(role) && (
        <div className="print:hidden">
          <TargetsSettings />
        </div>
      )}
      <div className="print:hidden">
        <RatesSettings />
      </div>
    </div>
  )
}
