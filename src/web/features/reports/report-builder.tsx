import { Trans, useLingui } from '@lingui/react/macro'
import { Link, useBlocker, useNavigate } from '@tanstack/react-router'
import { ArrowLeft, ChevronDown, Pencil, Printer, Save } from 'lucide-react'
import { useEffect, useRef, useState } from 'react'
import { Button, buttonClass, PHONE_ICON } from '../../components/ui/button.tsx'
import { toast } from '../../components/ui/toast.tsx'
import { useDesktop } from '../../lib/media.ts'
import { canWrite, useSignedIn } from '../../lib/session.ts'
import { CsvLinks, PinToggle } from './report-actions.tsx'
import { ReportControls } from './report-controls.tsx'
import { useDescribeReport } from './report-labels.ts'
import { ReportPreview } from './report-preview.tsx'
import { ReportSaveDialog } from './report-save-dialog.tsx'
import { PrintSummary } from './report-summary.tsx'
import { canEditReport, type Report } from './reports-api.ts'
import { useReportDraft } from './use-report-draft.ts'
import './print.css'

// The report builder: controls on the left (above the chart on a phone), the live
// preview on the right; save, pin, export and print at the top. `?print=1` prints the
// report once its figures are in.
export function ReportBuilder({ report, autoPrint }: { report?: Report; autoPrint?: boolean }) {
  const { t } = useLingui()
  const describe = useDescribeReport()
  const navigate = useNavigate()
  const { user, role } = useSignedIn()
  const desktop = useDesktop()
  const b = useReportDraft(report)
  const [dialog, setDialog] = useState<'new' | 'copy' | 'rename' | null>(null)
  const [busy, setBusy] = useState(false)
  const editable = report ? canEditReport(report, user.id, role) : true
  const title = report?.name ?? t`New report`
  const chartTitle = report?.name ?? describe(b.draft, b.fields.data)

  // Unsaved changes are not lost to a stray click: leaving asks first (not after a save).
  const leaving = useRef(false)
  useBlocker({
    shouldBlockFn: () =>
      !leaving.current &&
      b.touched &&
      !window.confirm(t`Leave this report? Your unsaved changes will be lost.`),
    enableBeforeUnload: () => !leaving.current && b.touched,
  })

  const controls = (
    <ReportControls draft={b.draft} onChange={b.setDraft} fields={b.fields.data} errors={b.errors} />
  )

  const printed = useRef(false)
  const ready = Boolean(b.run.data) && !b.pending
  useEffect(() => {
    if (!autoPrint || printed.current || !ready) return
    printed.current = true
    // A moment for the chart to draw before the print dialog freezes the page.
    const timer = setTimeout(() => window.print(), 600)
    return () => clearTimeout(timer)
  }, [autoPrint, ready])

  async function saveNew(name: string, shared: boolean) {
    const r = await b.create(name, shared)
    setDialog(null)
    toast(t`Report saved`)
    leaving.current = true
    void navigate({ to: '/reports/$id', params: { id: r.id }, replace: true })
  }

  async function saveChanges() {
    setBusy(true)
    try {
      await b.update()
      toast(t`Report saved`)
    } catch {
      // Shown by the builder: next to the controls, or the "changed by someone else" notice.
    } finally {
      setBusy(false)
    }
  }

  async function rename(name: string, shared: boolean) {
    await b.rename(name, shared)
    setDialog(null)
  }

  return (
    <div className="report-print space-y-4">
      <div className="flex flex-wrap items-center gap-2">
        <Link
          to="/reports"
          className={buttonClass({ variant: 'ghost', className: `${PHONE_ICON} print:hidden` })}
        >
          <ArrowLeft aria-hidden className="size-4" />
          <span className="max-md:sr-only">
            <Trans>Reports</Trans>
          </span>
        </Link>
        <h1 className="min-w-0 flex-1 text-2xl font-semibold break-words text-slate-900">{title}</h1>
        {report?.shared && (
          <span className="rounded-full bg-teal-50 px-2 py-0.5 text-xs font-medium text-teal-900">
            <Trans>Shared</Trans>
          </span>
        )}
      </div>

      <div className="flex flex-wrap items-center gap-2 print:hidden">
        {!report ? (
          <Button onClick={() => setDialog('new')} disabled={b.waitingFor !== null}>
            <Save aria-hidden className="size-4" />
            <Trans>Save report</Trans>
          </Button>
        ) : editable ? (
          <>
            <Button onClick={saveChanges} disabled={busy || !b.dirty || b.waitingFor !== null}>
              <Save aria-hidden className="size-4" />
              {b.dirty ? <Trans>Save changes</Trans> : <Trans>Saved</Trans>}
            </Button>
            <Button variant="ghost" className={PHONE_ICON} onClick={() => setDialog('rename')}>
              <Pencil aria-hidden className="size-4" />
              <span className="max-md:sr-only">
                <Trans>Name and sharing</Trans>
              </span>
            </Button>
          </>
        ) : (
          <Button variant="secondary" onClick={() => setDialog('copy')} disabled={b.waitingFor !== null}>
            <Save aria-hidden className="size-4" />
            <Trans>Save as a new report</Trans>
          </Button>
        )}
        {report && <PinToggle report={report} />}
        <span className="flex-1" />
        {report && <CsvLinks report={report} dirty={b.dirty} />}
        <Button variant="ghost" className={PHONE_ICON} onClick={() => window.print()}>
          <Printer aria-hidden className="size-4" />
          <span className="max-md:sr-only">
            <Trans>Print</Trans>
          </span>
        </Button>
      </div>

      {b.stale && (
        <div
          role="alert"
          className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 print:hidden"
        >
          <p>
            <Trans>
              Someone else changed this report after you opened it, so your changes were not saved. Load their
              version (yours are dropped), or keep yours as a new report.
            </Trans>
          </p>
          <div className="flex flex-wrap gap-2">
            <Button variant="secondary" onClick={() => void b.reload()}>
              <Trans>Load their version</Trans>
            </Button>
            <Button variant="secondary" onClick={() => setDialog('copy')}>
              <Trans>Save mine as a new report</Trans>
            </Button>
            <Button variant="ghost" onClick={b.dismissStale}>
              <Trans>Keep editing</Trans>
            </Button>
          </div>
        </div>
      )}
      {b.errors[''] && (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800 print:hidden">
          <Trans>The server did not accept this report. Check your choices.</Trans>
        </p>
      )}

      <div className="report-layout grid gap-4 md:grid-cols-[minmax(15rem,20rem)_minmax(0,1fr)] md:items-start">
        {desktop ? (
          <section
            aria-label={t`Report settings`}
            className="report-controls rounded-lg border border-slate-200 bg-white p-4 print:hidden"
          >
            {controls}
          </section>
        ) : (
          // On a phone a saved report opens on its figures; its settings fold open above them.
          <details
            open={!report || Object.keys(b.errors).length > 0}
            className="report-controls group rounded-lg border border-slate-200 bg-white print:hidden"
          >
            <summary className="flex min-h-11 cursor-pointer list-none items-center justify-between gap-2 px-4 font-medium text-slate-900">
              <Trans>Report settings</Trans>
              <ChevronDown aria-hidden className="size-5 transition-transform group-open:rotate-180" />
            </summary>
            <div className="border-t border-slate-200 p-4">{controls}</div>
          </details>
        )}
        <div className="min-w-0 space-y-2" aria-busy={b.pending || undefined}>
          <PrintSummary draft={b.draft} />
          <ReportPreview
            title={chartTitle}
            draft={b.draft}
            waitingFor={b.waitingFor}
            dataset={b.run.data}
            loading={b.pending || b.fields.isPending}
            error={b.run.error ?? b.fields.error}
            onRetry={() => void b.run.refetch()}
          />
        </div>
      </div>

      <ReportSaveDialog
        open={dialog !== null}
        title={dialog === 'rename' ? t`Name and sharing` : t`Save report`}
        initialName={
          dialog === 'rename'
            ? (report?.name ?? '')
            : dialog === 'copy' && report
              ? t`${report.name} (copy)`
              : ''
        }
        initialShared={dialog === 'rename' ? Boolean(report?.shared) : false}
        canShare={canWrite(role)}
        onSave={dialog === 'rename' ? rename : saveNew}
        onClose={() => setDialog(null)}
      />
    </div>
  )
}
