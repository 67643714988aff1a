import { useLingui } from '@lingui/react/macro'
import { Link, useNavigate } from '@tanstack/react-router'
import type { FormEvent } from 'react'
import { dealCreateInput } from '../../../server/features/deals/deals.schema.ts'
import { CURRENCIES } from '../../../server/features/workspaces/regions.ts'
import { SelectField, TextField } from '../../components/ui/field.tsx'
import { type Picked, RecordPicker } from '../../components/ui/record-picker.tsx'
import { useErrorText } from '../../lib/errors.ts'
import { useSignedIn } from '../../lib/session.ts'
import { FormButtons, FormProblem, OwnerSelect, openExistingClass } from '../contacts/contact-fields.tsx'
import { useRecordForm } from '../contacts/use-record-form.ts'
import { type CustomEdits, CustomFieldsSection, customBody } from '../custom-fields/custom-fields-section.tsx'
import { TagPicker } from '../tags/tag-picker.tsx'
import type { RecordTag } from '../tags/tags-api.ts'
import { type Deal, usePipelines } from './deals-api.ts'
import { fromMinor, toMinor } from './money.ts'

// Create and edit a deal. The amount is typed as people write it ("15,000.50") and sent
// as integer minor units of the chosen currency.
type Values = {
  title: string
  amount: string
  currency: string
  pipelineId: string
  stageId: string
  person: Picked | null
  company: Picked | null
  ownerId: string
  expectedCloseDate: string
  status: 'open' | 'won' | 'lost'
  lostReason: string
  tags: RecordTag[]
  custom: CustomEdits
}

export type DealPreset = { pipelineId?: string; person?: Picked; company?: Picked }

const toValues = (
  d: Deal | undefined,
  userId: string,
  currency: string,
  preset: DealPreset = {},
): Values => ({
  title: d?.title ?? '',
  amount: d ? fromMinor(d.amountMinor, d.currency) : '',
  currency: d?.currency ?? currency,
  pipelineId: d?.pipeline.id ?? preset.pipelineId ?? '',
  stageId: d?.stage.id ?? '',
  person: d?.person ?? preset.person ?? null,
  company: d?.company ?? preset.company ?? null,
  ownerId: d ? (d.owner?.id ?? '') : userId,
  expectedCloseDate: d?.expectedCloseDate ?? '',
  status: d?.status ?? 'open',
  lostReason: d?.lostReason ?? '',
  tags: d?.tags ?? [],
  custom: {},
})

export function DealForm({ deal, preset }: { deal?: Deal; preset?: DealPreset }) {
  const { t } = useLingui()
  const errorText = useErrorText()
  const navigate = useNavigate()
  const { user, workspace } = useSignedIn()
  const pipelines = usePipelines()
  const form = useRecordForm({
    collection: 'deals',
    record: deal,
    initial: toValues(deal, user.id, workspace.currency, preset),
    schema: dealCreateInput,
    toBody: (v: Values) => ({
      title: v.title,
      amountMinor: toMinor(v.amount, v.currency) ?? Number.NaN,
      currency: v.currency,
      ...(v.pipelineId ? { pipelineId: v.pipelineId } : {}),
      ...(v.stageId ? { stageId: v.stageId } : {}),
      personId: v.person?.id ?? null,
      companyId: v.company?.id ?? null,
      ownerId: v.ownerId || null,
      expectedCloseDate: v.expectedCloseDate || null,
      ...(deal
        ? { status: v.status, lostReason: v.status === 'lost' ? v.lostReason.trim() || null : null }
        : {}),
      tagIds: v.tags.map((tag) => tag.id),
      ...customBody(v.custom, deal),
    }),
    fromRecord: (d: Deal) => toValues(d, user.id, workspace.currency),
    onSaved: (saved) => navigate({ to: '/deals/$id', params: { id: saved.id } }),
  })
  const { values, setValues, errors } = form
  const pipeline = pipelines.data?.find((p) => p.id === values.pipelineId) ?? pipelines.data?.[0]
  const set = (patch: Partial<Values>) => setValues({ ...values, ...patch })

  function submit(e: FormEvent) {
    e.preventDefault()
    void form.save()
  }

  return (
    <form onSubmit={submit} noValidate className="max-w-2xl space-y-5">
      <FormProblem
        form={form}
        openExisting={(existing) => (
          <Link to="/deals/$id" params={{ id: existing.id }} className={openExistingClass}>
            {t`Open ${existing.name}`}
          </Link>
        )}
      />
      <TextField
        label={t`Deal title`}
        value={values.title}
        error={errorText(errors.title)}
        onChange={(e) => set({ title: e.target.value })}
      />
      <div className="grid gap-4 sm:grid-cols-[1fr_8rem]">
        <TextField
          label={t`Amount`}
          inputMode="decimal"
          value={values.amount}
          error={errorText(errors.amountMinor)}
          onChange={(e) => set({ amount: e.target.value })}
        />
        <SelectField
          label={t`Currency`}
          value={values.currency}
          onChange={(e) => set({ currency: e.target.value })}
        >
          {CURRENCIES.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label={t`Pipeline`}
          value={pipeline?.id ?? ''}
          error={errorText(errors.pipelineId)}
          onChange={(e) => set({ pipelineId: e.target.value, stageId: '' })}
        >
          {pipelines.data?.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t`Stage`}
          value={values.stageId || (pipeline?.stages.find((s) => s.kind === 'open')?.id ?? '')}
          error={errorText(errors.stageId)}
          onChange={(e) => set({ stageId: e.target.value, pipelineId: pipeline?.id ?? '' })}
        >
          {pipeline?.stages.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </SelectField>
      </div>
      <RecordPicker
        label={t`Person`}
        path="/api/v1/people"
        value={values.person}
        onChange={(person) => set({ person })}
        toOption={(p: { id: string; firstName: string; lastName: string }) => ({
          id: p.id,
          name: `${p.firstName} ${p.lastName}`.trim(),
        })}
        error={errorText(errors.personId)}
      />
      <RecordPicker
        label={t`Company`}
        path="/api/v1/companies"
        value={values.company}
        onChange={(company) => set({ company })}
        toOption={(c: { id: string; name: string }) => ({ id: c.id, name: c.name })}
        error={errorText(errors.companyId)}
      />
      <TextField
        label={t`Expected close date`}
        type="date"
        value={values.expectedCloseDate}
        error={errorText(errors.expectedCloseDate)}
        onChange={(e) => set({ expectedCloseDate: e.target.value })}
      />
      {deal && (
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            label={t`Status`}
            value={values.status}
            onChange={(e) => set({ status: e.target.value as Values['status'] })}
          >
            <option value="open">{t`Open`}</option>
            <option value="won">{t`Won`}</option>
            <option value="lost">{t`Lost`}</option>
          </SelectField>
          {values.status === 'lost' && (
            <TextField
              label={t`Reason`}
              value={values.lostReason}
              error={errorText(errors.lostReason)}
              onChange={(e) => set({ lostReason: e.target.value })}
            />
          )}
        </div>
      )}
      <OwnerSelect
        value={values.ownerId}
        onChange={(ownerId) => set({ ownerId })}
        error={errorText(errors.ownerId)}
      />
      <TagPicker
        label={t`Tags`}
        value={values.tags}
        onChange={(tags) => set({ tags })}
        error={errorText(errors.tagIds)}
      />
      <CustomFieldsSection
        object="deal"
        record={deal}
        edits={values.custom}
        onChange={(custom) => set({ custom })}
        errors={errors}
      />
      <FormButtons busy={form.busy} />
    </form>
  )
}
