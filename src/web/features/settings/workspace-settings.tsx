import { Trans, useLingui } from '@lingui/react/macro'
import { useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { type CountryCode, CURRENCIES } from '../../../server/features/workspaces/regions.ts'
import { Button } from '../../components/ui/button.tsx'
import { SelectField } from '../../components/ui/field.tsx'
import { toast } from '../../components/ui/toast.tsx'
import { api } from '../../lib/api.ts'
import { errorCode, type FieldErrors, fromProblem, useErrorText } from '../../lib/errors.ts'
import { canManage, useSignedIn } from '../../lib/session.ts'
import type { Workspace } from '../../lib/types.ts'
import { WorkspaceFields, type WorkspaceSettings } from './workspace-fields.tsx'

// The workspace's name, language, country, calendar and currency. Admins edit; everyone
// else sees the values.
export function WorkspaceSettingsForm() {
  const { t } = useLingui()
  const errorText = useErrorText()
  const qc = useQueryClient()
  const { workspace, role } = useSignedIn()
  const editable = canManage(role)
  const [values, setValues] = useState<WorkspaceSettings & { currency: string }>({
    name: workspace.name,
    locale: workspace.locale,
    country: workspace.country as CountryCode,
    calendar: workspace.calendar,
    currency: workspace.currency,
  })
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string>()

  async function submit(e: FormEvent) {
    e.preventDefault()
    setErrors({})
    setFormError(undefined)
    try {
      await api<Workspace>('/api/v1/workspace', { method: 'PATCH', body: values, version: workspace.version })
      await qc.invalidateQueries({ queryKey: ['me'] })
      toast(t`Workspace saved`)
    } catch (err) {
      setErrors(fromProblem(err))
      setFormError(errorCode(err))
    }
  }

  return (
    <form onSubmit={submit} className="max-w-xl space-y-4" noValidate>
      {formError && !Object.keys(errors).length && (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          {errorText(formError)}
        </p>
      )}
      <WorkspaceFields
        value={values}
        onChange={(v) => setValues({ ...values, ...v })}
        errors={errors}
        disabled={!editable}
      />
      <SelectField
        label={t`Currency`}
        value={values.currency}
        disabled={!editable}
        error={errorText(errors.currency)}
        onChange={(e) => setValues({ ...values, currency: e.target.value })}
      >
        {CURRENCIES.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </SelectField>
      {editable && (
        <Button type="submit">
          <Trans>Save</Trans>
        </Button>
      )}
    </form>
  )
}
