import { Trans } from '@lingui/react/macro'
import { useQueryClient } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { type FormEvent, useState } from 'react'
import { COUNTRIES } from '../../server/features/workspaces/regions.ts'
import { Button } from '../components/ui/button.tsx'
import { focusFirstError } from '../components/ui/field.tsx'
import { WorkspaceFields, type WorkspaceSettings } from '../features/settings/workspace-fields.tsx'
import { api } from '../lib/api.ts'
import { errorCode, type FieldErrors, fromProblem, useErrorText } from '../lib/errors.ts'
import { useMe } from '../lib/session.ts'
import type { Me } from '../lib/types.ts'

// Another workspace (a second shop, a new business): the creator becomes its owner and
// the session switches to it.
export function WorkspaceNewPage() {
  const errorText = useErrorText()
  const qc = useQueryClient()
  const navigate = useNavigate()
  const me = useMe()
  const current = me.data?.workspace
  const country = (current?.country ?? 'ET') as WorkspaceSettings['country']
  const [values, setValues] = useState<WorkspaceSettings>({
    name: '',
    locale: current?.locale ?? 'en',
    country,
    calendar: COUNTRIES[country].calendar,
  })
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string>()

  async function submit(e: FormEvent) {
    e.preventDefault()
    if (!values.name.trim()) {
      setErrors({ name: 'required' })
      return focusFirstError()
    }
    try {
      const updated = await api<Me>('/api/v1/workspaces', { method: 'POST', body: values })
      qc.clear()
      qc.setQueryData(['me'], updated)
      await navigate({ to: '/people', search: {} })
    } catch (err) {
      setErrors(fromProblem(err))
      setFormError(errorCode(err))
    }
  }

  return (
    <div className="max-w-xl space-y-6">
      <h1 className="text-2xl font-semibold text-slate-900">
        <Trans>New workspace</Trans>
      </h1>
      <form onSubmit={submit} className="space-y-4" noValidate>
        {formError && !Object.keys(errors).length && (
          <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
            {errorText(formError)}
          </p>
        )}
        <WorkspaceFields value={values} onChange={setValues} errors={errors} />
        <Button type="submit">
          <Trans>Create workspace</Trans>
        </Button>
      </form>
    </div>
  )
}
