import { Trans, useLingui } from '@lingui/react/macro'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Download, Pin, Trash2 } from 'lucide-react'
import { useState } from 'react'
import { Button, buttonClass, PHONE_ICON } from '../../components/ui/button.tsx'
import { ConfirmDialog } from '../../components/ui/dialog.tsx'
import { toast } from '../../components/ui/toast.tsx'
import { errorCode, useErrorText } from '../../lib/errors.ts'
import { csvUrl, deleteReport, pinReport, type Report, reportKey, reportsKey } from './reports-api.ts'

// What can be done to a saved report from its page and from the list: pin it to my
// dashboard, download its figures, delete it.
const setPinned = (reports: Report[] | undefined, id: string, pinned: boolean) =>
  reports?.map((r) => (r.id === id ? { ...r, pinned } : r))

/** "Pin to dashboard": a toggle button, optimistic, rolled back with a message on failure. */
export function PinToggle({ report, compact = false }: { report: Report; compact?: boolean }) {
  const { t } = useLingui()
  const errorText = useErrorText()
  const queryClient = useQueryClient()
  const pin = useMutation({
    mutationFn: (pinned: boolean) => pinReport(report.id, pinned),
    onMutate: async (pinned) => {
      await queryClient.cancelQueries({ queryKey: reportsKey, exact: true })
      const list = queryClient.getQueryData<Report[]>(reportsKey)
      const one = queryClient.getQueryData<Report>(reportKey(report.id))
      queryClient.setQueryData<Report[]>(reportsKey, (l) => setPinned(l, report.id, pinned))
      if (one) queryClient.setQueryData<Report>(reportKey(report.id), { ...one, pinned })
      return { list, one }
    },
    onError: (err, _pinned, saved) => {
      queryClient.setQueryData(reportsKey, saved?.list)
      if (saved?.one) queryClient.setQueryData(reportKey(report.id), saved.one)
      toast(errorText(errorCode(err)) ?? '')
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['dashboard', 'pins'] })
    },
  })
  const pinned = pin.isPending ? Boolean(pin.variables) : report.pinned
  // One name in both states; aria-pressed (and the icon) say which it is.
  const label = t`Pin to my dashboard`
  return (
    <Button
      variant={pinned ? 'secondary' : 'ghost'}
      aria-pressed={pinned}
      className={compact ? 'min-w-11 px-2' : PHONE_ICON}
      title={compact ? label : undefined}
      onClick={() => pin.mutate(!pinned)}
    >
      <Pin aria-hidden className={pinned ? 'size-4 fill-current' : 'size-4'} />
      <span className={compact ? 'sr-only' : 'max-md:sr-only'}>
        {compact ? t`Pin to my dashboard: ${report.name}` : label}
      </span>
    </Button>
  )
}

/** The saved report's figures as CSV, or CSV that Excel opens with Ge'ez and Swahili intact. */
export function CsvLinks({ report, dirty }: { report: Report; dirty: boolean }) {
  return (
    <details className="relative">
      <summary
        className={buttonClass({ variant: 'ghost', className: `cursor-pointer list-none ${PHONE_ICON}` })}
      >
        <Download aria-hidden className="size-4" />
        <span className="max-md:sr-only">
          <Trans>Export</Trans>
        </span>
      </summary>
      <div className="absolute right-0 z-20 mt-1 flex w-64 flex-col rounded-md border border-slate-200 bg-white p-1 shadow-lg">
        {dirty && (
          <p className="px-3 py-2 text-xs text-slate-600">
            <Trans>Exports the saved report, without your unsaved changes.</Trans>
          </p>
        )}
        <a
          href={csvUrl(report.id, true)}
          download
          className="flex min-h-11 items-center rounded px-3 text-sm hover:bg-slate-100"
        >
          <Trans>CSV for Excel</Trans>
        </a>
        <a
          href={csvUrl(report.id)}
          download
          className="flex min-h-11 items-center rounded px-3 text-sm hover:bg-slate-100"
        >
          <Trans>CSV (UTF-8)</Trans>
        </a>
      </div>
    </details>
  )
}

/** Delete, after "Are you sure?"; the list drops the report at once. */
export function DeleteReportButton({ report }: { report: Report }) {
  const { t } = useLingui()
  const errorText = useErrorText()
  const queryClient = useQueryClient()
  const [open, setOpen] = useState(false)
  const remove = useMutation({
    mutationFn: () => deleteReport(report.id),
    onSuccess: () => {
      setOpen(false)
      queryClient.setQueryData<Report[]>(reportsKey, (l) => l?.filter((r) => r.id !== report.id))
      queryClient.removeQueries({ queryKey: reportKey(report.id), exact: true })
      void queryClient.invalidateQueries({ queryKey: ['dashboard', 'pins'] })
      toast(t`Report deleted`)
    },
    onError: (err) => {
      setOpen(false)
      toast(errorText(errorCode(err)) ?? '')
    },
  })
  return (
    <>
      <Button variant="ghost" className="min-w-11 px-2" title={t`Delete`} onClick={() => setOpen(true)}>
        <Trash2 aria-hidden className="size-4" />
        <span className="sr-only">{t`Delete ${report.name}`}</span>
      </Button>
      <ConfirmDialog
        open={open}
        title={t`Delete the report “${report.name}”?`}
        confirmLabel={<Trans>Delete report</Trans>}
        danger
        busy={remove.isPending}
        onConfirm={() => remove.mutate()}
        onCancel={() => setOpen(false)}
      >
        {report.shared ? (
          <Trans>It is shared: it disappears for everyone in the workspace, and from their dashboards.</Trans>
        ) : (
          <Trans>It disappears from your reports and your dashboard.</Trans>
        )}
      </ConfirmDialog>
    </>
  )
}
