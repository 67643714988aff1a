import { Trans } from '@lingui/react/macro'
import { useParams } from '@tanstack/react-router'
import { useCompany } from '../features/companies/companies-api.ts'
import { CompanyForm } from '../features/companies/company-form.tsx'
import { RouteError, Skeleton } from '../features/shell/route-states.tsx'

export function CompanyEditPage() {
  const { id } = useParams({ from: '/app/companies/$id/edit' })
  const company = useCompany(id)
  if (company.isPending) return <Skeleton />
  if (company.isError) return <RouteError error={company.error} />
  const name = company.data.name
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold text-slate-900">
        <Trans>Edit {name}</Trans>
      </h1>
      <CompanyForm company={company.data} />
    </div>
  )
}
