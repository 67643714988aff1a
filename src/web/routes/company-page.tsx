import { Trans } from '@lingui/react/macro'
import { Link, useNavigate, useParams } from '@tanstack/react-router'
import { ArrowLeft, Globe, Pencil, Plus } from 'lucide-react'
import { buttonClass } from '../components/ui/button.tsx'
import { ActivityComposer } from '../features/activities/activity-composer.tsx'
import { type Company, useCompany, useCompanyTimeline } from '../features/companies/companies-api.ts'
import { Card, RecordHeader, SectionHeading, useTrash } from '../features/contacts/record-page.tsx'
import { CustomFieldsCard } from '../features/custom-fields/custom-value.tsx'
import { DealRows } from '../features/deals/deal-rows.tsx'
import { EmailLink, PhoneLinks } from '../features/people/contact-links.tsx'
import { fullName, usePeopleList } from '../features/people/people-api.ts'
import { RouteError, Skeleton } from '../features/shell/route-states.tsx'
import { TagChips } from '../features/tags/tag-chips.tsx'
import { TimelineList } from '../features/timeline/timeline-list.tsx'
import { useFormat } from '../lib/format.ts'
import { useCountryName } from '../lib/labels.ts'
import { canWrite, useSignedIn } from '../lib/session.ts'

// A company's record: its people, its details and its timeline (which also shows what
// happened with its people and deals).
export function CompanyPage() {
  const { id } = useParams({ from: '/app/companies/$id' })
  const company = useCompany(id)
  const timeline = useCompanyTimeline(id)
  const people = usePeopleList({ companyId: id, sort: 'name' })
  const fmt = useFormat()
  const countryName = useCountryName()
  const { role } = useSignedIn()
  const navigate = useNavigate()
  const c = company.data
  const trash = useTrash<Company>('companies', c, c?.name ?? '')

  if (company.isPending) return <Skeleton />
  if (company.isError || !c) return <RouteError error={company.error} />

  const writable = canWrite(role)
  const members = people.data?.pages.flatMap((p) => p.data) ?? []
  const place = [c.city, c.region, c.country ? countryName(c.country) : null].filter(Boolean).join(', ')
  return (
    <div className="space-y-6">
      <RecordHeader
        back={
          <Link to="/companies" search={{}} className={buttonClass({ variant: 'ghost', className: '-ml-3' })}>
            <ArrowLeft aria-hidden className="size-4" />
            <Trans>Companies</Trans>
          </Link>
        }
        record={c}
        title={c.name}
        subtitle={
          <>
            <p className="text-slate-700">{[c.industry, place].filter(Boolean).join(' · ')}</p>
            <TagChips tags={c.tags} className="mt-2" />
          </>
        }
        edit={
          <Link to="/companies/$id/edit" params={{ id }} className={buttonClass({ variant: 'secondary' })}>
            <Pencil aria-hidden className="size-4" />
            <Trans>Edit</Trans>
          </Link>
        }
        writable={writable}
        onDelete={async () => {
          if (await trash.remove()) await navigate({ to: '/companies', search: {} })
        }}
        onRestore={() => trash.restore(c.version)}
      />

      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <div className="order-2 space-y-8 lg:order-1">
          <section aria-labelledby="people-heading">
            <SectionHeading
              id="people-heading"
              title={<Trans>People</Trans>}
              action={
                writable &&
                !c.deletedAt && (
                  <Link
                    to="/people/new"
                    search={{ companyId: c.id, companyName: c.name }}
                    className={buttonClass({ variant: 'secondary' })}
                  >
                    <Plus aria-hidden className="size-4" />
                    <Trans>Add person</Trans>
                  </Link>
                )
              }
            />
            {members.length === 0 ? (
              <p className="text-slate-700">
                <Trans>No one from this company yet.</Trans>
              </p>
            ) : (
              <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
                {members.map((p) => (
                  <li key={p.id} className="flex flex-wrap items-center gap-2 px-3 py-1">
                    <Link
                      to="/people/$id"
                      params={{ id: p.id }}
                      className="min-h-11 flex-1 content-center font-medium text-teal-800 hover:underline"
                    >
                      {fullName(p)}
                      {p.jobTitle && <span className="font-normal text-slate-600"> · {p.jobTitle}</span>}
                    </Link>
                    {p.phones[0] && <PhoneLinks e164={p.phones[0].e164} showNumber={false} />}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="deals-heading">
            <SectionHeading
              id="deals-heading"
              title={<Trans>Deals</Trans>}
              action={
                writable &&
                !c.deletedAt && (
                  <Link
                    to="/deals/new"
                    search={{ companyId: c.id, companyName: c.name }}
                    className={buttonClass({ variant: 'secondary' })}
                  >
                    <Plus aria-hidden className="size-4" />
                    <Trans>Add deal</Trans>
                  </Link>
                )
              }
            />
            <DealRows params={{ companyId: c.id }} empty={<Trans>No deals with this company yet.</Trans>} />
          </section>
          <section aria-labelledby="timeline-heading">
            <h2 id="timeline-heading" className="mb-3 text-lg font-semibold text-slate-900">
              <Trans>Timeline</Trans>
            </h2>
            {!c.deletedAt && (
              <div className="mb-4">
                <ActivityComposer links={{ companyId: c.id }} />
              </div>
            )}
            <TimelineList query={timeline} object="company" />
          </section>
        </div>
        <aside className="order-1 space-y-4 lg:order-2">
          <Card title={<Trans>Contact</Trans>}>
            <ul className="space-y-1">
              {c.domain && (
                <li>
                  <a
                    href={`https://${c.domain}`}
                    target="_blank"
                    rel="noopener noreferrer"
                    className="inline-flex min-h-11 items-center gap-2 px-2 text-teal-800 hover:underline"
                  >
                    <Globe aria-hidden className="size-4" />
                    {c.domain}
                  </a>
                </li>
              )}
              {c.phones.map((ph) => (
                <li key={ph.e164}>
                  <PhoneLinks e164={ph.e164} />
                </li>
              ))}
              {c.emails.map((e) => (
                <li key={e.email}>
                  <EmailLink email={e.email} />
                </li>
              ))}
            </ul>
          </Card>
          <Card title={<Trans>Details</Trans>}>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
              <dt className="text-slate-600">
                <Trans>Size</Trans>
              </dt>
              <dd className="text-slate-900">{c.size ?? '—'}</dd>
              <dt className="text-slate-600">
                <Trans>Owner</Trans>
              </dt>
              <dd className="text-slate-900">{c.owner?.name ?? '—'}</dd>
              <dt className="text-slate-600">
                <Trans>Created</Trans>
              </dt>
              <dd className="text-slate-900">
                <time dateTime={c.createdAt}>{fmt.date(c.createdAt)}</time>
              </dd>
            </dl>
          </Card>
          <CustomFieldsCard object="company" record={c} />
        </aside>
      </div>
    </div>
  )
}
