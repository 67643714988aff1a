import { Trans } from '@lingui/react/macro'
import { useParams } from '@tanstack/react-router'
import { fullName, usePerson } from '../features/people/people-api.ts'
import { PersonForm } from '../features/people/person-form.tsx'
import { RouteError, Skeleton } from '../features/shell/route-states.tsx'

export function PersonEditPage() {
  const { id } = useParams({ from: '/app/people/$id/edit' })
  const person = usePerson(id)
  if (person.isPending) return <Skeleton />
  if (person.isError) return <RouteError error={person.error} />
  const name = fullName(person.data)
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold text-slate-900">
        <Trans>Edit {name}</Trans>
      </h1>
      <PersonForm person={person.data} />
    </div>
  )
}
