import { Trans } from '@lingui/react/macro'
import { PersonForm } from '../features/people/person-form.tsx'

export function PersonNewPage() {
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold text-slate-900">
        <Trans>Add person</Trans>
      </h1>
      <PersonForm />
    </div>
  )
}
