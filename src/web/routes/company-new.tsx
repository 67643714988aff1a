import { Trans } from '@lingui/react/macro'
import { CompanyForm } from '../features/companies/company-form.tsx'

export function CompanyNewPage() {
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold text-slate-900">
        <Trans>Add company</Trans>
      </h1>
      <CompanyForm />
    </div>
  )
}
