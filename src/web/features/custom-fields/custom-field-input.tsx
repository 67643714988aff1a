import { useLingui } from '@lingui/react/macro'
import { parsePhoneNumberFromString } from 'libphonenumber-js/min'
import { useId } from 'react'
import { CURRENCIES } from '../../../server/features/workspaces/regions.ts'
import { SelectField, TextField } from '../../components/ui/field.tsx'
import { useErrorText } from '../../lib/errors.ts'
import { useFormat } from '../../lib/format.ts'
import { useSignedIn } from '../../lib/session.ts'
import type { CustomField, CustomFieldType } from './custom-fields-api.ts'
import { type CurrencyDraft, type Draft, pickLabel } from './custom-values.ts'

// One input per custom field type, labelled in the UI language (English when the field
// has no label in it), with the server's error for `custom.<key>` underneath.
type Props = {
  field: Pick<CustomField, 'key' | 'type' | 'labels' | 'options'>
  draft: Draft
  onChange: (draft: Draft) => void
  /** An error code from the form's errors (zod or problem+json). */
  error?: string
}

const controlClass =
  'block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base text-slate-900 focus:outline-2 focus:outline-teal-700 aria-[invalid=true]:border-red-700'

export function CustomFieldInput({ field, draft, onChange, error }: Props) {
  const { t, i18n } = useLingui()
  const errorText = useCustomErrorText(field.type)
  const fmt = useFormat()
  const { workspace } = useSignedIn()
  const id = useId()
  const label = pickLabel(field.labels, i18n.locale)
  const labelNode = <span lang={label.lang === i18n.locale ? undefined : label.lang}>{label.text}</span>
  const message = errorText(error)
  const text = typeof draft === 'string' ? draft : ''
  const optionText = (o: CustomField['options'][number]) => {
    const l = pickLabel(o.labels, i18n.locale)
    return l.text || o.key
  }

  switch (field.type) {
    case 'longText':
      return (
        <div className="space-y-1">
          <label htmlFor={id} className="block text-sm font-medium text-slate-800">
            {labelNode}
          </label>
          <textarea
            id={id}
            rows={4}
            maxLength={10000}
            value={text}
            aria-invalid={message ? true : undefined}
            aria-describedby={message ? `${id}-error` : undefined}
            className={controlClass}
            onChange={(e) => onChange(e.target.value)}
          />
          {message && (
            <p id={`${id}-error`} role="alert" className="text-sm text-red-800">
              {message}
            </p>
          )}
        </div>
      )
    case 'currency': {
      const money: CurrencyDraft =
        typeof draft === 'object' && !Array.isArray(draft)
          ? draft
          : { amount: '', currency: workspace.currency }
      return (
        <fieldset className="space-y-1" aria-describedby={message ? `${id}-error` : undefined}>
          <legend className="text-sm font-medium text-slate-800">{labelNode}</legend>
          <div className="grid grid-cols-[1fr_7rem] gap-2">
            <TextField
              label={<span className="sr-only">{t`Amount`}</span>}
              inputMode="decimal"
              autoComplete="off"
              value={money.amount}
              aria-invalid={message ? true : undefined}
              onChange={(e) => onChange({ ...money, amount: e.target.value })}
            />
            <SelectField
              label={<span className="sr-only">{t`Currency`}</span>}
              value={money.currency}
              onChange={(e) => onChange({ ...money, currency: e.target.value })}
            >
              {CURRENCIES.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </SelectField>
          </div>
          {message && (
            <p id={`${id}-error`} role="alert" className="text-sm text-red-800">
              {message}
            </p>
          )}
        </fieldset>
      )
    }
    case 'multiSelect': {
      const checked = Array.isArray(draft) ? draft : []
      return (
        <fieldset className="space-y-1" aria-describedby={message ? `${id}-error` : undefined}>
          <legend className="text-sm font-medium text-slate-800">{labelNode}</legend>
          <div className="flex flex-wrap gap-x-4">
            {field.options.map((o) => (
              <label key={o.key} className="flex min-h-11 items-center gap-2 text-base text-slate-900">
                <input
                  type="checkbox"
                  className="size-5 accent-teal-700"
                  checked={checked.includes(o.key)}
                  aria-invalid={message ? true : undefined}
                  onChange={(e) =>
                    onChange(e.target.checked ? [...checked, o.key] : checked.filter((k) => k !== o.key))
                  }
                />
                {optionText(o)}
              </label>
            ))}
          </div>
          {message && (
            <p id={`${id}-error`} role="alert" className="text-sm text-red-800">
              {message}
            </p>
          )}
        </fieldset>
      )
    }
    case 'select':
    case 'boolean':
      return (
        <SelectField
          label={labelNode}
          value={text}
          error={message}
          onChange={(e) => onChange(e.target.value)}
        >
          <option value="">{t`Not set`}</option>
          {field.type === 'boolean' ? (
            <>
              <option value="true">{t`Yes`}</option>
              <option value="false">{t`No`}</option>
            </>
          ) : (
            field.options.map((o) => (
              <option key={o.key} value={o.key}>
                {optionText(o)}
              </option>
            ))
          )}
          {field.type === 'select' && text && !field.options.some((o) => o.key === text) && (
            <option value={text}>{text}</option>
          )}
        </SelectField>
      )
    default: {
      const common = {
        label: labelNode,
        value: text,
        error: message,
        autoComplete: 'off',
        onChange: (e: { target: { value: string } }) => onChange(e.target.value),
      }
      if (field.type === 'date') {
        // The picker is the browser's (Gregorian); the hint shows the day as the workspace reads it.
        const hint =
          workspace.calendar === 'ethiopic' && /^\d{4}-\d{2}-\d{2}$/.test(text)
            ? fmt.date(`${text}T12:00:00Z`)
            : undefined
        return <TextField type="date" hint={hint} {...common} />
      }
      if (field.type === 'number') return <TextField inputMode="decimal" {...common} />
      if (field.type === 'phone') {
        const parsed = text.trim()
          ? parsePhoneNumberFromString(
              text,
              workspace.country as Parameters<typeof parsePhoneNumberFromString>[1],
            )
          : undefined
        const saved = parsed?.isValid() ? parsed.formatInternational() : undefined
        return <TextField type="tel" inputMode="tel" hint={saved && `${t`Saved as`} ${saved}`} {...common} />
      }
      if (field.type === 'email') return <TextField type="email" {...common} />
      if (field.type === 'url')
        return <TextField type="url" inputMode="url" placeholder="https://" {...common} />
      return <TextField maxLength={500} {...common} />
    }
  }
}

/** Error texts that fit the field: "Enter a number" rather than a generic message. */
function useCustomErrorText(type: CustomFieldType) {
  const { t } = useLingui()
  const errorText = useErrorText()
  return (code: string | undefined) => {
    if (code === undefined || code === 'required' || code === 'too_big' || code === 'invalid_phone')
      return errorText(code)
    if (code === 'too_long') return errorText('too_big')
    if (code === 'invalid_currency') return t`Choose a currency from the list`
    if (code === 'unknown_field') return t`This field was removed. Reload the page to see the current fields.`
    switch (type) {
      case 'number':
        return t`Enter a number`
      case 'currency':
        return t`Enter an amount, for example 1500.50`
      case 'date':
        return t`Enter a date`
      case 'email':
        return t`Enter a valid email address`
      case 'url':
        return t`Enter a web address, for example https://example.com`
      case 'select':
      case 'multiSelect':
        return t`Choose one of the options`
      default:
        return errorText(code)
    }
  }
}
