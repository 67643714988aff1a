import { Trans, useLingui } from '@lingui/react/macro'
import { type ComponentProps, type ReactNode, useId } from 'react'
import type { ActivityType } from '../../../server/features/activities/activities.schema.ts'
import { CALL_OUTCOMES } from '../../../server/features/activities/activities.schema.ts'
import { SelectField, TextField } from '../../components/ui/field.tsx'
import { useSignedIn } from '../../lib/session.ts'
import { useMembers } from '../people/people-api.ts'
import { useActivityNames } from './activity-labels.ts'

// The fields of each kind of activity, and how what was typed becomes the API's body.
// One set of values serves all four forms, so switching tabs loses nothing typed.
export type ActivityValues = {
  title: string
  body: string
  direction: 'inbound' | 'outbound'
  minutes: string
  outcome: string
  startsAt: string
  endsAt: string
  place: string
  dueAt: string
  assigneeId: string
  done: boolean
}

export type Links = { personId?: string; companyId?: string; dealId?: string }

export const emptyValues = (): ActivityValues => ({
  title: '',
  body: '',
  direction: 'outbound',
  minutes: '',
  outcome: '',
  startsAt: '',
  endsAt: '',
  place: '',
  dueAt: '',
  assigneeId: '',
  done: false,
})

/** Which fields each form shows: a server error on any other field is shown above the form. */
export const SHOWN_FIELDS: Record<ActivityType, string[]> = {
  note: ['body'],
  call: ['direction', 'durationSeconds', 'outcome', 'body'],
  meeting: ['title', 'startsAt', 'endsAt', 'place', 'body'],
  task: ['title', 'dueAt', 'assigneeId', 'done'],
}

// datetime-local gives local wall time without a zone; the API wants an instant.
const iso = (local: string) => {
  const d = new Date(local)
  return local && !Number.isNaN(d.getTime()) ? d.toISOString() : ''
}
const orNull = (s: string) => (s.trim() ? s : null)

export function toBody(type: ActivityType, v: ActivityValues, links: Links): Record<string, unknown> {
  switch (type) {
    case 'note':
      return { type, body: v.body, ...links }
    case 'call':
      return {
        type,
        direction: v.direction,
        durationSeconds: v.minutes === '' ? null : Math.round(Number(v.minutes) * 60),
        outcome: v.outcome || null,
        body: orNull(v.body),
        ...links,
      }
    case 'meeting':
      return {
        type,
        title: orNull(v.title),
        startsAt: iso(v.startsAt),
        endsAt: iso(v.endsAt),
        place: orNull(v.place),
        body: orNull(v.body),
        ...links,
      }
    case 'task':
      return {
        type,
        title: v.title,
        dueAt: iso(v.dueAt),
        // Empty: the server assigns the task to whoever creates it.
        assigneeId: v.assigneeId || undefined,
        done: v.done,
        ...links,
      }
  }
}

type FormProps = {
  values: ActivityValues
  set: (patch: Partial<ActivityValues>) => void
  error: (field: string) => string | undefined
}

export function NoteFields({ values, set, error }: FormProps) {
  const { t } = useLingui()
  return (
    <MarkdownField
      label={t`Note`}
      value={values.body}
      error={error('body')}
      onChange={(body) => set({ body })}
    />
  )
}

export function CallFields({ values, set, error }: FormProps) {
  const { t } = useLingui()
  const names = useActivityNames()
  const group = useId() // radio name, unique per form on the page
  return (
    <>
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-slate-800">
          <Trans>Direction</Trans>
        </legend>
        <div className="flex flex-wrap gap-2">
          {(['outbound', 'inbound'] as const).map((d) => (
            <label
              key={d}
              className="flex min-h-11 items-center gap-2 rounded-md border border-slate-300 px-3 has-checked:border-teal-700 has-checked:bg-teal-50"
            >
              <input
                type="radio"
                name={group}
                className="size-4 accent-teal-700"
                checked={values.direction === d}
                onChange={() => set({ direction: d })}
              />
              {names.direction(d)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          label={t`Duration (minutes)`}
          type="number"
          inputMode="numeric"
          min={0}
          max={1440}
          step={1}
          value={values.minutes}
          error={error('durationSeconds')}
          onChange={(e) => set({ minutes: e.target.value })}
        />
        <SelectField
          label={t`Outcome`}
          value={values.outcome}
          error={error('outcome')}
          onChange={(e) => set({ outcome: e.target.value })}
        >
          <option value="">—</option>
          {CALL_OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {names.outcome(o)}
            </option>
          ))}
        </SelectField>
      </div>
      <MarkdownField
        label={t`Note (optional)`}
        value={values.body}
        error={error('body')}
        onChange={(body) => set({ body })}
      />
    </>
  )
}

export function MeetingFields({ values, set, error }: FormProps) {
  const { t } = useLingui()
  return (
    <>
      <TextField
        label={t`Title (optional)`}
        value={values.title}
        error={error('title')}
        onChange={(e) => set({ title: e.target.value })}
      />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          label={t`Starts`}
          type="datetime-local"
          value={values.startsAt}
          error={error('startsAt')}
          // A meeting usually lasts about an hour: suggest the end once the start is known.
          onChange={(e) =>
            set({ startsAt: e.target.value, endsAt: values.endsAt || plusHour(e.target.value) })
          }
        />
        <TextField
          label={t`Ends`}
          type="datetime-local"
          value={values.endsAt}
          min={values.startsAt || undefined}
          error={error('endsAt')}
          onChange={(e) => set({ endsAt: e.target.value })}
        />
      </div>
      <TextField
        label={t`Place`}
        value={values.place}
        error={error('place')}
        onChange={(e) => set({ place: e.target.value })}
      />
      <MarkdownField
        label={t`Notes`}
        value={values.body}
        error={error('body')}
        onChange={(body) => set({ body })}
      />
    </>
  )
}

export function TaskFields({ values, set, error }: FormProps) {
  const { t } = useLingui()
  const { user } = useSignedIn()
  const members = useMembers()
  return (
    <>
      <TextField
        label={t`What needs doing`}
        value={values.title}
        error={error('title')}
        onChange={(e) => set({ title: e.target.value })}
      />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          label={t`Due`}
          type="datetime-local"
          value={values.dueAt}
          error={error('dueAt')}
          onChange={(e) => set({ dueAt: e.target.value })}
        />
        <SelectField
          label={t`Assigned to`}
          value={values.assigneeId || user.id}
          error={error('assigneeId')}
          onChange={(e) => set({ assigneeId: e.target.value })}
        >
          {(members.data ?? [{ userId: user.id, name: user.name }]).map((m) => (
            <option key={m.userId} value={m.userId}>
              {m.name}
            </option>
          ))}
        </SelectField>
      </div>
      <label className="flex min-h-11 items-center gap-3 text-slate-800">
        <input
          type="checkbox"
          className="size-5 accent-teal-700"
          checked={values.done}
          onChange={(e) => set({ done: e.target.checked })}
        />
        <Trans>Already done</Trans>
      </label>
    </>
  )
}

/** "2026-03-03T10:00" → "2026-03-03T11:00", in the same local wall time as the input. */
function plusHour(local: string) {
  const d = new Date(local)
  if (!local || Number.isNaN(d.getTime())) return ''
  d.setHours(d.getHours() + 1)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/** A textarea for markdown, laid out like field.tsx's controls (which has no textarea). */
function MarkdownField({
  label,
  error,
  onChange,
  ...props
}: { label: ReactNode; error?: string; onChange: (v: string) => void } & Omit<
  ComponentProps<'textarea'>,
  'onChange'
>) {
  const id = useId()
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <textarea
        id={id}
        rows={4}
        dir="auto"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : `${id}-hint`}
        className="block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base text-slate-900 focus:outline-2 focus:outline-teal-700 aria-[invalid=true]:border-red-700"
        onChange={(e) => onChange(e.target.value)}
        {...props}
      />
      {error ? (
        <p id={`${id}-error`} className="text-sm text-red-800" role="alert">
          {error}
        </p>
      ) : (
        <p id={`${id}-hint`} className="text-sm text-slate-600">
          <Trans>**bold**, *italic*, - lists and links work.</Trans>
        </p>
      )}
    </div>
  )
}
