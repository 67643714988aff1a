import { Trans } from '@lingui/react/macro'
import { useParams } from '@tanstack/react-router'
import { DealForm } from '../features/deals/deal-form.tsx'
import { useDeal } from '../features/deals/deals-api.ts'
import { RouteError, Skeleton } from '../features/shell/route-states.tsx'

export function DealEditPage() {
  const { id } = useParams({ from: '/app/deals/$id/edit' })
  const deal = useDeal(id)
  if (deal.isPending) return <Skeleton />
  if (deal.isError) return <RouteError error={deal.error} />
  const name = deal.data.title
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold text-slate-900">
        <Trans>Edit {name}</Trans>
      </h1>
      <DealForm deal={deal.data} />
    </div>
  )
}
