import { Trans, useLingui } from '@lingui/react/macro'
import { useQueryClient } from '@tanstack/react-query'
import { Link, useNavigate } from '@tanstack/react-router'
import { parsePhoneNumberFromString } from 'libphonenumber-js/min'
import { Plus, X } from 'lucide-react'
import { type FormEvent, useState } from 'react'
import { personCreateInput } from '../../../server/features/people/people.schema.ts'
import { Button } from '../../components/ui/button.tsx'
import { focusFirstError, SelectField, TextField } from '../../components/ui/field.tsx'
import { ApiError, api } from '../../lib/api.ts'
import { errorCode, type FieldErrors, fromProblem, fromZod, useErrorText } from '../../lib/errors.ts'
import { useSignedIn } from '../../lib/session.ts'
import type { Person } from '../../lib/types.ts'
import { useMembers } from './people-api.ts'

// Create and edit a person. The shared zod schema checks the form before it is sent; the
// server's answer (invalid phone, duplicate, stale version) lands next to the same fields.
// Nothing typed is lost on an error.
type Values = {
  firstName: string
  lastName: string
  jobTitle: string
  ownerId: string
  phones: { number: string; label: string | null }[]
  emails: { email: string; label: string | null }[]
}

const toValues = (p: Person | undefined, userId: string): Values => ({
  firstName: p?.firstName ?? '',
  lastName: p?.lastName ?? '',
  jobTitle: p?.jobTitle ?? '',
  ownerId: p ? (p.owner?.id ?? '') : userId,
  phones: p?.phones.length
    ? p.phones.map((x) => ({ number: x.e164, label: x.label }))
    : [{ number: '', label: null }],
  emails: p?.emails.length ? p.emails.map((x) => ({ ...x })) : [{ email: '', label: null }],
})

/** What is sent: empty rows dropped, empty job title as null. */
function toBody(v: Values) {
  return {
    firstName: v.firstName,
    lastName: v.lastName,
    jobTitle: v.jobTitle.trim() || null,
    ownerId: v.ownerId || null,
    phones: v.phones.filter((p) => p.number.trim()),
    emails: v.emails.filter((e) => e.email.trim()),
  }
}

export function PersonForm({ person }: { person?: Person }) {
  const { t } = useLingui()
  const errorText = useErrorText()
  const navigate = useNavigate()
  const qc = useQueryClient()
  const { user, workspace } = useSignedIn()
  const members = useMembers()
  const [values, setValues] = useState<Values>(() => toValues(person, user.id))
  const [version, setVersion] = useState(person?.version)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [problem, setProblem] = useState<ApiError>()
  const [busy, setBusy] = useState(false)

  async function save(allowDuplicate = false) {
    const body = toBody(values)
    const checked = personCreateInput.safeParse(body)
    if (!checked.success) {
      setErrors(fromZod(checked.error))
      return focusFirstError()
    }
    setBusy(true)
    setErrors({})
    setProblem(undefined)
    try {
      const qs = allowDuplicate ? '?allowDuplicate=true' : ''
      const saved = person
        ? await api<Person>(`/api/v1/people/${person.id}${qs}`, { method: 'PATCH', body, version })
        : await api<Person>(`/api/v1/people${qs}`, {
            method: 'POST',
            body: { id: crypto.randomUUID(), ...body },
          })
      qc.setQueryData(['people', saved.id], saved)
      await qc.invalidateQueries({ queryKey: ['people', 'list'] })
      await navigate({ to: '/people/$id', params: { id: saved.id } })
    } catch (err) {
      setErrors(fromProblem(err))
      if (err instanceof ApiError) setProblem(err)
      focusFirstError()
    } finally {
      setBusy(false)
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault()
    void save()
  }

  /** After a 412: take the newer version number and keep what the user typed. */
  async function keepMine() {
    if (!person) return
    const latest = await api<Person>(`/api/v1/people/${person.id}`)
    setVersion(latest.version)
    setProblem(undefined)
  }
  async function takeTheirs() {
    if (!person) return
    const latest = await api<Person>(`/api/v1/people/${person.id}`)
    setValues(toValues(latest, user.id))
    setVersion(latest.version)
    setProblem(undefined)
  }

  const setPhone = (i: number, number: string) =>
    setValues({ ...values, phones: values.phones.map((p, j) => (j === i ? { ...p, number } : p)) })
  const setEmail = (i: number, email: string) =>
    setValues({ ...values, emails: values.emails.map((x, j) => (j === i ? { ...x, email } : x)) })

  const code = problem?.problem.code
  const existing = problem?.problem.existing
  const existingName = existing?.name ?? ''
  return (
    <form onSubmit={submit} noValidate className="max-w-2xl space-y-5">
      {code === 'duplicate' && existing && (
        <div
          role="alert"
          className="space-y-3 rounded-md border border-amber-300 bg-amber-50 p-4 text-amber-950"
        >
          <p>
            <Trans>{existingName} already has this phone number or email.</Trans>
          </p>
          <div className="flex flex-wrap gap-2">
            <Link
              to="/people/$id"
              params={{ id: existing.id }}
              className="inline-flex min-h-11 items-center rounded-md bg-amber-900 px-4 text-sm font-medium text-white"
            >
              <Trans>Open {existingName}</Trans>
            </Link>
            <Button variant="secondary" onClick={() => save(true)}>
              <Trans>Save anyway</Trans>
            </Button>
          </div>
        </div>
      )}
      {code === 'version_mismatch' && (
        <div
          role="alert"
          className="space-y-3 rounded-md border border-amber-300 bg-amber-50 p-4 text-amber-950"
        >
          <p>{errorText(code)}</p>
          <div className="flex flex-wrap gap-2">
            <Button variant="secondary" onClick={keepMine}>
              <Trans>Keep my changes</Trans>
            </Button>
            <Button variant="secondary" onClick={takeTheirs}>
              <Trans>Discard mine and load theirs</Trans>
            </Button>
          </div>
        </div>
      )}
      {code && code !== 'duplicate' && code !== 'version_mismatch' && !Object.keys(errors).length && (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          {errorText(errorCode(problem))}
        </p>
      )}

      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t`First name`}
          autoComplete="off"
          value={values.firstName}
          error={errorText(errors.firstName)}
          onChange={(e) => setValues({ ...values, firstName: e.target.value })}
        />
        <TextField
          label={t`Last name`}
          autoComplete="off"
          value={values.lastName}
          error={errorText(errors.lastName)}
          onChange={(e) => setValues({ ...values, lastName: e.target.value })}
        />
      </div>
      <TextField
        label={t`Job title`}
        value={values.jobTitle}
        error={errorText(errors.jobTitle)}
        onChange={(e) => setValues({ ...values, jobTitle: e.target.value })}
      />

      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-slate-900">
          <Trans>Phone numbers</Trans>
        </legend>
        {values.phones.map((p, i) => (
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
              onChange={(e) => setPhone(i, e.target.value)}
            />
            {values.phones.length > 1 && (
              <RemoveRow
                label={t`Remove this number`}
                onClick={() => setValues({ ...values, phones: values.phones.filter((_, j) => j !== i) })}
              />
            )}
          </div>
        ))}
        <Button
          variant="ghost"
          onClick={() => setValues({ ...values, phones: [...values.phones, { number: '', label: null }] })}
        >
          <Plus aria-hidden className="size-4" />
          <Trans>Add another number</Trans>
        </Button>
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-slate-900">
          <Trans>Emails</Trans>
        </legend>
        {values.emails.map((x, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place, the index is their identity
          <div key={i} className="flex items-start gap-2">
            <TextField
              className="flex-1"
              label={i === 0 ? t`Email` : t`Email ${i + 1}`}
              type="email"
              autoComplete="off"
              value={x.email}
              error={errorText(errors[`emails.${i}.email`])}
              onChange={(e) => setEmail(i, e.target.value)}
            />
            {values.emails.length > 1 && (
              <RemoveRow
                label={t`Remove this address`}
                onClick={() => setValues({ ...values, emails: values.emails.filter((_, j) => j !== i) })}
              />
            )}
          </div>
        ))}
        <Button
          variant="ghost"
          onClick={() => setValues({ ...values, emails: [...values.emails, { email: '', label: null }] })}
        >
          <Plus aria-hidden className="size-4" />
          <Trans>Add another email</Trans>
        </Button>
      </fieldset>

      <SelectField
        label={t`Owner`}
        value={values.ownerId}
        error={errorText(errors.ownerId)}
        onChange={(e) => setValues({ ...values, ownerId: e.target.value })}
      >
        <option value="">{t`No owner`}</option>
        {(members.data ?? [{ userId: user.id, name: user.name }]).map((m) => (
          <option key={m.userId} value={m.userId}>
            {m.name}
          </option>
        ))}
      </SelectField>

      <div className="flex flex-wrap gap-3 border-t border-slate-200 pt-5">
        <Button type="submit" disabled={busy}>
          <Trans>Save</Trans>
        </Button>
        <Button variant="secondary" onClick={() => history.back()}>
          <Trans>Cancel</Trans>
        </Button>
      </div>
    </form>
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
