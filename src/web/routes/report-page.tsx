import { Trans } from '@lingui/react/macro'
import { useParams, useSearch } from '@tanstack/react-router'
import { ReportBuilder } from '../features/reports/report-builder.tsx'
import { useReport } from '../features/reports/reports-api.ts'
import { RouteError, Skeleton } from '../features/shell/route-states.tsx'
import { isStatus } from '../lib/api.ts'

// The report builder: '/reports/new' starts empty, '/reports/$id' opens a saved report.
// `?print=1` prints it once its figures are in.
export function ReportNewPage() {
  return <ReportBuilder />
}

export function ReportPage() {
  const { id } = useParams({ from: '/app/reports/$id' })
  const { print } = useSearch({ from: '/app/reports/$id' })
  const report = useReport(id)
  if (report.isPending) return <Skeleton rows={6} />
  if (report.isError)
    return isStatus(report.error, 404) ? (
      <p className="p-8 text-center text-slate-700">
        <Trans>This report does not exist, or it is not shared with you.</Trans>
      </p>
    ) : (
      <RouteError error={report.error} />
    )
  // A different report (or the one just created) starts its own draft.
  return <ReportBuilder key={report.data.id} report={report.data} autoPrint={print} />
}
