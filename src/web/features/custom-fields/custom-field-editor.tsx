import { Trans, useLingui } from '@lingui/react/macro'
import { ArrowDown, ArrowUp, Plus, X } from 'lucide-react'
import { type FormEvent, useState } from 'react'
import { Button } from '../../components/ui/button.tsx'
import { focusFirstError, SelectField, TextField } from '../../components/ui/field.tsx'
import { toast } from '../../components/ui/toast.tsx'
import { errorCode, type FieldErrors, fromProblem, useErrorText } from '../../lib/errors.ts'
import {
  type CustomField,
  type CustomFieldObject,
  type CustomFieldType,
  type Labels,
  useCustomFieldActions,
} from './custom-fields-api.ts'
import { cleanLabels, moved } from './field-settings.ts'

// Adding a field (type, labels in the three languages, options of a choice) and changing
// one (labels and options; type and key never change, values depend on them).
type LabelDraft = { en: string; am: string; sw: string }
type OptionRow = { key?: string; labels: LabelDraft }

const toLabelDraft = (l?: Labels): LabelDraft => ({ en: l?.en ?? '', am: l?.am ?? '', sw: l?.sw ?? '' })
const hasOptions = (type: CustomFieldType) => type === 'select' || type === 'multiSelect'

/** Name and one-line explanation of each field type, in the order they are offered. */
export function useFieldTypes(): Record<CustomFieldType, { name: string; hint: string }> {
  const { t } = useLingui()
  return {
    text: { name: t`Text`, hint: t`A short line, such as a customer number.` },
    longText: { name: t`Long text`, hint: t`Several lines, such as background notes.` },
    number: { name: t`Number`, hint: t`A quantity, such as the number of branches.` },
    currency: { name: t`Amount of money`, hint: t`An amount with its currency, such as a yearly budget.` },
    date: { name: t`Date`, hint: t`A day, shown in the workspace calendar.` },
    boolean: { name: t`Yes / no`, hint: t`A simple yes or no, such as “Signed the contract”.` },
    select: { name: t`Single choice`, hint: t`One option from a list you write.` },
    multiSelect: { name: t`Multiple choice`, hint: t`Any number of options from a list you write.` },
    phone: { name: t`Phone number`, hint: t`Saved in international form; tap to call.` },
    email: { name: t`Email`, hint: t`An email address; tap to write.` },
    url: { name: t`Web address`, hint: t`A link to a website or a document.` },
  }
}

/** Error texts of the settings: the general ones, and the limit on fields. */
export function useSettingsErrorText() {
  const { t } = useLingui()
  const errorText = useErrorText()
  return (code: string | undefined) =>
    code === 'too_many_fields'
      ? t`A record type can have at most 100 custom fields. Delete a removed one for good first.`
      : errorText(code)
}

export function CustomFieldEditor({
  object,
  field,
  onDone,
}: {
  object: CustomFieldObject
  /** The field to change; none to add a new one. */
  field?: CustomField
  onDone: () => void
}) {
  const { t } = useLingui()
  const errorText = useSettingsErrorText()
  const types = useFieldTypes()
  const actions = useCustomFieldActions(object)
  const [type, setType] = useState<CustomFieldType>(field?.type ?? 'text')
  const [labels, setLabels] = useState(toLabelDraft(field?.labels))
  const [options, setOptions] = useState<OptionRow[]>(
    field?.options.map((o) => ({ key: o.key, labels: toLabelDraft(o.labels) })) ?? [],
  )
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string>()
  const [busy, setBusy] = useState(false)

  function check(): FieldErrors {
    const found: FieldErrors = {}
    if (!labels.en.trim()) found['labels.en'] = 'required'
    if (hasOptions(type)) {
      if (!options.length) found.options = 'options_required'
      options.forEach((o, i) => {
        if (!o.labels.en.trim()) found[`options.${i}.labels.en`] = 'required'
      })
    }
    return found
  }

  async function submit(e: FormEvent) {
    e.preventDefault()
    setFormError(undefined)
    const found = check()
    setErrors(found)
    if (Object.keys(found).length) return focusFirstError()
    // Options keep their key; new ones get a key the server derives from the English label.
    const sent = {
      labels: cleanLabels(labels),
      ...(hasOptions(type)
        ? {
            options: options.map((o) => ({
              ...(o.key ? { key: o.key } : {}),
              labels: cleanLabels(o.labels),
            })),
          }
        : {}),
    }
    setBusy(true)
    try {
      if (field) await actions.update(field, sent)
      else await actions.create({ type, ...sent })
      toast(t`Field saved`)
      onDone()
    } catch (err) {
      setErrors(fromProblem(err))
      setFormError(errorCode(err))
      focusFirstError()
    } finally {
      setBusy(false)
    }
  }

  // The server says 'required' for a select without options, the form 'options_required'.
  const optionsError = (code: string | undefined) =>
    code === 'options_required' || code === 'required' ? t`Add at least one option` : errorText(code)
  const hasFieldErrors = Object.keys(errors).length > 0
  const typeName = types[type].name
  return (
    <form
      onSubmit={submit}
      noValidate
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4"
      aria-label={field ? t`Change field` : t`New field`}
    >
      {formError && !hasFieldErrors && (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          {errorText(formError)}
        </p>
      )}
      {field ? (
        <p className="text-sm text-slate-700">{t`Type: ${typeName}`}</p>
      ) : (
        <SelectField
          label={t`Type`}
          value={type}
          hint={types[type].hint}
          error={errorText(errors.type)}
          onChange={(e) => setType(e.target.value as CustomFieldType)}
        >
          {(Object.keys(types) as CustomFieldType[]).map((k) => (
            <option key={k} value={k}>
              {types[k].name}
            </option>
          ))}
        </SelectField>
      )}
      <LabelInputs
        value={labels}
        onChange={setLabels}
        names={{
          en: t`Name in English`,
          am: t`Name in Amharic (optional)`,
          sw: t`Name in Swahili (optional)`,
        }}
        errors={{
          en: errorText(errors['labels.en']),
          am: errorText(errors['labels.am']),
          sw: errorText(errors['labels.sw']),
        }}
      />
      {hasOptions(type) && (
        <fieldset className="space-y-3">
          <legend className="text-sm font-semibold text-slate-900">
            <Trans>Options, in order</Trans>
          </legend>
          {options.map((o, i) => (
            <div key={o.key ?? `new-${i}`} className="space-y-2 border-b border-slate-100 pb-3">
              <LabelInputs
                value={o.labels}
                onChange={(l) => setOptions(options.map((x, j) => (j === i ? { ...x, labels: l } : x)))}
                names={{
                  en: t`Option ${i + 1} in English`,
                  am: t`Option ${i + 1} in Amharic`,
                  sw: t`Option ${i + 1} in Swahili`,
                }}
                errors={{ en: errorText(errors[`options.${i}.labels.en`] ?? errors[`options.${i}.key`]) }}
              />
              <div className="flex gap-1">
                <Button
                  variant="ghost"
                  className="px-3"
                  disabled={i === 0}
                  onClick={() => setOptions(moved(options, i, -1))}
                >
                  <ArrowUp aria-hidden className="size-4" />
                  <span className="sr-only">{t`Move option ${i + 1} up`}</span>
                </Button>
                <Button
                  variant="ghost"
                  className="px-3"
                  disabled={i === options.length - 1}
                  onClick={() => setOptions(moved(options, i, 1))}
                >
                  <ArrowDown aria-hidden className="size-4" />
                  <span className="sr-only">{t`Move option ${i + 1} down`}</span>
                </Button>
                <Button
                  variant="ghost"
                  className="px-3"
                  onClick={() => setOptions(options.filter((_, j) => j !== i))}
                >
                  <X aria-hidden className="size-4" />
                  <span className="sr-only">{t`Remove option ${i + 1}`}</span>
                </Button>
              </div>
            </div>
          ))}
          {errors.options && (
            <p role="alert" className="text-sm text-red-800">
              {optionsError(errors.options)}
            </p>
          )}
          <Button
            variant="ghost"
            onClick={() => setOptions([...options, { labels: { en: '', am: '', sw: '' } }])}
          >
            <Plus aria-hidden className="size-4" />
            <Trans>Add option</Trans>
          </Button>
        </fieldset>
      )}
      <div className="flex flex-wrap gap-3">
        <Button type="submit" disabled={busy}>
          {field ? <Trans>Save field</Trans> : <Trans>Add field</Trans>}
        </Button>
        <Button variant="secondary" onClick={onDone}>
          <Trans>Cancel</Trans>
        </Button>
      </div>
    </form>
  )
}

/** English (required), Amharic and Swahili names, each input marked with its language. */
function LabelInputs({
  value,
  onChange,
  names,
  errors,
}: {
  value: LabelDraft
  onChange: (v: LabelDraft) => void
  names: LabelDraft
  errors: Partial<Record<keyof LabelDraft, string | undefined>>
}) {
  return (
    <div className="grid gap-3 sm:grid-cols-3">
      {(['en', 'am', 'sw'] as const).map((lang) => (
        <TextField
          key={lang}
          lang={lang}
          label={names[lang]}
          value={value[lang]}
          maxLength={60}
          autoComplete="off"
          error={errors[lang]}
          onChange={(e) => onChange({ ...value, [lang]: e.target.value })}
        />
      ))}
    </div>
  )
}
