import { Trans, useLingui } from '@lingui/react/macro'
import { useQueryClient } from '@tanstack/react-query'
import { Link, useNavigate, useParams } from '@tanstack/react-router'
import { ArrowLeft, Pencil, RotateCcw, Trash2 } from 'lucide-react'
import type { ReactNode } from 'react'
import { Button, buttonClass } from '../components/ui/button.tsx'
import { toast } from '../components/ui/toast.tsx'
import { EmailLink, PhoneLinks } from '../features/people/contact-links.tsx'
import { fullName, usePerson, usePersonTimeline } from '../features/people/people-api.ts'
import { RouteError, Skeleton } from '../features/shell/route-states.tsx'
import { TimelineList } from '../features/timeline/timeline-list.tsx'
import { api } from '../lib/api.ts'
import { errorCode, useErrorText } from '../lib/errors.ts'
import { useFormat } from '../lib/format.ts'
import { canWrite, useSignedIn } from '../lib/session.ts'
import type { Person } from '../lib/types.ts'

// A person's record: contact actions on top, details at the side, the timeline below.
export function PersonPage() {
  const { id } = useParams({ from: '/app/people/$id' })
  const person = usePerson(id)
  const timeline = usePersonTimeline(id)
  const { t } = useLingui()
  const fmt = useFormat()
  const errorText = useErrorText()
  const { role } = useSignedIn()
  const qc = useQueryClient()
  const navigate = useNavigate()

  if (person.isPending) return <Skeleton />
  if (person.isError) return <RouteError error={person.error} />
  const p = person.data
  const name = fullName(p)

  async function remember(updated: Person) {
    qc.setQueryData(['people', updated.id], updated)
    await qc.invalidateQueries({ queryKey: ['people', 'list'] })
    await qc.invalidateQueries({ queryKey: ['people', updated.id, 'timeline'] })
  }

  async function restore(version: number) {
    try {
      await remember(await api<Person>(`/api/v1/people/${id}/restore`, { method: 'POST', version }))
      toast(t`${name} is back`)
    } catch (err) {
      toast(errorText(errorCode(err)) ?? '')
    }
  }

  async function remove() {
    try {
      const deleted = await api<Person>(`/api/v1/people/${id}`, { method: 'DELETE', version: p.version })
      await remember(deleted)
      toast(t`${name} moved to the trash`, { label: t`Undo`, run: () => restore(deleted.version) })
      await navigate({ to: '/people', search: {} })
    } catch (err) {
      toast(errorText(errorCode(err)) ?? '')
    }
  }

  const writable = canWrite(role)
  return (
    <div className="space-y-6">
      <Link to="/people" search={{}} className={buttonClass({ variant: 'ghost', className: '-ml-3' })}>
        <ArrowLeft aria-hidden className="size-4" />
        <Trans>People</Trans>
      </Link>
      {p.deletedAt && (
        <div
          role="status"
          className="flex flex-wrap items-center gap-3 rounded-md bg-amber-50 p-4 text-amber-950"
        >
          <p className="flex-1">
            <Trans>This person is in the trash.</Trans>
          </p>
          {writable && (
            <Button variant="secondary" onClick={() => restore(p.version)}>
              <RotateCcw aria-hidden className="size-4" />
              <Trans>Restore</Trans>
            </Button>
          )}
        </div>
      )}
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <div className="min-w-0 flex-1">
          <h1 className="text-2xl font-semibold break-words text-slate-900">{name}</h1>
          {(p.jobTitle || p.company) && (
            <p className="text-slate-700">{[p.jobTitle, p.company?.name].filter(Boolean).join(' · ')}</p>
          )}
        </div>
        {writable && !p.deletedAt && (
          <div className="flex gap-2">
            <Link to="/people/$id/edit" params={{ id }} className={buttonClass({ variant: 'secondary' })}>
              <Pencil aria-hidden className="size-4" />
              <Trans>Edit</Trans>
            </Link>
            <Button variant="danger" onClick={remove}>
              <Trash2 aria-hidden className="size-4" />
              <Trans>Delete</Trans>
            </Button>
          </div>
        )}
      </div>

      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <section aria-labelledby="timeline-heading" className="order-2 lg:order-1">
          <h2 id="timeline-heading" className="mb-3 text-lg font-semibold text-slate-900">
            <Trans>Timeline</Trans>
          </h2>
          <TimelineList query={timeline} />
        </section>
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
        </aside>
      </div>
    </div>
  )
}

function Card({ title, children }: { title: ReactNode; children: ReactNode }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="mb-2 text-sm font-semibold tracking-wide text-slate-600 uppercase">{title}</h2>
      {children}
    </section>
  )
}
