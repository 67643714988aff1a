import { Trans, useLingui } from '@lingui/react/macro'
import { Link } from '@tanstack/react-router'
import { Plus } from 'lucide-react'
import { buttonClass } from '../../components/ui/button.tsx'
import { EmptyBox } from '../../components/ui/empty-box.tsx'
import { errorCode, useErrorText } from '../../lib/errors.ts'
import { useDesktop } from '../../lib/media.ts'
import { useSignedIn } from '../../lib/session.ts'
import { useMembers } from '../people/people-api.ts'
import { Skeleton } from '../shell/route-states.tsx'
import { DeleteReportButton, PinToggle } from './report-actions.tsx'
import { useReportNames } from './report-labels.ts'
import { canEditReport, type Report, useReports } from './reports-api.ts'

// Saved reports: mine and the ones shared with the workspace, sorted by name in the
// user's language. Each opens in the builder; pin to my dashboard or delete from here.
export function ReportsList() {
  const { i18n } = useLingui()
  const errorText = useErrorText()
  const desktop = useDesktop()
  const reports = useReports()

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-2">
        <div className="min-w-0 flex-1">
          <h1 className="text-2xl font-semibold text-slate-900">
            <Trans>Reports</Trans>
          </h1>
          <p className="text-slate-700">
            <Trans>Count and add up your records, grouped the way you need, as a chart or a table.</Trans>
          </p>
        </div>
        <Link to="/reports/new" className={buttonClass()}>
          <Plus aria-hidden className="size-4" />
          <Trans>New report</Trans>
        </Link>
      </div>
      {reports.isPending ? (
        <Skeleton rows={4} />
      ) : reports.isError ? (
        <EmptyBox>{errorText(errorCode(reports.error))}</EmptyBox>
      ) : reports.data.length === 0 ? (
        <EmptyBox>
          <p className="font-medium text-slate-900">
            <Trans>No reports yet.</Trans>
          </p>
          <p className="mt-1">
            <Trans>
              A report answers a question such as “won deals by month” or “new people by source”. Save it,
              share it with your team, and pin it to your dashboard.
            </Trans>
          </p>
          <Link to="/reports/new" className={buttonClass({ className: 'mt-4' })}>
            <Trans>Build your first report</Trans>
          </Link>
        </EmptyBox>
      ) : (
        <ReportRows reports={[...reports.data].sort(byName(i18n.locale))} desktop={desktop} />
      )}
    </div>
  )
}

const byName = (locale: string) => {
  const collator = new Intl.Collator(locale, { sensitivity: 'base' })
  return (a: Report, b: Report) => collator.compare(a.name, b.name)
}

function ReportRows({ reports, desktop }: { reports: Report[]; desktop: boolean }) {
  const names = useReportNames()
  const { user, role } = useSignedIn()
  const cell = 'border-b border-slate-200 px-4 py-2'
  if (!desktop)
    return (
      <ul className="space-y-2">
        {reports.map((r) => (
          <li key={r.id} className="flex items-center gap-2 rounded-lg border border-slate-200 bg-white p-3">
            <div className="min-w-0 flex-1">
              <NameLink report={r} />
              <p className="text-sm text-slate-700">
                {names.object(r.definition.object)} · {names.chart(r.definition.chart)}
                {r.shared && (
                  <>
                    {' · '}
                    <Visibility report={r} />
                  </>
                )}
              </p>
            </div>
            <PinToggle report={r} compact />
            {canEditReport(r, user.id, role) && <DeleteReportButton report={r} />}
          </li>
        ))}
      </ul>
    )
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className={`${cell} font-medium`}>
              <Trans>Name</Trans>
            </th>
            <th scope="col" className={`${cell} font-medium`}>
              <Trans>Records</Trans>
            </th>
            <th scope="col" className={`${cell} font-medium`}>
              <Trans>Shown as</Trans>
            </th>
            <th scope="col" className={`${cell} font-medium`}>
              <Trans>Visible to</Trans>
            </th>
            <th scope="col" className={`${cell} font-medium`}>
              <span className="sr-only">
                <Trans>Actions</Trans>
              </span>
            </th>
          </tr>
        </thead>
        <tbody>
          {reports.map((r) => (
            <tr key={r.id}>
              <td className={cell}>
                <NameLink report={r} />
              </td>
              <td className={cell}>{names.object(r.definition.object)}</td>
              <td className={cell}>{names.chart(r.definition.chart)}</td>
              <td className={cell}>
                <Visibility report={r} />
              </td>
              <td className={cell}>
                <div className="flex justify-end gap-1">
                  <PinToggle report={r} compact />
                  {canEditReport(r, user.id, role) && <DeleteReportButton report={r} />}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function NameLink({ report }: { report: Report }) {
  return (
    <Link
      to="/reports/$id"
      params={{ id: report.id }}
      className="inline-flex min-h-11 items-center font-medium break-words text-teal-800 hover:underline"
    >
      {report.name}
    </Link>
  )
}

/** "Only me", "Shared", or "Shared by Amina" for a colleague's report. */
function Visibility({ report }: { report: Report }) {
  const { user } = useSignedIn()
  const members = useMembers().data
  if (!report.shared) return <Trans>Only me</Trans>
  const owner =
    report.ownerId === user.id ? undefined : members?.find((m) => m.userId === report.ownerId)?.name
  return (
    <span className="inline-flex flex-wrap items-center gap-1">
      <SharedBadge />
      {owner && (
        <span className="text-slate-700">
          <Trans>by {owner}</Trans>
        </span>
      )}
    </span>
  )
}

function SharedBadge() {
  return (
    <span className="rounded-full bg-teal-50 px-2 py-0.5 text-xs font-medium text-teal-900">
      <Trans>Shared</Trans>
    </span>
  )
}
