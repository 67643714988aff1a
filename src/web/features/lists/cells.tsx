import { useLingui } from '@lingui/react/macro'
import { Link } from '@tanstack/react-router'
import { Check, MessageCircle } from 'lucide-react'
import type { ReactNode } from 'react'
import { useFormat } from '../../lib/format.ts'
import { TYPE_ICONS, useActivityNames } from '../activities/activity-labels.ts'
import { CustomValue } from '../custom-fields/custom-value.tsx'
import { formatPhone } from '../people/contact-links.tsx'
import { fullName } from '../people/people-api.ts'
import { TagChips } from '../tags/tag-chips.tsx'
import type { RecordTag } from '../tags/tags-api.ts'
import { useOptionLabel } from './field-labels.ts'
import type { Field } from './fields-api.ts'
import type { Row } from './list-api.ts'
import type { ListObject } from './list-state.ts'

// What a list cell shows for each field: names link to their record, dates and money go
// through Intl (useFormat), phones get call/WhatsApp/SMS links, tags are chips, custom
// values are shown by the custom-fields feature. Rows of every list are read through
// one loose shape, since the four record types share most field keys.
type Ref = { id: string; name: string } | null
type Loose = Row & {
  name?: string
  firstName?: string
  lastName?: string
  title?: string | null
  body?: string | null
  type?: string
  done?: boolean
  amountMinor?: number
  currency?: string
  company?: Ref
  person?: Ref
  deal?: Ref
  owner?: Ref
  assignee?: Ref
  createdBy?: Ref
  pipeline?: Ref
  stage?: { name: string }
  phones?: { e164: string }[]
  emails?: { email: string }[]
  tags?: RecordTag[]
  custom?: Record<string, unknown>
  [key: string]: unknown
}

const linkClass = 'font-medium text-teal-800 hover:underline'

/** A date-only value ('YYYY-MM-DD') read at noon UTC, so no time zone moves it a day. */
const dateOnly = (d: string) => `${d}T12:00:00Z`

/** The primary column of each list: it names the row and links to its page. */
export const PRIMARY: Record<ListObject, string> = {
  person: 'name',
  company: 'name',
  deal: 'title',
  activity: 'title',
}

/** Where an activity's row leads: the deal, person or company it is about. */
export function ActivityLink({ row, children }: { row: Row; children: ReactNode }) {
  const a = row as Loose
  if (a.deal)
    return (
      <Link to="/deals/$id" params={{ id: a.deal.id }} className={linkClass}>
        {children}
      </Link>
    )
  if (a.person)
    return (
      <Link to="/people/$id" params={{ id: a.person.id }} className={linkClass}>
        {children}
      </Link>
    )
  if (a.company)
    return (
      <Link to="/companies/$id" params={{ id: a.company.id }} className={linkClass}>
        {children}
      </Link>
    )
  return <span className="font-medium">{children}</span>
}

/** The name of a row as its list shows it (for links and for checkbox labels). */
export function rowName(object: ListObject, row: Row): string {
  const r = row as Loose
  if (object === 'person') return fullName({ firstName: r.firstName ?? '', lastName: r.lastName ?? '' })
  if (object === 'company') return r.name ?? ''
  if (object === 'deal') return r.title ?? ''
  return r.title || (r.body ?? '').split('\n')[0]?.slice(0, 80) || ''
}

export function useCellRenderer(object: ListObject) {
  const { t } = useLingui()
  const fmt = useFormat()
  const option = useOptionLabel()
  const activity = useActivityNames()

  function refLink(kind: 'person' | 'company' | 'deal', ref: Ref | undefined) {
    if (!ref) return null
    const to = kind === 'person' ? '/people/$id' : kind === 'company' ? '/companies/$id' : '/deals/$id'
    return (
      <Link to={to} params={{ id: ref.id }} className="text-teal-800 hover:underline">
        {ref.name}
      </Link>
    )
  }

  return (field: Field, row: Row): ReactNode => {
    const r = row as Loose
    const key = field.key
    if (key.startsWith('custom.')) {
      const value = r.custom?.[key.slice('custom.'.length)]
      return value === undefined || value === null ? null : <CustomValue field={field} value={value} />
    }
    if (key === PRIMARY[object]) {
      const name = rowName(object, row)
      if (object === 'activity')
        return <ActivityLink row={row}>{name || activity.type(r.type as 'note')}</ActivityLink>
      const to = object === 'person' ? '/people/$id' : object === 'company' ? '/companies/$id' : '/deals/$id'
      return (
        <Link to={to} params={{ id: row.id }} className={linkClass}>
          {name}
        </Link>
      )
    }
    switch (key) {
      case 'company':
      case 'person':
      case 'deal':
        return refLink(key, r[key])
      case 'owner':
      case 'assignee':
      case 'createdBy':
      case 'pipeline':
        return r[key]?.name
      case 'stage':
        return r.stage?.name
      case 'phone':
        return r.phones?.[0] ? <TablePhone e164={r.phones[0].e164} /> : null
      case 'email':
        return r.emails?.[0]?.email
      case 'tags':
        return <TagChips tags={r.tags} className="flex-nowrap overflow-hidden" />
      case 'amount':
        return r.amountMinor !== undefined && r.currency ? fmt.money(r.amountMinor, r.currency) : null
      case 'type': {
        if (object !== 'activity' || !r.type) break
        const Icon = TYPE_ICONS[r.type as keyof typeof TYPE_ICONS]
        return (
          <span className="inline-flex items-center gap-2">
            {Icon && <Icon aria-hidden className="size-4 text-teal-700" />}
            {activity.type(r.type as 'note')}
          </span>
        )
      }
      case 'done':
        // Only tasks can be done; a note or a call leaves the cell empty.
        if (r.type !== 'task') return null
        return r.done ? (
          <span className="inline-flex items-center gap-1 text-green-800">
            <Check aria-hidden className="size-4" />
            {t`Done`}
          </span>
        ) : (
          t`Open`
        )
    }
    return plainValue(field, r[key])
  }

  /** Any other built-in field, by its type. */
  function plainValue(field: Field, value: unknown): ReactNode {
    if (value === null || value === undefined || value === '') return null
    switch (field.type) {
      case 'date':
        return typeof value === 'string' ? fmt.date(dateOnly(value)) : null
      case 'datetime':
        if (typeof value !== 'string') return null
        return field.key === 'dueAt' || field.key === 'occurredAt' ? fmt.dateTime(value) : fmt.date(value)
      case 'number':
        return typeof value === 'number' ? fmt.number(value) : null
      case 'boolean':
        return value ? t`Yes` : t`No`
      case 'select':
        return typeof value === 'string' ? option(field, value) : null
    }
    if (typeof value === 'string' || typeof value === 'number') return String(value)
    if (typeof value === 'object' && 'name' in value) return String((value as { name: unknown }).name)
    return null
  }
}

/**
 * A phone number in a table cell: the number calls, the icon opens WhatsApp. Narrower than
 * the cards' PhoneLinks (no separate call icon, no SMS) so the column stays compact.
 */
function TablePhone({ e164 }: { e164: string }) {
  const { t } = useLingui()
  const pretty = formatPhone(e164)
  return (
    <span className="inline-flex items-center gap-1">
      <a href={`tel:${e164}`} dir="ltr" className="text-slate-900 hover:text-teal-800 hover:underline">
        {pretty}
      </a>
      <a
        href={`https://wa.me/${e164.replace(/\D/g, '')}`}
        target="_blank"
        rel="noopener noreferrer"
        aria-label={t`WhatsApp ${pretty}`}
        className="inline-flex min-h-9 min-w-9 items-center justify-center rounded-md text-teal-800 hover:bg-teal-50 focus-visible:outline-2 focus-visible:outline-teal-700"
      >
        <MessageCircle aria-hidden className="size-4" />
      </a>
    </span>
  )
}
