import { Trans, useLingui } from '@lingui/react/macro'
import type { ActivityType } from '../../server/features/activities/activities.schema.ts'
import { EmptyBox } from '../components/ui/empty-box.tsx'
import { TYPE_ICONS, useActivityNames } from '../features/activities/activity-labels.ts'
import type { Activity } from '../features/activities/tasks-api.ts'
import { ActivityLink, rowName } from '../features/lists/cells.tsx'
import { ListPage } from '../features/lists/list-page.tsx'
import type { FilterCondition } from '../features/lists/list-state.ts'
import { useFormat } from '../lib/format.ts'

// Every note, call, meeting and task of the workspace in one list: quick buttons for the
// type and "assigned to me", and the full filter panel (assignee, done, due date …).
// A row leads to the deal, person or company the activity is about. Rows can be selected
// for bulk actions (assign tasks, mark them done, delete); the trash view is where
// deleted activities are restored, as on the other lists.
const TYPES: ActivityType[] = ['note', 'call', 'meeting', 'task']

export function ActivitiesListPage() {
  const { t } = useLingui()
  return (
    <ListPage
      object="activity"
      routeId="/app/activities"
      title={<Trans>Activities</Trans>}
      trashTitle={<Trans>Activities in the trash</Trans>}
      caption={t`Activities`}
      search={{ label: t`Search activities`, placeholder: t`Search titles and notes` }}
      defaultColumns={['type', 'title', 'person', 'dueAt', 'done', 'occurredAt']}
      defaultSort="-occurredAt"
      quick={(filters, setFilters) => <QuickFilters filters={filters} onChange={setFilters} />}
      card={(row) => <ActivityCard activity={row as Activity} />}
      empty={
        <EmptyBox>
          <Trans>
            No activities yet. Notes, calls, meetings and tasks you add on a person's, company's or deal's
            page appear here.
          </Trans>
        </EmptyBox>
      }
    />
  )
}

/** One type at a time ("type is call") and "assigned to me", as buttons over the filters. */
function QuickFilters({
  filters,
  onChange,
}: {
  filters: FilterCondition[]
  onChange: (filters: FilterCondition[]) => void
}) {
  const { t } = useLingui()
  const names = useActivityNames()
  const typeFilter = filters.find((c) => c.field === 'type' && c.op === 'eq')
  const current = typeof typeFilter?.value === 'string' ? typeFilter.value : undefined
  const otherTypeFilters = filters.some((c) => c.field === 'type' && c !== typeFilter)
  const mine = filters.some((c) => c.field === 'assignee' && c.op === 'me')
  const setType = (type: ActivityType | undefined) => {
    const rest = filters.filter((c) => c.field !== 'type')
    onChange(type ? [...rest, { field: 'type', op: 'eq', value: type }] : rest)
  }
  const pill =
    'inline-flex min-h-11 shrink-0 items-center gap-2 rounded-full border px-3 text-sm whitespace-nowrap aria-pressed:border-teal-700 aria-pressed:bg-teal-50 aria-pressed:text-teal-900 border-slate-300 bg-white text-slate-700 hover:bg-slate-50'
  // On a phone the pills scroll sideways in one row (to the screen's edges) rather than
  // pushing the list down by three rows.
  return (
    <div className="-mx-4 flex gap-2 overflow-x-auto px-4 pb-1 md:mx-0 md:flex-wrap md:overflow-visible md:px-0 md:pb-0">
      <fieldset className="flex shrink-0 gap-2 md:flex-wrap">
        <legend className="sr-only">{t`Type`}</legend>
        <button
          type="button"
          aria-pressed={!current && !otherTypeFilters}
          className={pill}
          onClick={() => setType(undefined)}
        >
          <Trans>All types</Trans>
        </button>
        {TYPES.map((type) => {
          const Icon = TYPE_ICONS[type]
          return (
            <button
              key={type}
              type="button"
              aria-pressed={current === type}
              className={pill}
              onClick={() => setType(current === type ? undefined : type)}
            >
              <Icon aria-hidden className="size-4" />
              {names.type(type)}
            </button>
          )
        })}
      </fieldset>
      <button
        type="button"
        aria-pressed={mine}
        className={pill}
        onClick={() =>
          onChange(
            mine
              ? filters.filter((c) => !(c.field === 'assignee' && c.op === 'me'))
              : [...filters.filter((c) => c.field !== 'assignee'), { field: 'assignee', op: 'me' }],
          )
        }
      >
        <Trans>Assigned to me</Trans>
      </button>
    </div>
  )
}

function ActivityCard({ activity: a }: { activity: Activity }) {
  const fmt = useFormat()
  const names = useActivityNames()
  const Icon = TYPE_ICONS[a.type]
  const about = [a.deal?.name, a.person?.name, a.company?.name].filter(Boolean).join(' · ')
  return (
    <div className="flex gap-3">
      <Icon aria-hidden className="mt-1 size-5 shrink-0 text-teal-700" />
      <div className="min-w-0 flex-1">
        <span className="sr-only">{names.type(a.type)}: </span>
        <ActivityLink row={a}>{rowName('activity', a) || names.type(a.type)}</ActivityLink>
        {about && <p className="text-sm text-slate-700">{about}</p>}
        <p className="text-sm text-slate-600">
          {a.type === 'task' && a.dueAt ? (
            <Trans>Due {fmt.dateTime(a.dueAt)}</Trans>
          ) : (
            fmt.dateTime(a.occurredAt)
          )}
          {a.type === 'task' && a.done && (
            <>
              {' · '}
              <Trans>Done</Trans>
            </>
          )}
        </p>
      </div>
    </div>
  )
}
