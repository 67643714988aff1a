import { Trans, useLingui } from '@lingui/react/macro'
import { Link } from '@tanstack/react-router'
import { Plus, Upload } from 'lucide-react'
import { buttonClass, PHONE_ICON } from '../components/ui/button.tsx'
import { EmptyBox } from '../components/ui/empty-box.tsx'
import type { Company } from '../features/companies/companies-api.ts'
import { ListPage } from '../features/lists/list-page.tsx'
import { PhoneLinks } from '../features/people/contact-links.tsx'
import { TagChips } from '../features/tags/tag-chips.tsx'
import type { RecordTag } from '../features/tags/tags-api.ts'
import { canWrite, useSignedIn } from '../lib/session.ts'

// Companies: the same list machinery as people (features/lists).
export function CompaniesListPage() {
  const { t } = useLingui()
  const { role } = useSignedIn()
  const writable = canWrite(role)
  return (
    <ListPage
      object="company"
      routeId="/app/companies"
      title={<Trans>Companies</Trans>}
      trashTitle={<Trans>Companies in the trash</Trans>}
      caption={t`Companies`}
      search={{ label: t`Search companies`, placeholder: t`Search by name, website, phone or email` }}
      defaultColumns={['name', 'industry', 'city', 'phone', 'owner', 'tags']}
      defaultSort="-updatedAt"
      exportPath="/api/v1/companies/export.csv"
      actions={(trashed) =>
        writable &&
        !trashed && (
          <>
            <Link
              to="/imports"
              search={{ object: 'company' }}
              className={buttonClass({ variant: 'ghost', className: PHONE_ICON })}
            >
              <Upload aria-hidden className="size-4" />
              <span className="max-md:sr-only">
                <Trans>Import</Trans>
              </span>
            </Link>
            <Link to="/companies/new" className={buttonClass({ className: PHONE_ICON })}>
              <Plus aria-hidden className="size-4" />
              <span className="max-md:sr-only">
                <Trans>Add company</Trans>
              </span>
            </Link>
          </>
        )
      }
      card={(row) => <CompanyCard company={row as Company & { tags?: RecordTag[] }} />}
      empty={
        <EmptyBox>
          <p>
            <Trans>No companies yet. Add the businesses you sell to, and link their people to them.</Trans>
          </p>
          {writable && (
            <div className="mt-4 flex flex-wrap justify-center gap-3">
              <Link to="/companies/new" className={buttonClass()}>
                <Plus aria-hidden className="size-4" />
                <Trans>Add company</Trans>
              </Link>
              <Link
                to="/imports"
                search={{ object: 'company' }}
                className={buttonClass({ variant: 'secondary' })}
              >
                <Upload aria-hidden className="size-4" />
                <Trans>Import companies</Trans>
              </Link>
            </div>
          )}
        </EmptyBox>
      }
    />
  )
}

function CompanyCard({ company: c }: { company: Company & { tags?: RecordTag[] } }) {
  return (
    <>
      <Link
        to="/companies/$id"
        params={{ id: c.id }}
        className="block text-base font-semibold text-teal-800 hover:underline"
      >
        {c.name}
      </Link>
      <p className="text-sm text-slate-700">{[c.industry, c.city].filter(Boolean).join(' · ')}</p>
      {c.phones[0] && <PhoneLinks e164={c.phones[0].e164} />}
      <TagChips tags={c.tags} className="mt-1" />
    </>
  )
}
