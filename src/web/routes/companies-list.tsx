import { Trans, useLingui } from '@lingui/react/macro'
import { Link, useNavigate, useSearch } from '@tanstack/react-router'
import { Plus } from 'lucide-react'
import { buttonClass } from '../components/ui/button.tsx'
import { ExportLinks } from '../components/ui/export-links.tsx'
import { EmptyBox, ListToolbar, LoadMore } from '../components/ui/list-toolbar.tsx'
import { type Company, useCompaniesList } from '../features/companies/companies-api.ts'
import { PhoneLinks } from '../features/people/contact-links.tsx'
import { Skeleton } from '../features/shell/route-states.tsx'
import { useFormat } from '../lib/format.ts'
import { useSortOptions } from '../lib/labels.ts'
import { useDesktop } from '../lib/media.ts'
import { canWrite, useSignedIn } from '../lib/session.ts'

// Companies: the same list pattern as people (search, sort, trash, load more).
export function CompaniesListPage() {
  const { t } = useLingui()
  const search = useSearch({ from: '/app/companies' })
  const navigate = useNavigate({ from: '/companies' })
  const { role } = useSignedIn()
  const desktop = useDesktop()
  const sorts = useSortOptions()
  const list = useCompaniesList({ q: search.q, sort: search.sort, trashed: search.trashed })
  const companies = list.data?.pages.flatMap((p) => p.data) ?? []

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="flex-1 text-2xl font-semibold text-slate-900">
          {search.trashed ? <Trans>Companies in the trash</Trans> : <Trans>Companies</Trans>}
        </h1>
        <ExportLinks path="/api/v1/companies/export.csv" params={search} />
        {canWrite(role) && !search.trashed && (
          <Link to="/companies/new" className={buttonClass()}>
            <Plus aria-hidden className="size-4" />
            <Trans>Add company</Trans>
          </Link>
        )}
      </div>
      <ListToolbar
        q={search.q}
        onQ={(q) => navigate({ search: (s) => ({ ...s, q }), replace: true })}
        searchLabel={t`Search companies`}
        placeholder={t`Search by name, website, phone or email`}
        sort={search.sort ?? '-updatedAt'}
        sorts={sorts}
        onSort={(sort) => navigate({ search: (s) => ({ ...s, sort }), replace: true })}
        trashed={Boolean(search.trashed)}
        onTrashed={(trashed) => navigate({ search: (s) => ({ ...s, trashed: trashed || undefined }) })}
      />
      {list.isPending ? (
        <Skeleton />
      ) : companies.length === 0 ? (
        <EmptyBox>
          {search.q ? (
            <Trans>No company matches this search.</Trans>
          ) : search.trashed ? (
            <Trans>The trash is empty.</Trans>
          ) : (
            <Trans>No companies yet. Add the businesses you sell to, and link their people to them.</Trans>
          )}
        </EmptyBox>
      ) : desktop ? (
        <CompaniesTable companies={companies} />
      ) : (
        <ul className="space-y-2">
          {companies.map((c) => (
            <li key={c.id} className="rounded-lg border border-slate-200 bg-white p-3">
              <Link
                to="/companies/$id"
                params={{ id: c.id }}
                className="block text-base font-semibold text-teal-800 hover:underline"
              >
                {c.name}
              </Link>
              <p className="text-sm text-slate-700">{[c.industry, c.city].filter(Boolean).join(' · ')}</p>
              {c.phones[0] && <PhoneLinks e164={c.phones[0].e164} />}
            </li>
          ))}
        </ul>
      )}
      <LoadMore show={list.hasNextPage} busy={list.isFetchingNextPage} onClick={() => list.fetchNextPage()} />
    </div>
  )
}

function CompaniesTable({ companies }: { companies: Company[] }) {
  const fmt = useFormat()
  const th = 'px-4 py-3 font-medium'
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className={th}>
              <Trans>Name</Trans>
            </th>
            <th scope="col" className={th}>
              <Trans>Industry</Trans>
            </th>
            <th scope="col" className={th}>
              <Trans>City</Trans>
            </th>
            <th scope="col" className={`${th} text-right`}>
              <Trans>People</Trans>
            </th>
            <th scope="col" className={th}>
              <Trans>Phone</Trans>
            </th>
            <th scope="col" className={th}>
              <Trans>Updated</Trans>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {companies.map((c) => (
            <tr key={c.id} className="hover:bg-slate-50">
              <td className="px-4 py-2 font-medium">
                <Link to="/companies/$id" params={{ id: c.id }} className="text-teal-800 hover:underline">
                  {c.name}
                </Link>
                {c.domain && <span className="block text-xs text-slate-600">{c.domain}</span>}
              </td>
              <td className="px-4 py-2 text-slate-700">{c.industry}</td>
              <td className="px-4 py-2 text-slate-700">{c.city}</td>
              <td className="px-4 py-2 text-right text-slate-700">{fmt.number(c.peopleCount)}</td>
              <td className="px-4 py-1">{c.phones[0] && <PhoneLinks e164={c.phones[0].e164} />}</td>
              <td className="px-4 py-2 whitespace-nowrap text-slate-700">{fmt.date(c.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
