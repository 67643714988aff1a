import { Trans, useLingui } from '@lingui/react/macro'
import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react'
import { errorCode, fromProblem, useErrorText } from '../../lib/errors.ts'
import { Button } from './button.tsx'
import { Dialog } from './dialog.tsx'
import { TextField } from './field.tsx'

export type NameSharingTexts = {
  nameLabel: string
  placeholder: string
  shareHint: ReactNode
  save: ReactNode
}

/**
 * A name and a "share with the workspace" box, for whatever is saved personal or shared
 * (list views, reports). `onSave` throws the API error; `onError` may turn it into a
 * message for the form (a stale version, say) or 'close'; else the code's own text shows.
 */
/** What the caller of a view's or a report's dialog passes; texts and errors are theirs. */
export type NameSharingProps = {
  open: boolean
  title: string
  initialName: string
  initialShared: boolean
  /** Shared items need a role that may write; others keep personal ones only. */
  canShare: boolean
  onSave: (name: string, shared: boolean) => Promise<void>
  onClose: () => void
}

export function NameSharingDialog({
  open,
  title,
  texts,
  initialName,
  initialShared,
  canShare,
  onSave,
  onError,
  onClose,
}: NameSharingProps & {
  texts: NameSharingTexts
  onError?: (err: unknown) => string | 'close' | undefined
}) {
  const { t } = useLingui()
  const errorText = useErrorText()
  const shareId = useId()
  const [name, setName] = useState(initialName)
  const [shared, setShared] = useState(initialShared)
  const [nameError, setNameError] = useState<string>()
  const [formError, setFormError] = useState<string>()
  const [busy, setBusy] = useState(false)
  // Filled in when the dialog opens; later changes of the item do not overwrite typing.
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
      const handled = onError?.(err)
      if (fields.name) setNameError(errorText(fields.name))
      else if (handled === 'close') onClose()
      else setFormError(handled ?? errorText(errorCode(err)))
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
          label={texts.nameLabel}
          value={name}
          maxLength={100}
          error={nameError}
          placeholder={texts.placeholder}
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
                {texts.shareHint}
              </p>
            </div>
          </div>
        )}
        <div className="flex flex-wrap gap-3">
          <Button type="submit" disabled={busy}>
            {texts.save}
          </Button>
          <Button variant="secondary" onClick={onClose}>
            {t`Cancel`}
          </Button>
        </div>
      </form>
    </Dialog>
  )
}
