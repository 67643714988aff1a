import { Trans } from '@lingui/react/macro'
import { Link, useNavigate, useParams } from '@tanstack/react-router'
import { ArrowLeft, Pencil, Plus } from 'lucide-react'
import { buttonClass } from '../components/ui/button.tsx'
import { ActivityComposer } from '../features/activities/activity-composer.tsx'
import { Card, RecordHeader, SectionHeading, useTrash } from '../features/contacts/record-page.tsx'
import { CustomFieldsCard } from '../features/custom-fields/custom-value.tsx'
import { DealRows } from '../features/deals/deal-rows.tsx'
import { EmailLink, PhoneLinks } from '../features/people/contact-links.tsx'
import { fullName, usePerson, usePersonTimeline } from '../features/people/people-api.ts'
import { useSourceLabel } from '../features/people/source-labels.ts'
import { RouteError, Skeleton } from '../features/shell/route-states.tsx'
import { TagChips } from '../features/tags/tag-chips.tsx'
import { TimelineList } from '../features/timeline/timeline-list.tsx'
import { useFormat } from '../lib/format.ts'
import { canWrite, useSignedIn } from '../lib/session.ts'
import type { Person } from '../lib/types.ts'

// A person's record: contact actions on top, details at the side, the timeline below.
export function PersonPage() {
  const { id } = useParams({ from: '/app/people/$id' })
  const person = usePerson(id)
  const timeline = usePersonTimeline(id)
  const fmt = useFormat()
  const sourceLabel = useSourceLabel()
  const { role } = useSignedIn()
  const navigate = useNavigate()
  const p = person.data
  const name = p ? fullName(p) : ''
  const trash = useTrash<Person>('people', p, name)

  if (person.isPending) return <Skeleton />
  if (person.isError || !p) return <RouteError error={person.error} />

  const writable = canWrite(role)
  return (
    <div className="space-y-6">
      <RecordHeader
        back={
          <Link to="/people" search={{}} className={buttonClass({ variant: 'ghost', className: '-ml-3' })}>
            <ArrowLeft aria-hidden className="size-4" />
            <Trans>People</Trans>
          </Link>
        }
        record={p}
        title={name}
        subtitle={
          <>
            {p.jobTitle && <p className="text-slate-700">{p.jobTitle}</p>}
            {p.company && (
              <Link
                to="/companies/$id"
                params={{ id: p.company.id }}
                className="font-medium text-teal-800 underline-offset-2 hover:underline"
              >
                {p.company.name}
              </Link>
            )}
            <TagChips tags={p.tags} className="mt-2" />
          </>
        }
        edit={
          <Link to="/people/$id/edit" params={{ id }} className={buttonClass({ variant: 'secondary' })}>
            <Pencil aria-hidden className="size-4" />
            <Trans>Edit</Trans>
          </Link>
        }
        writable={writable}
        onDelete={async () => {
          if (await trash.remove()) await navigate({ to: '/people', search: {} })
        }}
        onRestore={() => trash.restore(p.version)}
      />

      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <div className="order-2 space-y-8 lg:order-1">
          <section aria-labelledby="deals-heading">
            <SectionHeading
              id="deals-heading"
              title={<Trans>Deals</Trans>}
              action={
                writable &&
                !p.deletedAt && (
                  <Link
                    to="/deals/new"
                    search={{
                      personId: p.id,
                      personName: name,
                      companyId: p.company?.id,
                      companyName: p.company?.name,
                    }}
                    className={buttonClass({ variant: 'secondary' })}
                  >
                    <Plus aria-hidden className="size-4" />
                    <Trans>Add deal</Trans>
                  </Link>
                )
              }
            />
            <DealRows params={{ personId: p.id }} empty={<Trans>No deals with this person yet.</Trans>} />
          </section>
          <section aria-labelledby="timeline-heading">
            <h2 id="timeline-heading" className="mb-3 text-lg font-semibold text-slate-900">
              <Trans>Timeline</Trans>
            </h2>
            {!p.deletedAt && (
              <div className="mb-4">
                <ActivityComposer links={{ personId: p.id }} />
              </div>
            )}
            <TimelineList query={timeline} object="person" />
          </section>
        </div>
        <aside className="order-1 space-y-4 lg:order-2">
          <Card title={<Trans>Contact</Trans>}>
            {p.phones.length === 0 && p.emails.length === 0 && (
              <p className="text-sm text-slate-600">
                <Trans>No phone number or email yet.</Trans>
              </p>
            )}
            <ul className="space-y-1">
              {p.phones.map((ph) => (
                <li key={ph.e164}>
                  <PhoneLinks e164={ph.e164} />
                </li>
              ))}
              {p.emails.map((e) => (
                <li key={e.email}>
                  <EmailLink email={e.email} />
                </li>
              ))}
            </ul>
          </Card>
          <Card title={<Trans>Details</Trans>}>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
              <dt className="text-slate-600">
                <Trans>Owner</Trans>
              </dt>
              <dd className="text-slate-900">{p.owner?.name ?? '—'}</dd>
              <dt className="text-slate-600">
                <Trans>Source</Trans>
              </dt>
              <dd className="text-slate-900">{p.source ? sourceLabel(p.source) : '—'}</dd>
              <dt className="text-slate-600">
                <Trans>City</Trans>
              </dt>
              <dd className="text-slate-900" dir="auto">
                {p.city ?? '—'}
              </dd>
              <dt className="text-slate-600">
                <Trans>Created</Trans>
              </dt>
              <dd className="text-slate-900">
                <time dateTime={p.createdAt}>{fmt.date(p.createdAt)}</time>
              </dd>
              <dt className="text-slate-600">
                <Trans>Updated</Trans>
              </dt>
              <dd className="text-slate-900">
                <time dateTime={p.updatedAt}>{fmt.date(p.updatedAt)}</time>
              </dd>
            </dl>
          </Card>
          <CustomFieldsCard object="person" record={p} />
        </aside>
      </div>
    </div>
  )
}
