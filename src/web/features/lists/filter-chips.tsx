import { Trans, useLingui } from '@lingui/react/macro'
import { X } from 'lucide-react'
import { Fragment, type ReactNode, useId } from 'react'
import { useFormat } from '../../lib/format.ts'
import { useMe } from '../../lib/session.ts'
import { useTags } from '../tags/tags-api.ts'
import { useFieldLabel, useOpLabel } from './field-labels.ts'
import type { Field } from './fields-api.ts'
import { listValue, noValue } from './filter-ops.ts'
import { useChoices } from './filter-value.tsx'
import type { FilterCondition } from './list-state.ts'
import { RefName } from './ref-value.tsx'

// The active filter conditions as chips under the toolbar ("Owner is me ×"): a chip's
// text opens the filter panel, its × removes that condition. They wrap on narrow screens.
export function FilterChips({
  fields,
  filters,
  onChange,
  onEdit,
}: {
  fields: Field[]
  filters: FilterCondition[]
  onChange: (filters: FilterCondition[]) => void
  onEdit: () => void
}) {
  const { t } = useLingui()
  if (!filters.length) return null
  return (
    <div className="flex flex-wrap items-center gap-2">
      <ul aria-label={t`Active filters`} className="flex flex-wrap gap-2">
        {filters.map((c, i) => (
          // Conditions have no identity of their own; their place in the list is it.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <li key={i}>
            <Chip
              field={fields.find((f) => f.key === c.field)}
              condition={c}
              onEdit={onEdit}
              onRemove={() => onChange(filters.filter((_, j) => j !== i))}
            />
          </li>
        ))}
      </ul>
      {filters.length > 1 && (
        <button
          type="button"
          className="min-h-11 rounded-md px-3 text-sm text-teal-800 underline-offset-2 hover:underline"
          onClick={() => onChange([])}
        >
          <Trans>Clear all filters</Trans>
        </button>
      )}
    </div>
  )
}

function Chip({
  field,
  condition,
  onEdit,
  onRemove,
}: {
  field: Field | undefined
  condition: FilterCondition
  onEdit: () => void
  onRemove: () => void
}) {
  const id = useId()
  const { t } = useLingui()
  return (
    <span className="inline-flex max-w-full items-center rounded-full border border-teal-300 bg-teal-50 text-sm text-teal-900">
      <button
        type="button"
        id={`${id}-text`}
        onClick={onEdit}
        className="min-h-11 truncate rounded-l-full pl-3 text-left hover:underline"
      >
        <ConditionText field={field} condition={condition} />
      </button>
      <span id={`${id}-remove`} hidden>
        {t`Remove filter`}
      </span>
      <button
        type="button"
        aria-labelledby={`${id}-remove ${id}-text`}
        onClick={onRemove}
        className="inline-flex min-h-11 min-w-11 items-center justify-center rounded-r-full hover:bg-teal-100"
      >
        <X aria-hidden className="size-4" />
      </button>
    </span>
  )
}

/** "Owner is me", "Tags has any of VIP, Lead", "Created between Jan 1, 2026 – Feb 1, 2026". */
export function ConditionText({
  field,
  condition,
}: {
  field: Field | undefined
  condition: FilterCondition
}) {
  const fieldLabel = useFieldLabel()
  const opLabel = useOpLabel()
  if (!field) return <>{condition.field}</>
  const label = fieldLabel(field)
  return (
    <>
      <span lang={label.lang}>{label.text}</span> {opLabel(condition.op, field.type)}
      {!noValue(condition.op) && (
        <>
          {' '}
          <strong className="font-semibold">
            <ValueText field={field} condition={condition} />
          </strong>
        </>
      )}
    </>
  )
}

function ValueText({ field, condition }: { field: Field; condition: FilterCondition }) {
  const { t } = useLingui()
  const fmt = useFormat()
  const currency = useMe().data?.workspace?.currency ?? 'USD'
  const choices = useChoices(field)
  const tags = useTags(field.type === 'tags').data
  const one = (v: unknown): ReactNode => {
    if (v === null || v === undefined || v === '') return '…'
    if (field.type === 'tags') return tags?.find((tag) => tag.id === v)?.name ?? '…'
    if (field.type === 'ref' && (field.ref === 'company' || field.ref === 'person'))
      return <RefName kind={field.ref} id={String(v)} />
    if (choices) return choices.find((c) => c.key === String(v))?.label ?? String(v)
    if (field.type === 'currency' && typeof v === 'number') return fmt.money(v, currency)
    if (field.type === 'number' && typeof v === 'number') return fmt.number(v)
    if (
      (field.type === 'date' || field.type === 'datetime') &&
      typeof v === 'string' &&
      /^\d{4}-\d\d-\d\d$/.test(v)
    )
      return fmt.date(`${v}T12:00:00Z`)
    return `“${String(v)}”`
  }
  const v = condition.value
  if (condition.op === 'between' && Array.isArray(v)) {
    const [from, to] = v
    if (from !== null && from !== undefined && to !== null && to !== undefined)
      return (
        <>
          {one(from)} – {one(to)}
        </>
      )
    if (from !== null && from !== undefined) return <Trans>from {one(from)}</Trans>
    return <Trans>up to {one(to)}</Trans>
  }
  if (listValue(condition.op) && Array.isArray(v)) {
    return (
      <>
        {v.map((x, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: values may repeat and have no id
          <Fragment key={i}>
            {i > 0 && t`, `}
            {one(x)}
          </Fragment>
        ))}
      </>
    )
  }
  return <>{one(v)}</>
}
