import { Trans } from '@lingui/react/macro'
import { useSearch } from '@tanstack/react-router'
import { PersonForm } from '../features/people/person-form.tsx'

export function PersonNewPage() {
  const { companyId, companyName } = useSearch({ from: '/app/people/new' })
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold text-slate-900">
        <Trans>Add person</Trans>
      </h1>
      <PersonForm company={companyId ? { id: companyId, name: companyName ?? '' } : undefined} />
    </div>
  )
}
