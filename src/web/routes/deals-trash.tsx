import { Trans } from '@lingui/react/macro'
import { Link } from '@tanstack/react-router'
import { ArrowLeft } from 'lucide-react'
import { buttonClass } from '../components/ui/button.tsx'
import { DealRows } from '../features/deals/deal-rows.tsx'

export function DealsTrashPage() {
  return (
    <div className="space-y-4">
      <Link to="/deals" search={{}} className={buttonClass({ variant: 'ghost', className: '-ml-3' })}>
        <ArrowLeft aria-hidden className="size-4" />
        <Trans>Deals</Trans>
      </Link>
      <h1 className="text-2xl font-semibold text-slate-900">
        <Trans>Deals in the trash</Trans>
      </h1>
      <DealRows params={{ trashed: true }} empty={<Trans>The trash is empty.</Trans>} />
    </div>
  )
}
