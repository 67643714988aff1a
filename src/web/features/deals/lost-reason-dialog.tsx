import { Trans, useLingui } from '@lingui/react/macro'
import { type FormEvent, useEffect, useRef, useState } from 'react'
import { Button } from '../../components/ui/button.tsx'
import { TextField } from '../../components/ui/field.tsx'

// A lost deal needs a reason (price, timing, a competitor…): asked in a modal <dialog>,
// which traps focus and closes with Escape by itself.
export function LostReasonDialog({
  title,
  onConfirm,
  onCancel,
}: {
  title: string | null
  onConfirm: (reason: string) => void
  onCancel: () => void
}) {
  const { t } = useLingui()
  const ref = useRef<HTMLDialogElement>(null)
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string>()
  useEffect(() => {
    if (title) {
      setReason('')
      setError(undefined)
      ref.current?.showModal()
    } else ref.current?.close()
  }, [title])

  function submit(e: FormEvent) {
    e.preventDefault()
    if (!reason.trim()) return setError(t`Required`)
    onConfirm(reason.trim())
  }

  return (
    <dialog
      ref={ref}
      onCancel={onCancel}
      aria-labelledby="lost-title"
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl p-0 backdrop:bg-slate-900/40"
    >
      <form onSubmit={submit} className="space-y-4 p-6">
        <h2 id="lost-title" className="text-lg font-semibold text-slate-900">
          <Trans>Why was {title} lost?</Trans>
        </h2>
        <TextField
          label={t`Reason`}
          value={reason}
          error={error}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t`Price, timing, chose a competitor…`}
        />
        <div className="flex gap-3">
          <Button type="submit">
            <Trans>Mark as lost</Trans>
          </Button>
          <Button variant="secondary" onClick={onCancel}>
            <Trans>Cancel</Trans>
          </Button>
        </div>
      </form>
    </dialog>
  )
}
