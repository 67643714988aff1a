import { Trans, useLingui } from '@lingui/react/macro'
import { parsePhoneNumberFromString } from 'libphonenumber-js/min'
import { Plus, X } from 'lucide-react'
import type { ReactNode } from 'react'
import { Button } from '../../components/ui/button.tsx'
import { SelectField, TextField } from '../../components/ui/field.tsx'
import type { ApiError } from '../../lib/api.ts'
import { errorCode, type FieldErrors, useErrorText } from '../../lib/errors.ts'
import { useSignedIn } from '../../lib/session.ts'
import { useMembers } from '../people/people-api.ts'

// Form pieces people and companies share: phone and email rows, the owner menu, and the
// answers to a duplicate (409) or a stale edit (412).
export type PhoneRow = { number: string; label: string | null }
export type EmailRow = { email: string; label: string | null }

export function PhoneRows({
  rows,
  onChange,
  errors,
}: {
  rows: PhoneRow[]
  onChange: (rows: PhoneRow[]) => void
  errors: FieldErrors
}) {
  const { t } = useLingui()
  const errorText = useErrorText()
  const { workspace } = useSignedIn()
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-semibold text-slate-900">
        <Trans>Phone numbers</Trans>
      </legend>
      {rows.map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place, the index is their identity
        <div key={i} className="flex items-start gap-2">
          <TextField
            className="flex-1"
            label={i === 0 ? t`Phone number` : t`Phone number ${i + 1}`}
            type="tel"
            inputMode="tel"
            autoComplete="off"
            value={p.number}
            hint={savedAs(p.number, workspace.country, t`Saved as`)}
            error={errorText(errors[`phones.${i}.number`])}
            onChange={(e) => onChange(rows.map((r, j) => (j === i ? { ...r, number: e.target.value } : r)))}
          />
          {rows.length > 1 && (
            <RemoveRow
              label={t`Remove this number`}
              onClick={() => onChange(rows.filter((_, j) => j !== i))}
            />
          )}
        </div>
      ))}
      <Button variant="ghost" onClick={() => onChange([...rows, { number: '', label: null }])}>
        <Plus aria-hidden className="size-4" />
        <Trans>Add another number</Trans>
      </Button>
    </fieldset>
  )
}

export function EmailRows({
  rows,
  onChange,
  errors,
}: {
  rows: EmailRow[]
  onChange: (rows: EmailRow[]) => void
  errors: FieldErrors
}) {
  const { t } = useLingui()
  const errorText = useErrorText()
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-semibold text-slate-900">
        <Trans>Emails</Trans>
      </legend>
      {rows.map((x, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place, the index is their identity
        <div key={i} className="flex items-start gap-2">
          <TextField
            className="flex-1"
            label={i === 0 ? t`Email` : t`Email ${i + 1}`}
            type="email"
            autoComplete="off"
            value={x.email}
            error={errorText(errors[`emails.${i}.email`])}
            onChange={(e) => onChange(rows.map((r, j) => (j === i ? { ...r, email: e.target.value } : r)))}
          />
          {rows.length > 1 && (
            <RemoveRow
              label={t`Remove this address`}
              onClick={() => onChange(rows.filter((_, j) => j !== i))}
            />
          )}
        </div>
      ))}
      <Button variant="ghost" onClick={() => onChange([...rows, { email: '', label: null }])}>
        <Plus aria-hidden className="size-4" />
        <Trans>Add another email</Trans>
      </Button>
    </fieldset>
  )
}

/** Rows as the API takes them: empty ones dropped. */
export const filledPhones = (rows: PhoneRow[]) => rows.filter((p) => p.number.trim())
export const filledEmails = (rows: EmailRow[]) => rows.filter((e) => e.email.trim())

export function OwnerSelect({
  value,
  onChange,
  error,
}: {
  value: string
  onChange: (ownerId: string) => void
  error?: string
}) {
  const { t } = useLingui()
  const { user } = useSignedIn()
  const members = useMembers()
  return (
    <SelectField label={t`Owner`} value={value} error={error} onChange={(e) => onChange(e.target.value)}>
      <option value="">{t`No owner`}</option>
      {(members.data ?? [{ userId: user.id, name: user.name }]).map((m) => (
        <option key={m.userId} value={m.userId}>
          {m.name}
        </option>
      ))}
    </SelectField>
  )
}

/** What a failed save says above the form: duplicate, someone else's edit, or another error. */
export function FormProblem({
  form,
  openExisting,
}: {
  form: {
    problem: ApiError | undefined
    errors: FieldErrors
    save: (allowDuplicate?: boolean) => unknown
    keepMine: () => unknown
    takeTheirs: () => unknown
  }
  openExisting: (existing: { id: string; name: string }) => ReactNode
}) {
  const { problem } = form
  const hasFieldErrors = Object.keys(form.errors).length > 0
  const onSaveAnyway = () => form.save(true)
  const onKeepMine = () => form.keepMine()
  const onTakeTheirs = () => form.takeTheirs()
  const errorText = useErrorText()
  const code = problem?.problem.code
  const existing = problem?.problem.existing
  const box = 'space-y-3 rounded-md border border-amber-300 bg-amber-50 p-4 text-amber-950'
  if (code === 'duplicate' && existing) {
    const existingName = existing.name
    return (
      <div role="alert" className={box}>
        <p>
          <Trans>{existingName} already has this phone number or email.</Trans>
        </p>
        <div className="flex flex-wrap gap-2">
          {openExisting(existing)}
          <Button variant="secondary" onClick={onSaveAnyway}>
            <Trans>Save anyway</Trans>
          </Button>
        </div>
      </div>
    )
  }
  if (code === 'version_mismatch') {
    return (
      <div role="alert" className={box}>
        <p>{errorText(code)}</p>
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" onClick={onKeepMine}>
            <Trans>Keep my changes</Trans>
          </Button>
          <Button variant="secondary" onClick={onTakeTheirs}>
            <Trans>Discard mine and load theirs</Trans>
          </Button>
        </div>
      </div>
    )
  }
  if (code && !hasFieldErrors) {
    return (
      <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
        {errorText(errorCode(problem))}
      </p>
    )
  }
  return null
}

export const openExistingClass =
  'inline-flex min-h-11 items-center rounded-md bg-amber-900 px-4 text-sm font-medium text-white'

export function FormButtons({ busy }: { busy: boolean }) {
  return (
    <div className="flex flex-wrap gap-3 border-t border-slate-200 pt-5">
      <Button type="submit" disabled={busy}>
        <Trans>Save</Trans>
      </Button>
      <Button variant="secondary" onClick={() => history.back()}>
        <Trans>Cancel</Trans>
      </Button>
    </div>
  )
}

function RemoveRow({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <Button variant="ghost" className="mt-6 px-3" onClick={onClick}>
      <X aria-hidden className="size-4" />
      <span className="sr-only">{label}</span>
    </Button>
  )
}

/** "Saved as +251 91 123 4567" once what was typed reads as a number of the workspace country. */
function savedAs(typed: string, country: string, prefix: string) {
  if (!typed.trim()) return undefined
  const parsed = parsePhoneNumberFromString(
    typed,
    country as Parameters<typeof parsePhoneNumberFromString>[1],
  )
  return parsed?.isValid() ? `${prefix} ${parsed.formatInternational()}` : undefined
}
