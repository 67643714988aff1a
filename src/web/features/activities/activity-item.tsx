import { Trans, useLingui } from '@lingui/react/macro'
import { useQueryClient } from '@tanstack/react-query'
import { MapPin, PhoneIncoming, PhoneOutgoing, Trash2 } from 'lucide-react'
import { useState } from 'react'
import type { TimelineActivity } from '../../../server/features/timeline/timeline.schema.ts'
import { toast } from '../../components/ui/toast.tsx'
import { api } from '../../lib/api.ts'
import { errorCode, useErrorText } from '../../lib/errors.ts'
import { useFormat } from '../../lib/format.ts'
import { canWrite, useSignedIn } from '../../lib/session.ts'
import { TYPE_ICONS, useActivityNames, useDuration, useTimeRange } from './activity-labels.ts'
import { renderMarkdown } from './markdown.ts'
import { type Activity, refreshActivityViews, setTaskDone } from './tasks-api.ts'

// A note, call, meeting or task as the timeline shows it, under the event's "who, when".
// Tailwind's reset strips list bullets and link colours; these bring them back inside notes.
const markdownClass =
  'text-sm text-slate-800 break-words [&_a]:text-teal-800 [&_a]:underline [&_blockquote]:border-l-2 [&_blockquote]:pl-3 [&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_ol]:list-decimal [&_ol]:pl-5 [&_p]:my-1 [&_pre]:overflow-x-auto [&_ul]:list-disc [&_ul]:pl-5'

export function ActivityItem({ activity: a }: { activity: TimelineActivity }) {
  const fmt = useFormat()
  const names = useActivityNames()
  const duration = useDuration()
  const timeRange = useTimeRange()
  const Icon = TYPE_ICONS[a.type]
  const CallIcon = a.direction === 'inbound' ? PhoneIncoming : PhoneOutgoing
  return (
    <div className="mt-2 flex gap-3 rounded-md border border-slate-200 bg-white p-3">
      <Icon aria-hidden className="mt-0.5 size-5 shrink-0 text-teal-700" />
      <div className="min-w-0 flex-1 space-y-1">
        <span className="sr-only">{names.type(a.type)}</span>
        {a.type === 'task' ? (
          <TaskCheck activity={a} />
        ) : (
          a.title && (
            <p dir="auto" className="font-medium break-words text-slate-900">
              {a.title}
            </p>
          )
        )}
        {a.type === 'call' && (
          <p className="flex flex-wrap items-center gap-x-2 text-sm text-slate-700">
            {a.direction && (
              <span className="inline-flex items-center gap-1">
                <CallIcon aria-hidden className="size-4" />
                {names.direction(a.direction)}
              </span>
            )}
            {a.durationSeconds !== null && <span>· {duration(a.durationSeconds)}</span>}
            {a.outcome && <span>· {names.outcome(a.outcome)}</span>}
          </p>
        )}
        {a.type === 'meeting' && (
          <p className="flex flex-wrap items-center gap-x-2 text-sm text-slate-700">
            <time dateTime={a.occurredAt}>{timeRange(a.occurredAt, a.endsAt)}</time>
            {a.place && (
              <span dir="auto" className="inline-flex items-center gap-1">
                <MapPin aria-hidden className="size-4" />
                {a.place}
              </span>
            )}
          </p>
        )}
        {a.type === 'task' && a.dueAt && <DueLine dueAt={a.dueAt} done={a.done} at={fmt.dateTime(a.dueAt)} />}
        {a.summary && (
          <div
            dir="auto"
            className={markdownClass}
            // Safe only because renderMarkdown escapes all HTML and refuses unsafe link schemes
            // (see markdown.ts and its tests); never pass unrendered text here.
            // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by markdown.ts
            dangerouslySetInnerHTML={{ __html: renderMarkdown(a.summary) }}
          />
        )}
      </div>
      <DeleteActivity activity={a} />
    </div>
  )
}

/** To the trash, with Undo: the timeline entry goes with it and comes back on restore. */
function DeleteActivity({ activity }: { activity: TimelineActivity }) {
  const { t } = useLingui()
  const errorText = useErrorText()
  const qc = useQueryClient()
  const { role } = useSignedIn()
  if (!canWrite(role)) return null
  async function remove() {
    try {
      const current = await api<Activity>(`/api/v1/activities/${activity.id}`)
      const deleted = await api<Activity>(`/api/v1/activities/${activity.id}`, {
        method: 'DELETE',
        version: current.version,
      })
      await refreshActivityViews(qc)
      toast(t`Moved to the trash`, {
        label: t`Undo`,
        run: async () => {
          await api(`/api/v1/activities/${activity.id}/restore`, { method: 'POST', version: deleted.version })
          await refreshActivityViews(qc)
        },
      })
    } catch (err) {
      toast(errorText(errorCode(err)) ?? '')
    }
  }
  return (
    <button
      type="button"
      onClick={remove}
      className="-m-2 min-h-11 min-w-11 self-start rounded text-slate-500 hover:bg-slate-100 hover:text-red-800"
    >
      <Trash2 aria-hidden className="mx-auto size-4" />
      <span className="sr-only">{t`Delete`}</span>
    </button>
  )
}

function DueLine({ dueAt, done, at }: { dueAt: string; done: boolean; at: string }) {
  // "Overdue" in words as well as in red: colour is never the only signal.
  const late = !done && Date.parse(dueAt) < Date.now()
  return (
    <p className={`text-sm ${late ? 'font-medium text-red-800' : 'text-slate-700'}`}>
      {late ? (
        <Trans>
          Overdue, was due <time dateTime={dueAt}>{at}</time>
        </Trans>
      ) : (
        <Trans>
          Due <time dateTime={dueAt}>{at}</time>
        </Trans>
      )}
    </p>
  )
}

/** The task's title as a checkbox: ticking it marks the task done (or open again). */
function TaskCheck({ activity: a }: { activity: TimelineActivity }) {
  const { t } = useLingui()
  const { role } = useSignedIn()
  const qc = useQueryClient()
  const errorText = useErrorText()
  // Shown at once; put back if the server refuses.
  const [done, setDone] = useState(a.done)
  const [busy, setBusy] = useState(false)
  const [seen, setSeen] = useState(a.done)
  if (seen !== a.done) {
    // The timeline was refetched with a newer state: follow it.
    setSeen(a.done)
    setDone(a.done)
  }
  const title = a.title ?? t`Task`

  async function toggle(next: boolean) {
    setDone(next)
    setBusy(true)
    try {
      await setTaskDone(a.id, next)
      await refreshActivityViews(qc)
    } catch (err) {
      setDone(!next)
      toast(errorText(errorCode(err)) ?? '')
    } finally {
      setBusy(false)
    }
  }

  return (
    <label className="flex min-h-11 items-center gap-3">
      <input
        type="checkbox"
        className="size-5 shrink-0 accent-teal-700"
        checked={done}
        disabled={busy || !canWrite(role) || Boolean(a.deletedAt)}
        onChange={(e) => toggle(e.target.checked)}
      />
      <span
        dir="auto"
        className={`font-medium break-words ${done ? 'text-slate-600 line-through' : 'text-slate-900'}`}
      >
        {title}
      </span>
      {done && (
        <span className="text-sm text-slate-600">
          <Trans>Done</Trans>
        </span>
      )}
    </label>
  )
}
