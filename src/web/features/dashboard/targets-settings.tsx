import { Trans, useLingui } from '@lingui/react/macro'
import { useId, useState } from 'react'
import { SelectField } from '../../components/ui/field.tsx'
import { toast } from '../../components/ui/toast.tsx'
import { errorCode, useErrorText } from '../../lib/errors.ts'
import { useSignedIn } from '../../lib/session.ts'
import { useDatasetLabels } from '../charts/dataset-labels.ts'
import { fromMinor, toMinor } from '../deals/money.ts'
import { useSetTarget, useTargets } from '../forecast/forecast-api.ts'
import { useMembers } from '../people/people-api.ts'

// Monthly sales targets per owner (admins set them; everyone sees them in the forecast).
// Amounts in the workspace currency; an empty box or 0 removes the target.

/** One target, typed in place; saved when the box is left or Enter is pressed. */
export function TargetInput({
  userId,
  month,
  valueMinor,
  label,
  className,
}: {
  userId: string
  month: string
  valueMinor: number | null
  /** The accessible name, e.g. "Target for Abebe, Mar 2026". */
  label: string
  className?: string
}) {
  const { t } = useLingui()
  const { workspace } = useSignedIn()
  const errorText = useErrorText()
  const setTarget = useSetTarget()
  const shown = valueMinor ? fromMinor(valueMinor, workspace.currency) : ''
  const [text, setText] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const errorId = useId()
  const save = () => {
    if (text === null || text === shown) return setText(null)
    const amountMinor = toMinor(text, workspace.currency)
    if (amountMinor === null) return setError(t`Enter an amount, like 15000 or 15000.50`)
    setError(null)
    setTarget.mutate(
      { userId, month, amountMinor },
      {
        onSuccess: () => setText(null),
        onError: (err) => {
          const message = errorText(errorCode(err)) ?? ''
          setError(message)
          toast(message)
        },
      },
    )
  }
  return (
    <span className={className}>
      <input
        inputMode="decimal"
        aria-label={label}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        placeholder="—"
        className="min-h-11 w-full min-w-24 rounded-md border border-slate-300 bg-white px-2 text-right tabular-nums focus:outline-2 focus:outline-teal-700 aria-[invalid=true]:border-red-700"
        value={text ?? shown}
        disabled={setTarget.isPending}
        onChange={(e) => setText(e.target.value)}
        onBlur={save}
        onKeyDown={(e) => {
          if (e.key === 'Enter') save()
          if (e.key === 'Escape') {
            setText(null)
            setError(null)
          }
        }}
      />
      {error && (
        <span id={errorId} role="alert" className="block text-xs text-red-800">
          {error}
        </span>
      )}
    </span>
  )
}

export function TargetsSettings() {
  const { t } = useLingui()
  const { workspace } = useSignedIn()
  const labels = useDatasetLabels()
  const members = useMembers()
  const thisYear = Number(new Date().toISOString().slice(0, 4))
  const [year, setYear] = useState(thisYear)
  const [userId, setUserId] = useState('')
  const targets = useTargets(year)
  const member = members.data?.find((m) => m.userId === userId) ?? members.data?.[0]
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`)
  const monthName = (m: string) => labels.key({ key: 'month', bucket: 'month' }, m, null)
  return (
    <section
      aria-labelledby="targets-heading"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id="targets-heading" className="text-lg font-semibold text-slate-900">
        <Trans>Monthly targets</Trans>
      </h2>
      <p className="text-sm text-slate-700">
        <Trans>
          What each owner should win per month, in {workspace.currency}. Leave a box empty to remove its
          target.
        </Trans>
      </p>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <SelectField
          label={t`Owner`}
          value={member?.userId ?? ''}
          onChange={(e) => setUserId(e.target.value)}
        >
          {(members.data ?? []).map((m) => (
            <option key={m.userId} value={m.userId}>
              {m.name}
            </option>
          ))}
        </SelectField>
        <SelectField label={t`Year`} value={year} onChange={(e) => setYear(Number(e.target.value))}>
          {[thisYear - 1, thisYear, thisYear + 1].map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </SelectField>
      </div>
      {member && targets.data && (
        <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4">
          {months.map((m) => {
            const name = monthName(m)
            const found = targets.data.find((x) => x.userId === member.userId && x.month === m)
            return (
              <li key={m} className="space-y-1">
                <span aria-hidden className="block text-sm text-slate-700">
                  {name}
                </span>
                <TargetInput
                  // A new owner or year starts from what the server holds.
                  key={`${member.userId}-${m}-${found?.amountMinor ?? 0}`}
                  userId={member.userId}
                  month={m}
                  valueMinor={found?.amountMinor ?? null}
                  label={t`Target for ${member.name}, ${name}`}
                />
              </li>
            )
          })}
        </ul>
      )}
    </section>
  )
}
