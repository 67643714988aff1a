import { Trans, useLingui } from '@lingui/react/macro'
import type { UseInfiniteQueryResult } from '@tanstack/react-query'
import { Button } from '../../components/ui/button.tsx'
import { useFormat } from '../../lib/format.ts'
import type { Page, TimelineEvent } from '../../lib/types.ts'
import { ActivityItem } from '../activities/activity-item.tsx'
import { type CustomFieldObject, useCustomFields } from '../custom-fields/custom-fields-api.ts'
import { pickLabel } from '../custom-fields/custom-values.ts'
import { useSourceLabel } from '../people/source-labels.ts'
import { Skeleton } from '../shell/route-states.tsx'

// One record's history, newest first: who did what and when, with old → new values.
// The same events are the audit trail, written by the server with each change.
type Query = UseInfiniteQueryResult<{ pages: Page<TimelineEvent>[] }>

/** `object`: whose timeline, so a change of a custom field shows the field's label. */
export function TimelineList({ query, object }: { query: Query; object?: CustomFieldObject }) {
  const fmt = useFormat()
  const fieldName = useFieldName(object)
  if (query.isPending) return <Skeleton rows={3} />
  const events = query.data?.pages.flatMap((p) => p.data) ?? []
  if (!events.length) {
    return (
      <p className="text-slate-700">
        <Trans>Nothing has happened here yet.</Trans>
      </p>
    )
  }
  return (
    <>
      <ol className="space-y-3 border-l-2 border-slate-200 pl-4">
        {events.map((e) => (
          <li key={e.id} className="relative">
            <span aria-hidden className="absolute top-2 -left-[1.4rem] size-2.5 rounded-full bg-teal-700" />
            <p className="text-sm text-slate-900">
              <EventText event={e} />
            </p>
            {/* The activity itself once, where it was logged; its later edits list their changes. */}
            {e.kind === 'activity' && e.activity && <ActivityItem activity={e.activity} />}
            {e.kind === 'updated' && e.changes && (
              <ul className="mt-1 space-y-0.5 text-sm text-slate-700">
                {e.changes.map((c) => (
                  <li key={c.field}>
                    <span className="font-medium">{fieldName(c.field)}</span>:{' '}
                    <Value v={c.from} field={c.field} /> → <Value v={c.to} field={c.field} />
                  </li>
                ))}
              </ul>
            )}
            <p className="text-xs text-slate-600">
              <time dateTime={e.occurredAt}>{fmt.dateTime(e.occurredAt)}</time>
            </p>
          </li>
        ))}
      </ol>
      {query.hasNextPage && (
        <Button variant="secondary" className="mt-4" onClick={() => query.fetchNextPage()}>
          <Trans>Show older</Trans>
        </Button>
      )}
    </>
  )
}

/** An old or new value as people read it: money, dates, yes/no; text as it is. */
function Value({ v, field }: { v: unknown; field: string }) {
  const { t } = useLingui()
  const fmt = useFormat()
  const sourceLabel = useSourceLabel()
  const statuses: Record<string, string> = { open: t`Open`, won: t`Won`, lost: t`Lost` }
  if (field === 'status' && typeof v === 'string') return <span>{statuses[v] ?? v}</span>
  if (field === 'source' && typeof v === 'string' && v) return <span>{sourceLabel(v)}</span>
  if (v === null || v === '' || v === undefined) return <span className="text-slate-500">—</span>
  if (typeof v === 'boolean') return <span>{v ? t`Yes` : t`No`}</span>
  if (typeof v === 'object' && v && 'amountMinor' in v && 'currency' in v) {
    return <span>{fmt.money(Number(v.amountMinor), String(v.currency))}</span>
  }
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) return <span>{fmt.dateTime(v)}</span>
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return <span>{fmt.date(`${v}T12:00:00Z`)}</span>
  return <span dir="auto">{typeof v === 'string' ? v : JSON.stringify(v)}</span>
}

function EventText({ event }: { event: TimelineEvent }) {
  const { t } = useLingui()
  const who = event.actor?.name ?? t`Someone`
  const what = event.label ?? ''
  const change = event.changes?.[0]
  const from = String(change?.from ?? '')
  const to = String(change?.to ?? '')
  switch (event.kind) {
    case 'created':
      return (
        <Trans>
          {who} created {what}
        </Trans>
      )
    case 'updated':
      return (
        <Trans>
          {who} changed {what}
        </Trans>
      )
    case 'deleted':
      return (
        <Trans>
          {who} moved {what} to the trash
        </Trans>
      )
    case 'restored':
      return (
        <Trans>
          {who} restored {what}
        </Trans>
      )
    case 'stage_changed':
      return (
        <Trans>
          {who} moved {what} from {from} to {to}
        </Trans>
      )
    default:
      // An activity: the card below shows its title and text, so the line only says who
      // did what kind of thing.
      switch (event.activity?.type) {
        case 'note':
          return <Trans>{who} added a note</Trans>
        case 'call':
          return <Trans>{who} logged a call</Trans>
        case 'meeting':
          return <Trans>{who} logged a meeting</Trans>
        case 'task':
          return <Trans>{who} added a task</Trans>
        default:
          return (
            <Trans>
              {who}: {what}
            </Trans>
          )
      }
  }
}

function useFieldName(object?: CustomFieldObject) {
  const { t, i18n } = useLingui()
  // Archived fields too: their old changes stay on the timeline.
  const custom = useCustomFields(object ?? 'person', true)
  const active = useCustomFields(object ?? 'person')
  const names: Record<string, string> = {
    firstName: t`First name`,
    lastName: t`Last name`,
    jobTitle: t`Job title`,
    owner: t`Owner`,
    company: t`Company`,
    phones: t`Phone numbers`,
    emails: t`Emails`,
    name: t`Name`,
    domain: t`Website`,
    industry: t`Industry`,
    size: t`Size`,
    city: t`City`,
    source: t`Source`,
    region: t`Region`,
    country: t`Country`,
    title: t`Title`,
    amount: t`Amount`,
    stage: t`Stage`,
    status: t`Status`,
    pipeline: t`Pipeline`,
    person: t`Person`,
    deal: t`Deal`,
    expectedCloseDate: t`Expected close date`,
    lostReason: t`Reason`,
    body: t`Notes`,
    occurredAt: t`When`,
    direction: t`Direction`,
    durationSeconds: t`Duration (seconds)`,
    outcome: t`Outcome`,
    endsAt: t`Ends`,
    place: t`Place`,
    dueAt: t`Due`,
    assignee: t`Assigned to`,
    done: t`Done`,
  }
  return (field: string) => {
    if (object && field.startsWith('custom.')) {
      const key = field.slice('custom.'.length)
      const def = [...(active.data ?? []), ...(custom.data ?? [])].find((f) => f.key === key)
      if (def) return pickLabel(def.labels, i18n.locale).text
    }
    return names[field] ?? field
  }
}
