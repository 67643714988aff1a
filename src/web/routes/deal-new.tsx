import { Trans } from '@lingui/react/macro'
import { useSearch } from '@tanstack/react-router'
import { DealForm } from '../features/deals/deal-form.tsx'

export function DealNewPage() {
  const s = useSearch({ from: '/app/deals/new' })
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold text-slate-900">
        <Trans>Add deal</Trans>
      </h1>
      <DealForm
        preset={{
          pipelineId: s.pipelineId,
          person: s.personId ? { id: s.personId, name: s.personName ?? '' } : undefined,
          company: s.companyId ? { id: s.companyId, name: s.companyName ?? '' } : undefined,
        }}
      />
    </div>
  )
}
