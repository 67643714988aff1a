import { Trans, useLingui } from '@lingui/react/macro'
import { useQueryClient } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { Download, Undo2 } from 'lucide-react'
import { useEffect, useRef, useState } from 'react'
import { Button, buttonClass } from '../../components/ui/button.tsx'
import { errorCode, useErrorText } from '../../lib/errors.ts'
import { useFormat } from '../../lib/format.ts'
import { canWrite, useSignedIn } from '../../lib/session.ts'
import { JobProgress } from '../jobs/job-progress.tsx'
import { useJob } from '../jobs/use-job.ts'
import { ACTIVE, collectionOf, type Import, useRevertImport } from './imports-api.ts'
import { StepHeading } from './step-heading.tsx'

// Step 3: the import runs on the server (the page may be left and come back to); a live
// progress bar, then the summary, the failed rows to download, and undo.
export function ProgressStep({ imp }: { imp: Import }) {
  const { t } = useLingui()
  const fmt = useFormat()
  const { role } = useSignedIn()
  const errorText = useErrorText()
  const revert = useRevertImport(imp.id)
  const [confirming, setConfirming] = useState(false)
  const reverting = imp.status === 'reverting'
  // The undo runs as its own job: its done/total are the undo's progress, its result the outcome.
  const job = useJob(reverting || imp.status === 'reverted' ? (imp.jobId ?? undefined) : undefined)
  useRefreshListsWhenFinished(imp)

  const { counts } = imp
  const progress = reverting
    ? (job.data ?? { status: 'queued' as const, done: 0, total: null })
    : {
        // The sentence above already says when it waits to start.
        status: 'running' as const,
        done: counts.done,
        total: counts.total || imp.rowCount,
      }
  const collection = collectionOf(imp.object)
  const undoable =
    canWrite(role) &&
    (imp.status === 'done' || imp.status === 'failed') &&
    counts.created + counts.updated > 0

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <StepHeading>
          <StepTitle status={imp.status} />
        </StepHeading>
        <p aria-live="polite" className="text-slate-700">
          <StatusSentence status={imp.status} />
        </p>
        {imp.status === 'reverted' && <RevertOutcome result={job.data?.result} />}
      </div>

      {ACTIVE.has(imp.status) && (
        <JobProgress job={progress} label={reverting ? t`Undo progress` : t`Import progress`} />
      )}

      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {(
          [
            ['created', t`Created`],
            ['updated', t`Updated`],
            ['skipped', t`Skipped`],
            ['failed', t`Failed`],
          ] as const
        ).map(([key, label]) => (
          <div key={key} className="rounded-lg border border-slate-200 bg-white p-3">
            <dt className="text-sm text-slate-700">{label}</dt>
            <dd
              className={`text-2xl font-semibold ${key === 'failed' && counts.failed > 0 ? 'text-red-800' : 'text-slate-900'}`}
            >
              {fmt.number(counts[key])}
            </dd>
          </div>
        ))}
      </dl>

      <div className="flex flex-wrap gap-3">
        {imp.status === 'done' && (
          <Link to={collection === 'people' ? '/people' : '/companies'} search={{}} className={buttonClass()}>
            {collection === 'people' ? <Trans>Open people</Trans> : <Trans>Open companies</Trans>}
          </Link>
        )}
        {counts.failed > 0 && (
          <a
            href={`/api/v1/imports/${imp.id}/errors.csv`}
            download
            className={buttonClass({ variant: 'secondary' })}
          >
            <Download aria-hidden className="size-4" />
            <Trans>Download rows with errors</Trans>
          </a>
        )}
        {undoable && (
          <Button variant="danger" onClick={() => setConfirming(true)} disabled={revert.isPending}>
            <Undo2 aria-hidden className="size-4" />
            <Trans>Undo this import</Trans>
          </Button>
        )}
      </div>
      {counts.failed > 0 && (
        <p className="text-sm text-slate-700">
          <Trans>
            The file of rows with errors says what is wrong with each row. Correct them there and import that
            file again.
          </Trans>
        </p>
      )}
      {revert.isError && (
        <p role="alert" className="text-sm text-red-800">
          {errorText(errorCode(revert.error))}
        </p>
      )}

      <UndoDialog
        open={confirming}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false)
          revert.mutate()
        }}
      />
    </div>
  )
}

function StepTitle({ status }: { status: Import['status'] }) {
  switch (status) {
    case 'done':
      return <Trans>Import finished</Trans>
    case 'failed':
      return <Trans>The import stopped</Trans>
    case 'reverting':
      return <Trans>Undoing the import</Trans>
    case 'reverted':
      return <Trans>The import was undone</Trans>
    default:
      return <Trans>Importing</Trans>
  }
}

function StatusSentence({ status }: { status: Import['status'] }) {
  switch (status) {
    case 'queued':
      return <Trans>Waiting to start. You can leave this page; the import goes on.</Trans>
    case 'running':
      return <Trans>The rows are being imported. You can leave this page and come back.</Trans>
    case 'done':
      return <Trans>Every row has been handled.</Trans>
    case 'failed':
      return <Trans>Something went wrong on the server. The rows imported so far are kept.</Trans>
    case 'reverting':
      return <Trans>Deleting what the import created and restoring what it updated.</Trans>
    case 'reverted':
      return <Trans>What the import created was deleted and what it updated was restored.</Trans>
    default:
      return null
  }
}

/** What the undo did, from its job's result: deleted, restored, moved to the trash. */
function RevertOutcome({ result }: { result: Record<string, unknown> | null | undefined }) {
  const { t } = useLingui()
  const fmt = useFormat()
  if (!result) return null
  const n = (key: string) => fmt.number(typeof result[key] === 'number' ? (result[key] as number) : 0)
  const [deleted, restored, trashed] = [n('deleted'), n('restored'), n('trashed')]
  return (
    <p className="text-sm text-slate-700">
      {[t`${deleted} deleted`, t`${restored} restored`, t`${trashed} moved to the trash`].join(' · ')}
    </p>
  )
}

/** When an import or its undo ends, the people or companies lists are out of date. */
function useRefreshListsWhenFinished(imp: Import) {
  const qc = useQueryClient()
  const previous = useRef(imp.status)
  useEffect(() => {
    if (ACTIVE.has(previous.current) && !ACTIVE.has(imp.status)) {
      void qc.invalidateQueries({ queryKey: [collectionOf(imp.object)] })
      if (imp.object === 'person') void qc.invalidateQueries({ queryKey: ['companies'] })
    }
    previous.current = imp.status
  }, [imp.status, imp.object, qc])
}

function UndoDialog({
  open,
  onConfirm,
  onCancel,
}: {
  open: boolean
  onConfirm: () => void
  onCancel: () => void
}) {
  const ref = useRef<HTMLDialogElement>(null)
  const cancel = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    if (open) {
      ref.current?.showModal()
      // The safe choice has the focus: Enter or Space does not undo by accident.
      cancel.current?.focus()
    } else ref.current?.close()
  }, [open])
  return (
    <dialog
      ref={ref}
      onCancel={onCancel}
      aria-labelledby="undo-import-title"
      aria-describedby="undo-import-text"
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl p-0 backdrop:bg-slate-900/40"
    >
      <div className="space-y-4 p-6">
        <h2 id="undo-import-title" className="text-lg font-semibold text-slate-900">
          <Trans>Undo this import?</Trans>
        </h2>
        <p id="undo-import-text" className="text-slate-700">
          <Trans>
            This deletes the records the import created and gives the records it updated their previous values
            back.
          </Trans>
        </p>
        <p className="text-sm text-slate-700">
          <Trans>
            A created record that has deals or activities since is moved to the trash instead, so that work is
            not lost.
          </Trans>
        </p>
        <div className="flex flex-wrap gap-3">
          <Button variant="danger" onClick={onConfirm}>
            <Trans>Undo the import</Trans>
          </Button>
          <Button ref={cancel} variant="secondary" onClick={onCancel}>
            <Trans>Cancel</Trans>
          </Button>
        </div>
      </div>
    </dialog>
  )
}
