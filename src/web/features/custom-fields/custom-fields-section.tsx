import { Trans } from '@lingui/react/macro'
import type { FieldErrors } from '../../lib/errors.ts'
import { useSignedIn } from '../../lib/session.ts'
import { CustomFieldInput } from './custom-field-input.tsx'
import { type CustomFieldObject, useCustomFields } from './custom-fields-api.ts'
import { type CustomEdits, customError, toDraft } from './custom-values.ts'

// The workspace's own fields of an object inside its create/edit form. The form keeps
// `edits` (only the fields the user touched) in its values, so a failed save loses
// nothing, and sends them with `customBody` from custom-values.ts.
export { type CustomEdits, customBody } from './custom-values.ts'

export function CustomFieldsSection({
  object,
  record,
  edits,
  onChange,
  errors,
}: {
  object: CustomFieldObject
  /** The record being edited (its saved values), none when creating. */
  record?: { id: string; custom?: Record<string, unknown> }
  edits: CustomEdits
  onChange: (edits: CustomEdits) => void
  errors: FieldErrors
}) {
  const { workspace } = useSignedIn()
  const fields = useCustomFields(object).data ?? []
  if (!fields.length) return null
  return (
    <fieldset className="space-y-4">
      <legend className="text-sm font-semibold text-slate-900">
        <Trans>More details</Trans>
      </legend>
      {fields.map((field) => (
        <CustomFieldInput
          key={field.id}
          field={field}
          draft={edits[field.key]?.draft ?? toDraft(field, record?.custom?.[field.key], workspace.currency)}
          error={customError(errors, field.key)}
          onChange={(draft) => onChange({ ...edits, [field.key]: { field, draft } })}
        />
      ))}
    </fieldset>
  )
}
