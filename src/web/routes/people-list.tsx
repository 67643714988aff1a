import { Trans, useLingui } from '@lingui/react/macro'
import { Link, useNavigate, useSearch } from '@tanstack/react-router'
import { Plus } from 'lucide-react'
import { buttonClass } from '../components/ui/button.tsx'
import { ExportLinks } from '../components/ui/export-links.tsx'
import { EmptyBox, ListToolbar, LoadMore } from '../components/ui/list-toolbar.tsx'
import { PhoneLinks } from '../features/people/contact-links.tsx'
import { fullName, usePeopleList } from '../features/people/people-api.ts'
import { DemoDataButton } from '../features/shell/demo-data-button.tsx'
import { Skeleton } from '../features/shell/route-states.tsx'
import { useFormat } from '../lib/format.ts'
import { useSortOptions } from '../lib/labels.ts'
import { useDesktop } from '../lib/media.ts'
import { canManage, canWrite, useSignedIn } from '../lib/session.ts'
import type { Person } from '../lib/types.ts'

// The people list: search, sort and "load more" (keyset pages of 50). The state lives in
// the URL so a list can be bookmarked and shared. A table on desktop, cards on phones.
export function PeopleListPage() {
  const { t } = useLingui()
  const search = useSearch({ from: '/app/people' })
  const navigate = useNavigate({ from: '/people' })
  const { role } = useSignedIn()
  const desktop = useDesktop()
  const list = usePeopleList({ q: search.q, sort: search.sort, trashed: search.trashed })

  const people = list.data?.pages.flatMap((p) => p.data) ?? []
  const sorts = useSortOptions()

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="flex-1 text-2xl font-semibold text-slate-900">
          {search.trashed ? <Trans>People in the trash</Trans> : <Trans>People</Trans>}
        </h1>
        <ExportLinks path="/api/v1/people/export.csv" params={search} />
        {canWrite(role) && !search.trashed && (
          <Link to="/people/new" className={buttonClass()}>
            <Plus aria-hidden className="size-4" />
            <Trans>Add person</Trans>
          </Link>
        )}
      </div>
      <ListToolbar
        q={search.q}
        onQ={(q) => navigate({ search: (s) => ({ ...s, q }), replace: true })}
        searchLabel={t`Search people`}
        placeholder={t`Search by name, phone or email`}
        sort={search.sort ?? '-updatedAt'}
        sorts={sorts}
        onSort={(sort) => navigate({ search: (s) => ({ ...s, sort }), replace: true })}
        trashed={Boolean(search.trashed)}
        onTrashed={(trashed) => navigate({ search: (s) => ({ ...s, trashed: trashed || undefined }) })}
      />

      {list.isPending ? (
        <Skeleton />
      ) : people.length === 0 ? (
        <EmptyState
          searching={Boolean(search.q)}
          trashed={Boolean(search.trashed)}
          canAdd={canWrite(role)}
          canLoadDemo={canManage(role)}
        />
      ) : desktop ? (
        <PeopleTable people={people} />
      ) : (
        <PeopleCards people={people} />
      )}

      <LoadMore show={list.hasNextPage} busy={list.isFetchingNextPage} onClick={() => list.fetchNextPage()} />
    </div>
  )
}

function EmptyState({
  searching,
  trashed,
  canAdd,
  canLoadDemo,
}: {
  searching: boolean
  trashed: boolean
  canAdd: boolean
  canLoadDemo: boolean
}) {
  if (searching) {
    return (
      <EmptyBox>
        <Trans>No one matches this search.</Trans>
      </EmptyBox>
    )
  }
  if (trashed) {
    return (
      <EmptyBox>
        <Trans>The trash is empty.</Trans>
      </EmptyBox>
    )
  }
  return (
    <EmptyBox>
      <h2 className="text-lg font-semibold text-slate-900">
        <Trans>No people yet</Trans>
      </h2>
      <p className="mx-auto mt-2 max-w-md">
        <Trans>
          Keep every customer in one place: their phone numbers, emails and everything you did together.
        </Trans>
      </p>
      <div className="mt-4 flex flex-wrap justify-center gap-3">
        {canAdd && (
          <Link to="/people/new" className={buttonClass()}>
            <Plus aria-hidden className="size-4" />
            <Trans>Add person</Trans>
          </Link>
        )}
        {canLoadDemo && <DemoDataButton />}
      </div>
    </EmptyBox>
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
