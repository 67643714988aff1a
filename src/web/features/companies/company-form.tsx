import { useLingui } from '@lingui/react/macro'
import { Link, useNavigate } from '@tanstack/react-router'
import type { FormEvent } from 'react'
import {
  COMPANY_SIZES,
  type Company,
  companyCreateInput,
} from '../../../server/features/companies/companies.schema.ts'
import { COUNTRY_CODES } from '../../../server/features/workspaces/regions.ts'
import { SelectField, TextField } from '../../components/ui/field.tsx'
import { useErrorText } from '../../lib/errors.ts'
import { useCountryName } from '../../lib/labels.ts'
import { useSignedIn } from '../../lib/session.ts'
import {
  type EmailRow,
  EmailRows,
  FormButtons,
  FormProblem,
  filledEmails,
  filledPhones,
  OwnerSelect,
  openExistingClass,
  type PhoneRow,
  PhoneRows,
} from '../contacts/contact-fields.tsx'
import { useRecordForm } from '../contacts/use-record-form.ts'
import { type CustomEdits, CustomFieldsSection, customBody } from '../custom-fields/custom-fields-section.tsx'
import { TagPicker } from '../tags/tag-picker.tsx'
import type { RecordTag } from '../tags/tags-api.ts'

// Create and edit a company, the same way as a person: shared schema, errors by field,
// duplicates (phone, email or website) offered to open instead.
type Values = {
  name: string
  domain: string
  industry: string
  size: string
  city: string
  region: string
  country: string
  ownerId: string
  phones: PhoneRow[]
  emails: EmailRow[]
  tags: RecordTag[]
  custom: CustomEdits
}

const toValues = (c: Company | undefined, userId: string, country: string): Values => ({
  name: c?.name ?? '',
  domain: c?.domain ?? '',
  industry: c?.industry ?? '',
  size: c?.size ?? '',
  city: c?.city ?? '',
  region: c?.region ?? '',
  country: c ? (c.country ?? '') : country,
  ownerId: c ? (c.owner?.id ?? '') : userId,
  phones: c?.phones.length
    ? c.phones.map((x) => ({ number: x.e164, label: x.label }))
    : [{ number: '', label: null }],
  emails: c?.emails.length ? c.emails.map((x) => ({ ...x })) : [{ email: '', label: null }],
  tags: c?.tags ?? [],
  custom: {},
})

const orNull = (s: string) => s.trim() || null

const toBody = (v: Values) => ({
  name: v.name,
  domain: orNull(v.domain),
  industry: orNull(v.industry),
  size: orNull(v.size),
  city: orNull(v.city),
  region: orNull(v.region),
  country: orNull(v.country),
  ownerId: v.ownerId || null,
  phones: filledPhones(v.phones),
  emails: filledEmails(v.emails),
  tagIds: v.tags.map((tag) => tag.id),
})

export function CompanyForm({ company }: { company?: Company }) {
  const { t } = useLingui()
  const errorText = useErrorText()
  const countryName = useCountryName()
  const navigate = useNavigate()
  const { user, workspace } = useSignedIn()
  const form = useRecordForm({
    collection: 'companies',
    record: company,
    initial: toValues(company, user.id, workspace.country),
    schema: companyCreateInput,
    toBody: (v: Values) => ({ ...toBody(v), ...customBody(v.custom, company) }),
    fromRecord: (c: Company) => toValues(c, user.id, workspace.country),
    onSaved: (saved) => navigate({ to: '/companies/$id', params: { id: saved.id } }),
  })
  const { values, setValues, errors } = form
  const text = (field: keyof Values) => ({
    value: values[field] as string,
    error: errorText(errors[field]),
    onChange: (e: { target: { value: string } }) => setValues({ ...values, [field]: e.target.value }),
  })

  function submit(e: FormEvent) {
    e.preventDefault()
    void form.save()
  }

  return (
    <form onSubmit={submit} noValidate className="max-w-2xl space-y-5">
      <FormProblem
        form={form}
        openExisting={(existing) => (
          <Link to="/companies/$id" params={{ id: existing.id }} className={openExistingClass}>
            {t`Open ${existing.name}`}
          </Link>
        )}
      />
      <TextField label={t`Company name`} autoComplete="off" {...text('name')} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label={t`Website`} inputMode="url" placeholder="example.co.ke" {...text('domain')} />
        <TextField label={t`Industry`} {...text('industry')} />
      </div>
      <SelectField label={t`Size`} {...text('size')}>
        <option value="">{t`Not known`}</option>
        {COMPANY_SIZES.map((s) => (
          <option key={s} value={s}>
            {t`${s} employees`}
          </option>
        ))}
      </SelectField>
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField label={t`City`} {...text('city')} />
        <TextField label={t`Region`} {...text('region')} />
        <SelectField label={t`Country`} {...text('country')}>
          <option value="">—</option>
          {COUNTRY_CODES.map((c) => (
            <option key={c} value={c}>
              {countryName(c)}
            </option>
          ))}
        </SelectField>
      </div>
      <PhoneRows
        rows={values.phones}
        onChange={(phones) => setValues({ ...values, phones })}
        errors={errors}
      />
      <EmailRows
        rows={values.emails}
        onChange={(emails) => setValues({ ...values, emails })}
        errors={errors}
      />
      <OwnerSelect
        value={values.ownerId}
        onChange={(ownerId) => setValues({ ...values, ownerId })}
        error={errorText(errors.ownerId)}
      />
      <TagPicker
        label={t`Tags`}
        value={values.tags}
        onChange={(tags) => setValues({ ...values, tags })}
        error={errorText(errors.tagIds)}
      />
      <CustomFieldsSection
        object="company"
        record={company}
        edits={values.custom}
        onChange={(custom) => setValues({ ...values, custom })}
        errors={errors}
      />
      <FormButtons busy={form.busy} />
    </form>
  )
}
