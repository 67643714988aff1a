import { Trans, useLingui } from '@lingui/react/macro'
import { Link } from '@tanstack/react-router'
import { ChartCard } from '../charts/chart-card.tsx'
import { type Report, usePins, useReportResult } from './dashboard-api.ts'

// Reports pinned to the dashboard, in their order, each run on its own. A report keeps
// its own filters (the dashboard's period and owner do not apply to it).

function PinnedReport({ report }: { report: Report }) {
  const q = useReportResult(report.id)
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <ChartCard
        title={report.name}
        chart={report.definition.chart}
        dataset={q.data}
        loading={q.isPending}
        error={q.isError}
        onRetry={() => q.refetch()}
        actions={
          <Link
            to="/reports/$id"
            params={{ id: report.id }}
            className="flex min-h-11 items-center px-2 text-sm text-teal-800 underline underline-offset-2 print:hidden"
          >
            <Trans>Open report</Trans>
          </Link>
        }
      />
    </div>
  )
}

export function PinnedReports() {
  const { t } = useLingui()
  const pins = usePins()
  if (!pins.data?.length) return null
  return (
    <section aria-label={t`Pinned reports`} className="space-y-3">
      <h2 className="text-lg font-semibold text-slate-900">
        <Trans>Pinned reports</Trans>
      </h2>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2 print:grid-cols-1">
        {pins.data.map((r) => (
          <PinnedReport key={r.id} report={r} />
        ))}
      </div>
    </section>
  )
}
