import { Trans, useLingui } from '@lingui/react/macro'
import { Link } from '@tanstack/react-router'
import { Plus, Upload } from 'lucide-react'
import { buttonClass, PHONE_ICON } from '../components/ui/button.tsx'
import { EmptyBox } from '../components/ui/empty-box.tsx'
import { ListPage } from '../features/lists/list-page.tsx'
import { PhoneLinks } from '../features/people/contact-links.tsx'
import { fullName } from '../features/people/people-api.ts'
import { DemoDataButton } from '../features/shell/demo-data-button.tsx'
import { TagChips } from '../features/tags/tag-chips.tsx'
import type { RecordTag } from '../features/tags/tags-api.ts'
import { canManage, canWrite, useSignedIn } from '../lib/session.ts'
import type { Person } from '../lib/types.ts'

// The people list: saved views, search, filters, columns, sort, counts and bulk actions
// (features/lists). The state lives in the URL so a list can be bookmarked and shared.
// A virtualized table on desktop, cards with "Load more" on phones.
export function PeopleListPage() {
  const { t } = useLingui()
  const { role } = useSignedIn()
  const writable = canWrite(role)
  return (
    <ListPage
      object="person"
      routeId="/app/people"
      title={<Trans>People</Trans>}
      trashTitle={<Trans>People in the trash</Trans>}
      caption={t`People`}
      search={{ label: t`Search people`, placeholder: t`Search by name, phone or email` }}
      defaultColumns={['name', 'jobTitle', 'company', 'phone', 'email', 'owner']}
      defaultSort="-updatedAt"
      exportPath="/api/v1/people/export.csv"
      actions={(trashed) =>
        writable &&
        !trashed && (
          <>
            <Link
              to="/imports"
              search={{ object: 'person' }}
              className={buttonClass({ variant: 'ghost', className: PHONE_ICON })}
            >
              <Upload aria-hidden className="size-4" />
              <span className="max-md:sr-only">
                <Trans>Import</Trans>
              </span>
            </Link>
            <Link to="/people/new" className={buttonClass({ className: PHONE_ICON })}>
              <Plus aria-hidden className="size-4" />
              <span className="max-md:sr-only">
                <Trans>Add person</Trans>
              </span>
            </Link>
          </>
        )
      }
      card={(row) => <PersonCard person={row as Person & { tags?: RecordTag[] }} />}
      empty={<EmptyState canAdd={writable} canLoadDemo={canManage(role)} />}
    />
  )
}

function EmptyState({ canAdd, canLoadDemo }: { canAdd: boolean; canLoadDemo: boolean }) {
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
        {canAdd && (
          <Link to="/imports" search={{ object: 'person' }} className={buttonClass({ variant: 'secondary' })}>
            <Upload aria-hidden className="size-4" />
            <Trans>Import contacts</Trans>
          </Link>
        )}
        {canLoadDemo && <DemoDataButton />}
      </div>
    </EmptyBox>
  )
}

function PersonCard({ person: p }: { person: Person & { tags?: RecordTag[] } }) {
  return (
    <>
      <Link
        to="/people/$id"
        params={{ id: p.id }}
        className="block text-base font-semibold text-teal-800 hover:underline"
      >
        {fullName(p)}
      </Link>
      {(p.jobTitle || p.company) && (
        <p className="text-sm text-slate-700">{[p.jobTitle, p.company?.name].filter(Boolean).join(' · ')}</p>
      )}
      {p.phones[0] && <PhoneLinks e164={p.phones[0].e164} />}
      <TagChips tags={p.tags} className="mt-1" />
    </>
  )
}
