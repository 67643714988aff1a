import { useLingui } from '@lingui/react/macro'
import { Link, useNavigate } from '@tanstack/react-router'
import type { FormEvent } from 'react'
import {
  PERSON_SOURCES,
  type PersonSource,
  personCreateInput,
} from '../../../server/features/people/people.schema.ts'
import { SelectField, TextField } from '../../components/ui/field.tsx'
import { type Picked, RecordPicker } from '../../components/ui/record-picker.tsx'
import { useErrorText } from '../../lib/errors.ts'
import { useSignedIn } from '../../lib/session.ts'
import type { Person } from '../../lib/types.ts'
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
import { useSourceLabel } from './source-labels.ts'

// Create and edit a person. The shared zod schema checks the form before it is sent; the
// server's answer (invalid phone, duplicate, stale version) lands next to the same fields.
// Nothing typed is lost on an error.
type Values = {
  firstName: string
  lastName: string
  jobTitle: string
  /** '' = not set */
  source: PersonSource | ''
  city: string
  ownerId: string
  company: Picked | null
  phones: PhoneRow[]
  emails: EmailRow[]
  tags: RecordTag[]
  custom: CustomEdits
}

const toValues = (p: Person | undefined, userId: string, company?: Picked): Values => ({
  firstName: p?.firstName ?? '',
  lastName: p?.lastName ?? '',
  jobTitle: p?.jobTitle ?? '',
  source: p?.source ?? '',
  city: p?.city ?? '',
  ownerId: p ? (p.owner?.id ?? '') : userId,
  company: p?.company ?? company ?? null,
  phones: p?.phones.length
    ? p.phones.map((x) => ({ number: x.e164, label: x.label }))
    : [{ number: '', label: null }],
  emails: p?.emails.length ? p.emails.map((x) => ({ ...x })) : [{ email: '', label: null }],
  tags: p?.tags ?? [],
  custom: {},
})

const toBody = (v: Values) => ({
  firstName: v.firstName,
  lastName: v.lastName,
  jobTitle: v.jobTitle.trim() || null,
  source: v.source || null,
  city: v.city.trim() || null,
  ownerId: v.ownerId || null,
  companyId: v.company?.id ?? null,
  phones: filledPhones(v.phones),
  emails: filledEmails(v.emails),
  tagIds: v.tags.map((tag) => tag.id),
})

/** `company` preselects the company when adding a person from a company's page. */
export function PersonForm({ person, company }: { person?: Person; company?: Picked }) {
  const { t } = useLingui()
  const errorText = useErrorText()
  const sourceLabel = useSourceLabel()
  const navigate = useNavigate()
  const { user } = useSignedIn()
  const form = useRecordForm({
    collection: 'people',
    record: person,
    initial: toValues(person, user.id, company),
    schema: personCreateInput,
    toBody: (v: Values) => ({ ...toBody(v), ...customBody(v.custom, person) }),
    fromRecord: (p: Person) => toValues(p, user.id),
    onSaved: (saved) => navigate({ to: '/people/$id', params: { id: saved.id } }),
  })
  const { values, setValues, errors } = form

  function submit(e: FormEvent) {
    e.preventDefault()
    void form.save()
  }

  return (
    <form onSubmit={submit} noValidate className="max-w-2xl space-y-5">
      <FormProblem
        form={form}
        openExisting={(existing) => (
          <Link to="/people/$id" params={{ id: existing.id }} className={openExistingClass}>
            {t`Open ${existing.name}`}
          </Link>
        )}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t`First name`}
          autoComplete="off"
          value={values.firstName}
          error={errorText(errors.firstName)}
          onChange={(e) => setValues({ ...values, firstName: e.target.value })}
        />
        <TextField
          label={t`Last name`}
          autoComplete="off"
          value={values.lastName}
          error={errorText(errors.lastName)}
          onChange={(e) => setValues({ ...values, lastName: e.target.value })}
        />
      </div>
      <TextField
        label={t`Job title`}
        value={values.jobTitle}
        error={errorText(errors.jobTitle)}
        onChange={(e) => setValues({ ...values, jobTitle: e.target.value })}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label={t`Source`}
          value={values.source}
          error={errorText(errors.source)}
          onChange={(e) => setValues({ ...values, source: e.target.value as PersonSource | '' })}
        >
          <option value="">{sourceLabel(null)}</option>
          {PERSON_SOURCES.map((key) => (
            <option key={key} value={key}>
              {sourceLabel(key)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t`City`}
          autoComplete="address-level2"
          value={values.city}
          error={errorText(errors.city)}
          onChange={(e) => setValues({ ...values, city: e.target.value })}
        />
      </div>
      <RecordPicker
        label={t`Company`}
        path="/api/v1/companies"
        value={values.company}
        onChange={(c) => setValues({ ...values, company: c })}
        toOption={(c: { id: string; name: string }) => ({ id: c.id, name: c.name })}
        error={errorText(errors.companyId)}
      />
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
        object="person"
        record={person}
        edits={values.custom}
        onChange={(custom) => setValues({ ...values, custom })}
        errors={errors}
      />
      <FormButtons busy={form.busy} />
    </form>
  )
}
