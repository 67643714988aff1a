import { Trans, useLingui } from '@lingui/react/macro'
import type { UseInfiniteQueryResult } from '@tanstack/react-query'
import { Button } from '../../components/ui/button.tsx'
import { useFormat } from '../../lib/format.ts'
import type { Page, TimelineEvent } from '../../lib/types.ts'
import { ActivityItem } from '../activities/activity-item.tsx'
import { Skeleton } from '../shell/route-states.tsx'

// One record's history, newest first: who did what and when, with old → new values.
// The same events are the audit trail, written by the server with each change.
type Query = UseInfiniteQueryResult<{ pages: Page<TimelineEvent>[] }>

export function TimelineList({ query }: { query: Query }) {
  const fmt = useFormat()
  const fieldName = useFieldName()
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
                    <span className="font-medium">{fieldName(c.field)}</span>: <Value v={c.from} /> →{' '}
                    <Value v={c.to} />
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

function Value({ v }: { v: unknown }) {
  if (v === null || v === '' || v === undefined) return <span className="text-slate-500">—</span>
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

function useFieldName() {
  const { t } = useLingui()
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
  }
  return (field: string) => names[field] ?? field
}
