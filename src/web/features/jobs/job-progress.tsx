import { Trans, useLingui } from '@lingui/react/macro'
import { useFormat } from '../../lib/format.ts'
import { type Job, jobPercent } from './use-job.ts'

// A progress bar for a background job: "1,200 of 5,000" in the user's language. Screen
// readers get the same through role=progressbar; while the total is unknown the bar is
// indeterminate (no aria-valuenow).
export function JobProgress({
  job,
  label,
}: {
  job: Pick<Job, 'status' | 'done' | 'total'> | undefined
  label: string
}) {
  const { t } = useLingui()
  const fmt = useFormat()
  const done = job?.done ?? 0
  const total = job?.total ?? null
  const percent = jobPercent(done, total)
  const doneText = fmt.number(done)
  const totalText = total === null ? '' : fmt.number(total)
  const text =
    total === null
      ? job?.status === 'running'
        ? t`${doneText} done`
        : t`Waiting to start…`
      : t`${doneText} of ${totalText}`
  return (
    <div className="min-w-0 flex-1 space-y-1">
      <div className="flex items-baseline justify-between gap-3 text-sm">
        <span className="font-medium text-slate-900">{label}</span>
        <span className="text-slate-700 tabular-nums" aria-hidden>
          {text}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={total ?? undefined}
        aria-valuenow={total === null ? undefined : done}
        aria-valuetext={text}
        className="h-2 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div
          className={
            percent === undefined
              ? 'h-full w-1/3 animate-pulse rounded-full bg-teal-700'
              : 'h-full rounded-full bg-teal-700 transition-[width] duration-500'
          }
          style={percent === undefined ? undefined : { width: `${percent}%` }}
        />
      </div>
      {job?.status === 'queued' && total !== null && (
        <p className="text-xs text-slate-600">
          <Trans>Waiting to start…</Trans>
        </p>
      )}
    </div>
  )
}
