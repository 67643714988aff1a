import { Trans, useLingui } from '@lingui/react/macro'
import { useQueryClient } from '@tanstack/react-query'
import { type FormEvent, type ReactNode, useId, useState } from 'react'
import {
  ACTIVITY_TYPES,
  type ActivityType,
  activityCreateInput,
} from '../../../server/features/activities/activities.schema.ts'
import { Button } from '../../components/ui/button.tsx'
import { focusFirstError } from '../../components/ui/field.tsx'
import { toast } from '../../components/ui/toast.tsx'
import { api } from '../../lib/api.ts'
import { errorCode, type FieldErrors, fromProblem, fromZod, useErrorText } from '../../lib/errors.ts'
import { canWrite, useSignedIn } from '../../lib/session.ts'
import {
  type ActivityValues,
  CallFields,
  emptyValues,
  type Links,
  MeetingFields,
  NoteFields,
  SHOWN_FIELDS,
  TaskFields,
  toBody,
} from './activity-forms.tsx'
import { TYPE_ICONS, useActivityNames } from './activity-labels.ts'
import { refreshActivityViews } from './tasks-api.ts'

// Log a note, call or meeting, or add a task, above a record's timeline. Checked with the
// server's own zod schema before sending; errors sit next to their fields.
const LINK_FIELDS = ['personId', 'companyId', 'dealId']
const DATE_FIELDS = ['startsAt', 'endsAt', 'dueAt'] as const

export function ActivityComposer({
  links,
  types = ACTIVITY_TYPES,
  linkField,
  onSaved,
}: {
  links: Links
  /** The tabs to offer; with one type there are no tabs (the tasks page adds tasks only). */
  types?: readonly ActivityType[]
  /** Where the user picks what to link to, when the page is not a record's page. */
  linkField?: (error: string | undefined) => ReactNode
  onSaved?: () => void
}) {
  const { t } = useLingui()
  const { role } = useSignedIn()
  const qc = useQueryClient()
  const errorText = useErrorText()
  const names = useActivityNames()
  const tabName = useId()
  const [type, setType] = useState<ActivityType>(types[0] ?? 'note')
  const [values, setValues] = useState<ActivityValues>(emptyValues)
  // One id per draft: if the answer is lost and the user sends again, the server sees a
  // replay and does not create a second activity.
  const [draftId, setDraftId] = useState(() => crypto.randomUUID())
  const [errors, setErrors] = useState<FieldErrors>({})
  const [failure, setFailure] = useState<string>()
  const [busy, setBusy] = useState(false)
  if (!canWrite(role)) return null

  const set = (patch: Partial<ActivityValues>) => setValues((v) => ({ ...v, ...patch }))

  function fieldError(field: string): string | undefined {
    const code = errors[field]
    if (!code) return undefined
    if (field === 'endsAt' && code === 'custom') return t`A meeting ends after it starts`
    if ((DATE_FIELDS as readonly string[]).includes(field)) {
      return values[field as (typeof DATE_FIELDS)[number]] ? t`Enter a date and time` : errorText('required')
    }
    if (field === 'body' && code === 'custom') return errorText('required')
    if (field === 'durationSeconds') return t`Enter whole minutes, at most 24 hours`
    if (code === 'link_required') return t`Link it to a person, a company or a deal`
    if (code === 'not_a_member') return t`Choose a member of this workspace`
    return errorText(code)
  }

  async function submit(e: FormEvent) {
    e.preventDefault()
    const body = toBody(type, values, links)
    const checked = activityCreateInput.safeParse(body)
    const found: FieldErrors = checked.success ? {} : fromZod(checked.error)
    if (!LINK_FIELDS.some((f) => links[f as keyof Links])) found.personId = 'link_required'
    setFailure(undefined)
    setErrors(found)
    if (Object.keys(found).length) return focusFirstError()
    setBusy(true)
    try {
      await api('/api/v1/activities', { method: 'POST', body: { id: draftId, ...body } })
      // Every loaded timeline (the server also puts the activity on the person's company),
      // refetched in the background: the form is free again at once.
      void refreshActivityViews(qc)
      setValues(emptyValues())
      setDraftId(crypto.randomUUID())
      const saved = {
        note: t`Note saved`,
        call: t`Call logged`,
        meeting: t`Meeting saved`,
        task: t`Task added`,
      }
      toast(saved[type])
      onSaved?.()
    } catch (err) {
      const fields = fromProblem(err)
      setErrors(fields)
      if (!Object.keys(fields).length) setFailure(errorText(errorCode(err)))
      focusFirstError()
    } finally {
      setBusy(false)
    }
  }

  // A server error about a field this form does not show (e.g. the link) goes on top.
  const linkError = LINK_FIELDS.map(fieldError).find(Boolean)
  const stray = Object.keys(errors).find((f) => !SHOWN_FIELDS[type].includes(f) && !LINK_FIELDS.includes(f))
  const topError = failure ?? (linkField ? undefined : linkError) ?? (stray && fieldError(stray))
  const props = { values, set, error: fieldError }
  const submitText = { note: t`Save note`, call: t`Log call`, meeting: t`Save meeting`, task: t`Add task` }

  return (
    <form
      noValidate
      onSubmit={submit}
      aria-label={types.length === 1 ? names.type(type) : t`Add to the timeline`}
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4"
    >
      {types.length > 1 && (
        <fieldset>
          <legend className="sr-only">
            <Trans>Kind of activity</Trans>
          </legend>
          {/* Native radios: arrow keys move between them, no tablist script needed. */}
          <div className="grid grid-cols-4 gap-1 rounded-md bg-slate-100 p-1">
            {types.map((ty) => {
              const Icon = TYPE_ICONS[ty]
              return (
                <label
                  key={ty}
                  className="flex min-h-11 cursor-pointer flex-col items-center justify-center gap-0.5 rounded px-1 text-center text-xs break-words text-slate-700 has-checked:bg-white has-checked:font-semibold has-checked:text-teal-800 has-checked:shadow-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-teal-700 sm:flex-row sm:gap-2 sm:text-sm"
                >
                  <input
                    type="radio"
                    name={tabName}
                    className="sr-only"
                    checked={type === ty}
                    onChange={() => {
                      setType(ty)
                      setErrors({})
                      setFailure(undefined)
                    }}
                  />
                  <Icon aria-hidden className="size-4 shrink-0" />
                  {names.type(ty)}
                </label>
              )
            })}
          </div>
        </fieldset>
      )}
      {topError && (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          {topError}
        </p>
      )}
      {linkField?.(linkError)}
      {type === 'note' && <NoteFields {...props} />}
      {type === 'call' && <CallFields {...props} />}
      {type === 'meeting' && <MeetingFields {...props} />}
      {type === 'task' && <TaskFields {...props} />}
      <Button type="submit" disabled={busy}>
        {submitText[type]}
      </Button>
    </form>
  )
}
