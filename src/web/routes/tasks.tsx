import { Trans, useLingui } from '@lingui/react/macro'
import { type InfiniteData, useQueryClient } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { Building2, Handshake, Plus, User } from 'lucide-react'
import { type ReactNode, useId, useState } from 'react'
import { Button } from '../components/ui/button.tsx'
import { EmptyBox, LoadMore } from '../components/ui/empty-box.tsx'
import { type Picked, RecordPicker } from '../components/ui/record-picker.tsx'
import { toast } from '../components/ui/toast.tsx'
import { ActivityComposer } from '../features/activities/activity-composer.tsx'
import {
  type Activity,
  refreshActivityViews,
  setTaskDone,
  type TaskBucket,
  type TaskCounts,
  useMyTasks,
  useTaskCounts,
} from '../features/activities/tasks-api.ts'
import { fullName } from '../features/people/people-api.ts'
import { Skeleton } from '../features/shell/route-states.tsx'
import { errorCode, useErrorText } from '../lib/errors.ts'
import { useFormat } from '../lib/format.ts'
import { canWrite, useSignedIn } from '../lib/session.ts'
import type { Page, Person } from '../lib/types.ts'

// "My tasks": what is overdue, due today and coming up, with the person, company or deal
// each task is about. Ticking a task hides it at once, with Undo in the toast.
export function TasksPage() {
  const { role } = useSignedIn()
  const counts = useTaskCounts()
  const [adding, setAdding] = useState(false)
  const c = counts.data
  const nothing = c && c.overdue + c.today + c.upcoming === 0
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="flex-1 text-2xl font-semibold text-slate-900">
          <Trans>My tasks</Trans>
        </h1>
        {canWrite(role) && (
          <Button aria-expanded={adding} onClick={() => setAdding(!adding)}>
            <Plus aria-hidden className="size-4" />
            <Trans>New task</Trans>
          </Button>
        )}
      </div>
      {adding && <AddTask onSaved={() => setAdding(false)} />}
      {nothing && !adding && (
        <EmptyBox>
          <p className="mx-auto max-w-md">
            <Trans>
              Tasks remind you to call back, send a quote or visit a customer. Add one here or from a person's
              page.
            </Trans>
          </p>
        </EmptyBox>
      )}
      <TaskSection bucket="overdue" count={c?.overdue} title={<Trans>Overdue</Trans>}>
        <Trans>Nothing overdue.</Trans>
      </TaskSection>
      <TaskSection bucket="today" count={c?.today} title={<Trans>Today</Trans>}>
        <Trans>Nothing due today.</Trans>
      </TaskSection>
      <TaskSection bucket="upcoming" count={c?.upcoming} title={<Trans>Upcoming</Trans>}>
        <Trans>Nothing planned yet.</Trans>
      </TaskSection>
    </div>
  )
}

/** The composer's task form, with a person to link the task to (the API needs a link). */
function AddTask({ onSaved }: { onSaved: () => void }) {
  const { t } = useLingui()
  const [person, setPerson] = useState<Picked | null>(null)
  return (
    <ActivityComposer
      links={{ personId: person?.id }}
      types={['task']}
      onSaved={onSaved}
      linkField={(error) => (
        <RecordPicker
          label={t`Person`}
          value={person}
          onChange={setPerson}
          path="/api/v1/people"
          toOption={(p: Person) => ({ id: p.id, name: fullName(p) })}
          error={error}
        />
      )}
    />
  )
}

function TaskSection({
  bucket,
  count,
  title,
  children: empty,
}: {
  bucket: TaskBucket
  count: number | undefined
  title: ReactNode
  children: ReactNode
}) {
  const list = useMyTasks(bucket)
  const errorText = useErrorText()
  const complete = useComplete(bucket)
  const headingId = useId()
  const tasks = list.data?.pages.flatMap((p) => p.data) ?? []
  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <h2 id={headingId} className="flex items-center gap-2 text-lg font-semibold text-slate-900">
        {title}
        {count !== undefined && (
          <span className="rounded-full bg-slate-200 px-2 text-sm font-medium text-slate-800">{count}</span>
        )}
      </h2>
      {list.isPending ? (
        <Skeleton rows={2} />
      ) : list.isError ? (
        <p role="alert" className="text-red-800">
          {errorText(errorCode(list.error))}
        </p>
      ) : tasks.length === 0 ? (
        <p className="text-slate-700">{empty}</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {tasks.map((task) => (
            <TaskRow key={task.id} task={task} onDone={() => complete(task)} />
          ))}
        </ul>
      )}
      <LoadMore show={list.hasNextPage} busy={list.isFetchingNextPage} onClick={() => list.fetchNextPage()} />
    </section>
  )
}

function TaskRow({ task, onDone }: { task: Activity; onDone: () => void }) {
  const fmt = useFormat()
  const { role } = useSignedIn()
  const { t } = useLingui()
  const link = 'inline-flex min-h-11 items-center gap-1 text-teal-800 underline-offset-2 hover:underline'
  return (
    <li className="px-3 py-1">
      <label className="flex min-h-11 items-center gap-3">
        <input
          type="checkbox"
          className="size-5 shrink-0 accent-teal-700"
          checked={false}
          disabled={!canWrite(role)}
          onChange={onDone}
        />
        <span dir="auto" className="font-medium break-words text-slate-900">
          {task.title ?? t`Task`}
        </span>
      </label>
      <div className="flex flex-wrap items-center gap-x-4 pl-8 text-sm text-slate-700">
        {task.dueAt && <time dateTime={task.dueAt}>{fmt.dateTime(task.dueAt)}</time>}
        {task.person && (
          <Link to="/people/$id" params={{ id: task.person.id }} className={link}>
            <User aria-hidden className="size-4" />
            {task.person.name}
          </Link>
        )}
        {task.company && (
          <Link to="/companies/$id" params={{ id: task.company.id }} className={link}>
            <Building2 aria-hidden className="size-4" />
            {task.company.name}
          </Link>
        )}
        {task.deal && (
          <Link to="/deals/$id" params={{ id: task.deal.id }} className={link}>
            <Handshake aria-hidden className="size-4" />
            {task.deal.name}
          </Link>
        )}
      </div>
    </li>
  )
}

/** Ticks a task done: gone from the list and the counts at once, back if the server refuses. */
function useComplete(bucket: TaskBucket) {
  const { t } = useLingui()
  const qc = useQueryClient()
  const errorText = useErrorText()
  const fail = (err: unknown) => toast(errorText(errorCode(err)) ?? '')

  async function reopen(task: Activity) {
    try {
      await setTaskDone(task.id, false)
    } catch (err) {
      fail(err)
    }
    await refreshActivityViews(qc)
  }

  return async (task: Activity) => {
    await qc.cancelQueries({ queryKey: ['tasks'] })
    qc.setQueryData<InfiniteData<Page<Activity>>>(['tasks', 'mine', bucket], (d) =>
      d ? { ...d, pages: d.pages.map((p) => ({ ...p, data: p.data.filter((x) => x.id !== task.id) })) } : d,
    )
    qc.setQueryData<TaskCounts>(['tasks', 'counts'], (c) =>
      c ? { ...c, [bucket]: Math.max(0, c[bucket] - 1) } : c,
    )
    try {
      await setTaskDone(task.id, true, task.version)
      const title = task.title ?? t`Task`
      toast(t`${title} is done`, { label: t`Undo`, run: () => reopen(task) })
    } catch (err) {
      fail(err)
    }
    // Either confirms the change or, after a refusal, brings the task back.
    await refreshActivityViews(qc)
  }
}
