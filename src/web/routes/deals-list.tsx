import { Trans, useLingui } from '@lingui/react/macro'
import { Link, useSearch } from '@tanstack/react-router'
import { Plus } from 'lucide-react'
import { buttonClass, PHONE_ICON } from '../components/ui/button.tsx'
import { EmptyBox } from '../components/ui/empty-box.tsx'
import type { Deal } from '../features/deals/deals-api.ts'
import { DealsSwitch } from '../features/lists/deals-switch.tsx'
import { ListPage } from '../features/lists/list-page.tsx'
import { TagChips } from '../features/tags/tag-chips.tsx'
import type { RecordTag } from '../features/tags/tags-api.ts'
import { useFormat } from '../lib/format.ts'
import { canWrite, useSignedIn } from '../lib/session.ts'

// All deals as a table (the board shows one pipeline's open deals): filter by stage,
// status, owner, amount, dates or tags, choose columns, act on many at once.
export function DealsListPage() {
  const { t } = useLingui()
  const { role } = useSignedIn()
  const writable = canWrite(role)
  const search = useSearch({ from: '/app/deals/list' })
  // Back on the board, the pipeline this table is filtered to (if it is).
  const pipeline = search.filters?.find((c) => c.field === 'pipeline' && c.op === 'eq')?.value
  const pipelineId = typeof pipeline === 'string' ? pipeline : undefined
  return (
    <ListPage
      object="deal"
      routeId="/app/deals/list"
      title={<Trans>Deals</Trans>}
      trashTitle={<Trans>Deals in the trash</Trans>}
      caption={t`Deals`}
      search={{ label: t`Search deals`, placeholder: t`Search by title` }}
      defaultColumns={['title', 'amount', 'stage', 'company', 'owner', 'expectedCloseDate']}
      defaultSort="-updatedAt"
      exportPath="/api/v1/deals/export.csv"
      actions={(trashed) => (
        <>
          <DealsSwitch pipelineId={pipelineId} />
          {writable && !trashed && (
            <Link to="/deals/new" search={{ pipelineId }} className={buttonClass({ className: PHONE_ICON })}>
              <Plus aria-hidden className="size-4" />
              <span className="max-md:sr-only">
                <Trans>Add deal</Trans>
              </span>
            </Link>
          )}
        </>
      )}
      card={(row) => <DealListCard deal={row as Deal & { tags?: RecordTag[] }} />}
      empty={
        <EmptyBox>
          <p>
            <Trans>No deals yet. Add the sales you are working on and follow them stage by stage.</Trans>
          </p>
          {writable && (
            <div className="mt-4">
              <Link to="/deals/new" search={{ pipelineId }} className={buttonClass()}>
                <Plus aria-hidden className="size-4" />
                <Trans>Add deal</Trans>
              </Link>
            </div>
          )}
        </EmptyBox>
      }
    />
  )
}

function DealListCard({ deal: d }: { deal: Deal & { tags?: RecordTag[] } }) {
  const fmt = useFormat()
  return (
    <>
      <Link
        to="/deals/$id"
        params={{ id: d.id }}
        className="block text-base font-semibold text-teal-800 hover:underline"
      >
        {d.title}
      </Link>
      <p className="text-sm text-slate-700">
        {[fmt.money(d.amountMinor, d.currency), d.stage.name, d.company?.name ?? d.person?.name]
          .filter(Boolean)
          .join(' · ')}
      </p>
      <TagChips tags={d.tags} className="mt-1" />
    </>
  )
}
