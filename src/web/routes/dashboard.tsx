import { Trans, useLingui } from '@lingui/react/macro'
import { Link, useNavigate, useSearch } from '@tanstack/react-router'
import { Printer } from 'lucide-react'
import { useEffect } from 'react'
import { Button } from '../components/ui/button.tsx'
import { todayIn } from '../features/charts/calendar.ts'
import { DashboardCharts } from '../features/dashboard/dashboard-charts.tsx'
import { DashboardFilters, usePeriodText } from '../features/dashboard/dashboard-filters.tsx'
import { KpiCards } from '../features/dashboard/kpi-cards.tsx'
import { periodRange } from '../features/dashboard/period.ts'
import { PinnedReports } from '../features/dashboard/pinned-reports.tsx'
import { printPage } from '../features/dashboard/print.ts'
import { useSignedIn } from '../lib/session.ts'
import '../features/dashboard/print.css'

// Home: where the business stands for a period — key figures against the previous
// period, six charts, then the reports pinned here. Filters live in the URL.
export function DashboardPage() {
  const { t } = useLingui()
  const { workspace } = useSignedIn()
  const { print, ...search } = useSearch({ from: '/app/' })
  const navigate = useNavigate({ from: '/' })
  const range = periodRange(search, todayIn(workspace.timeZone), workspace.calendar === 'ethiopic')
  const periodText = usePeriodText()
  const filters = { ...range, ownerId: search.owner, pipelineId: search.pipeline }

  useEffect(() => {
    if (!print) return
    // Give the charts a moment to draw before the print dialog opens.
    const timer = setTimeout(printPage, 1500)
    return () => clearTimeout(timer)
  }, [print])

  return (
    <div className="dashboard-print space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <div className="min-w-0 flex-1">
          <h1 className="text-2xl font-semibold text-slate-900">
            <Trans>Dashboard</Trans>
          </h1>
          <p className="text-sm text-slate-700">
            {workspace.name} · {periodText(range.from, range.to)}
          </p>
        </div>
        <Link
          to="/forecast"
          className="flex min-h-11 items-center rounded-md px-3 text-sm text-teal-800 underline underline-offset-2 print:hidden"
        >
          <Trans>Forecast</Trans>
        </Link>
        <Button variant="secondary" onClick={printPage} title={t`Print (A4)`}>
          <Printer aria-hidden className="size-4" />
          <Trans>Print</Trans>
        </Button>
      </div>
      <DashboardFilters
        search={search}
        range={range}
        onChange={(next) => navigate({ search: next, replace: true })}
      />
      <KpiCards filters={filters} />
      <DashboardCharts filters={filters} />
      <PinnedReports />
    </div>
  )
}
