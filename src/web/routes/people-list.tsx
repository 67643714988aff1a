import { Trans, useLingui } from '@lingui/react/macro'
import { Link, useNavigate, useSearch } from '@tanstack/react-router'
import { Plus, Trash2 } from 'lucide-react'
import { useEffect, useState } from 'react'
import { Button, buttonClass } from '../components/ui/button.tsx'
import { PhoneLinks } from '../features/people/contact-links.tsx'
import { fullName, usePeopleList } from '../features/people/people-api.ts'
import { PEOPLE_SORTS } from '../features/people/sorts.ts'
import { Skeleton } from '../features/shell/route-states.tsx'
import { useFormat } from '../lib/format.ts'
import { useDesktop } from '../lib/media.ts'
import { canWrite, useSignedIn } from '../lib/session.ts'
import type { Person } from '../lib/types.ts'

// The people list: search, sort and "load more" (keyset pages of 50). The state lives in
// the URL so a list can be bookmarked and shared. A table on desktop, cards on phones.
export function PeopleListPage() {
  const { t } = useLingui()
  const search = useSearch({ from: '/app/people' })
  const navigate = useNavigate({ from: '/people' })
  const { role } = useSignedIn()
  const desktop = useDesktop()
  const [q, setQ] = useState(search.q ?? '')
  const list = usePeopleList({ q: search.q, sort: search.sort, trashed: search.trashed })

  // Search as you type, a moment after the last key.
  useEffect(() => {
    const id = setTimeout(() => {
      if ((search.q ?? '') !== q)
        void navigate({ search: (s) => ({ ...s, q: q || undefined }), replace: true })
    }, 250)
    return () => clearTimeout(id)
  }, [q, search.q, navigate])

  const people = list.data?.pages.flatMap((p) => p.data) ?? []
  const sortNames: Record<(typeof PEOPLE_SORTS)[number], string> = {
    '-updatedAt': t`Recently updated`,
    name: t`Name (A–Z)`,
    '-name': t`Name (Z–A)`,
    '-createdAt': t`Newest first`,
    createdAt: t`Oldest first`,
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="flex-1 text-2xl font-semibold text-slate-900">
          {search.trashed ? <Trans>People in the trash</Trans> : <Trans>People</Trans>}
        </h1>
        {canWrite(role) && !search.trashed && (
          <Link to="/people/new" className={buttonClass()}>
            <Plus aria-hidden className="size-4" />
            <Trans>Add person</Trans>
          </Link>
        )}
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-0 flex-1 basis-56">
          <label htmlFor="people-search" className="sr-only">
            <Trans>Search people</Trans>
          </label>
          <input
            id="people-search"
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder={t`Search by name, phone or email`}
            className="block min-h-11 w-full rounded-md border border-slate-400 bg-white px-3"
          />
        </div>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <Trans>Sort</Trans>
          <select
            value={search.sort ?? '-updatedAt'}
            onChange={(e) =>
              navigate({
                search: (s) => ({ ...s, sort: PEOPLE_SORTS.find((v) => v === e.target.value) }),
                replace: true,
              })
            }
            className="min-h-11 rounded-md border border-slate-400 bg-white px-2"
          >
            {PEOPLE_SORTS.map((s) => (
              <option key={s} value={s}>
                {sortNames[s]}
              </option>
            ))}
          </select>
        </label>
        <Link
          to="/people"
          search={(s) => ({ ...s, trashed: s.trashed ? undefined : true })}
          className={buttonClass({ variant: 'ghost' })}
        >
          <Trash2 aria-hidden className="size-4" />
          {search.trashed ? <Trans>Back to people</Trans> : <Trans>Trash</Trans>}
        </Link>
      </div>

      {list.isPending ? (
        <Skeleton />
      ) : people.length === 0 ? (
        <EmptyState searching={Boolean(search.q)} trashed={Boolean(search.trashed)} canAdd={canWrite(role)} />
      ) : desktop ? (
        <PeopleTable people={people} />
      ) : (
        <PeopleCards people={people} />
      )}

      {list.hasNextPage && (
        <div className="text-center">
          <Button variant="secondary" onClick={() => list.fetchNextPage()} disabled={list.isFetchingNextPage}>
            <Trans>Load more</Trans>
          </Button>
        </div>
      )}
    </div>
  )
}

function EmptyState({
  searching,
  trashed,
  canAdd,
}: {
  searching: boolean
  trashed: boolean
  canAdd: boolean
}) {
  if (searching) {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-slate-700">
        <Trans>No one matches this search.</Trans>
      </p>
    )
  }
  if (trashed) {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-slate-700">
        <Trans>The trash is empty.</Trans>
      </p>
    )
  }
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
      <h2 className="text-lg font-semibold text-slate-900">
        <Trans>No people yet</Trans>
      </h2>
      <p className="mx-auto mt-2 max-w-md text-slate-700">
        <Trans>
          Keep every customer in one place: their phone numbers, emails and everything you did together.
        </Trans>
      </p>
      {canAdd && (
        <Link to="/people/new" className={buttonClass({ className: 'mt-4' })}>
          <Plus aria-hidden className="size-4" />
          <Trans>Add person</Trans>
        </Link>
      )}
    </div>
  )
}

function PeopleTable({ people }: { people: Person[] }) {
  const fmt = useFormat()
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className="px-4 py-3 font-medium">
              <Trans>Name</Trans>
            </th>
            <th scope="col" className="px-4 py-3 font-medium">
              <Trans>Job title</Trans>
            </th>
            <th scope="col" className="px-4 py-3 font-medium">
              <Trans>Company</Trans>
            </th>
            <th scope="col" className="px-4 py-3 font-medium">
              <Trans>Phone</Trans>
            </th>
            <th scope="col" className="px-4 py-3 font-medium">
              <Trans>Email</Trans>
            </th>
            <th scope="col" className="px-4 py-3 font-medium">
              <Trans>Updated</Trans>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {people.map((p) => (
            <tr key={p.id} className="hover:bg-slate-50">
              <td className="px-4 py-2 font-medium">
                <Link to="/people/$id" params={{ id: p.id }} className="text-teal-800 hover:underline">
                  {fullName(p)}
                </Link>
              </td>
              <td className="px-4 py-2 text-slate-700">{p.jobTitle}</td>
              <td className="px-4 py-2 text-slate-700">{p.company?.name}</td>
              <td className="px-4 py-1">{p.phones[0] && <PhoneLinks e164={p.phones[0].e164} />}</td>
              <td className="px-4 py-2 break-all text-slate-700">{p.emails[0]?.email}</td>
              <td className="px-4 py-2 whitespace-nowrap text-slate-700">{fmt.date(p.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function PeopleCards({ people }: { people: Person[] }) {
  return (
    <ul className="space-y-2">
      {people.map((p) => (
        <li key={p.id} className="rounded-lg border border-slate-200 bg-white p-3">
          <Link
            to="/people/$id"
            params={{ id: p.id }}
            className="block text-base font-semibold text-teal-800 hover:underline"
          >
            {fullName(p)}
          </Link>
          {(p.jobTitle || p.company) && (
            <p className="text-sm text-slate-700">
              {[p.jobTitle, p.company?.name].filter(Boolean).join(' · ')}
            </p>
          )}
          {p.phones[0] && <PhoneLinks e164={p.phones[0].e164} />}
        </li>
      ))}
    </ul>
  )
}
