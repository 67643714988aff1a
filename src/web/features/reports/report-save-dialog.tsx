import { Trans, useLingui } from '@lingui/react/macro'
import { type FormEvent, useEffect, useId, useRef, useState } from 'react'
import { Button } from '../../components/ui/button.tsx'
import { Dialog } from '../../components/ui/dialog.tsx'
import { TextField } from '../../components/ui/field.tsx'
import { isStatus } from '../../lib/api.ts'
import { errorCode, fromProblem, useErrorText } from '../../lib/errors.ts'

// Name and sharing of a report: for the first save, "Save as a new report" and renaming.
// A problem with the definition itself is handed back (it is shown next to its control).
export function ReportSaveDialog({
  open,
  title,
  initialName,
  initialShared,
  canShare,
  onSave,
  onClose,
}: {
  open: boolean
  title: string
  initialName: string
  initialShared: boolean
  /** Shared reports need a role that may write; others keep personal reports only. */
  canShare: boolean
  /** Throws the API error; a definition error closes the dialog (the builder shows it). */
  onSave: (name: string, shared: boolean) => Promise<void>
  onClose: () => void
}) {
  const { t } = useLingui()
  const errorText = useErrorText()
  const shareId = useId()
  const [name, setName] = useState(initialName)
  const [shared, setShared] = useState(initialShared)
  const [nameError, setNameError] = useState<string>()
  const [formError, setFormError] = useState<string>()
  const [busy, setBusy] = useState(false)
  // Filled in when the dialog opens; later changes of the report do not overwrite typing.
  const wasOpen = useRef(false)
  useEffect(() => {
    if (open && !wasOpen.current) {
      setName(initialName)
      setShared(initialShared)
      setNameError(undefined)
      setFormError(undefined)
    }
    wasOpen.current = open
  }, [open, initialName, initialShared])

  async function submit(e: FormEvent) {
    e.preventDefault()
    if (!name.trim()) return setNameError(errorText('required'))
    setBusy(true)
    setNameError(undefined)
    setFormError(undefined)
    try {
      await onSave(name.trim(), canShare && shared)
    } catch (err) {
      const fields = fromProblem(err)
      if (fields.name) setNameError(errorText(fields.name))
      else if (isStatus(err, 412))
        setFormError(t`Someone else changed this report in the meantime. Close this and reload it first.`)
      else if (Object.keys(fields).length) onClose()
      else setFormError(errorText(errorCode(err)))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog open={open} title={title} onClose={onClose}>
      <form onSubmit={submit} noValidate className="space-y-4">
        {formError && (
          <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
            {formError}
          </p>
        )}
        <TextField
          label={t`Report name`}
          value={name}
          maxLength={100}
          error={nameError}
          placeholder={t`For example: Won deals by month`}
          onChange={(e) => setName(e.target.value)}
        />
        {canShare && (
          <div className="flex items-start gap-3">
            <input
              id={shareId}
              type="checkbox"
              checked={shared}
              onChange={(e) => setShared(e.target.checked)}
              aria-describedby={`${shareId}-hint`}
              className="mt-1 size-5 accent-teal-700"
            />
            <div>
              <label htmlFor={shareId} className="font-medium text-slate-900">
                <Trans>Share with the workspace</Trans>
              </label>
              <p id={`${shareId}-hint`} className="text-sm text-slate-600">
                <Trans>Everyone in the workspace sees shared reports. Personal reports are yours only.</Trans>
              </p>
            </div>
          </div>
        )}
        <div className="flex flex-wrap gap-3">
          <Button type="submit" disabled={busy}>
            <Trans>Save report</Trans>
          </Button>
          <Button variant="secondary" onClick={onClose}>
            <Trans>Cancel</Trans>
          </Button>
        </div>
      </form>
    </Dialog>
  )
}
