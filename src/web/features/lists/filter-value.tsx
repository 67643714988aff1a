import { useLingui } from '@lingui/react/macro'
import { type ReactNode, useId, useState } from 'react'
import { useMe } from '../../lib/session.ts'
import { usePipelines } from '../deals/deals-api.ts'
import { fromMinor, toMinor } from '../deals/money.ts'
import { useMembers } from '../people/people-api.ts'
import { TagPicker } from '../tags/tag-picker.tsx'
import { useTags } from '../tags/tags-api.ts'
import { useOptionLabel } from './field-labels.ts'
import type { Field } from './fields-api.ts'
import { listValue, noValue } from './filter-ops.ts'
import type { FilterCondition } from './list-state.ts'
import { RefsValue, RefValue } from './ref-value.tsx'

// The value part of one filter condition, with the input its field type needs: text,
// number, money, date, yes/no, a choice among options (select, owner, stage, pipeline),
// tags, or a company or person picked by name. Between takes a "from" and a "to".
type Value = FilterCondition['value']
type Choice = { key: string; label: string }

const inputClass =
  'block min-h-11 w-full rounded-md border border-slate-400 bg-white px-3 text-base aria-[invalid=true]:border-red-700'

/** The fixed choices of a field (options, members, stages …); undefined when it has none. */
export function useChoices(field: Field | undefined): Choice[] | undefined {
  const option = useOptionLabel()
  const needs = field?.type === 'user' ? 'user' : field?.type === 'ref' ? field.ref : undefined
  const members = useMembers()
  const pipelines = usePipelines()
  const { t } = useLingui()
  if (!field) return undefined
  if (field.type === 'boolean')
    return [
      { key: 'true', label: t`Yes` },
      { key: 'false', label: t`No` },
    ]
  if (field.type === 'select' || field.type === 'multiSelect')
    return (field.options ?? []).map((o) => ({ key: o.key, label: option(field, o.key) }))
  if (needs === 'user') return (members.data ?? []).map((m) => ({ key: m.userId, label: m.name }))
  if (needs === 'pipeline') return (pipelines.data ?? []).map((p) => ({ key: p.id, label: p.name }))
  if (needs === 'stage') {
    const many = (pipelines.data?.length ?? 0) > 1
    return (pipelines.data ?? []).flatMap((p) =>
      p.stages.map((s) => ({ key: s.id, label: many ? `${p.name} · ${s.name}` : s.name })),
    )
  }
  return undefined
}

export function FilterValueInput({
  field,
  op,
  value,
  onChange,
  label,
  error,
}: {
  field: Field
  op: FilterCondition['op']
  value: Value
  onChange: (value: Value) => void
  label: string
  error?: string
}) {
  const { t } = useLingui()
  const choices = useChoices(field)
  if (noValue(op)) return null
  const many = listValue(op)

  let input: ReactNode
  if (field.type === 'tags') {
    input = <TagsValue ids={asList(value)} onChange={onChange} label={label} />
  } else if (field.type === 'ref' && (field.ref === 'company' || field.ref === 'person')) {
    input = many ? (
      <RefsValue kind={field.ref} ids={asList(value)} onChange={onChange} label={label} />
    ) : (
      <RefValue
        kind={field.ref}
        id={typeof value === 'string' ? value : ''}
        onChange={onChange}
        label={label}
      />
    )
  } else if (choices) {
    input = many ? (
      <CheckList choices={choices} chosen={asList(value)} onChange={onChange} label={label} />
    ) : (
      <ChoiceSelect
        choices={choices}
        value={value}
        onChange={onChange}
        label={label}
        boolean={field.type === 'boolean'}
      />
    )
  } else if (op === 'between') {
    const [from, to] = Array.isArray(value) ? value : [null, null]
    input = (
      <div className="grid grid-cols-2 gap-2">
        <ScalarInput
          field={field}
          value={from ?? null}
          label={t`${label}: from`}
          onChange={(v) => onChange([v, to ?? null])}
        />
        <ScalarInput
          field={field}
          value={to ?? null}
          label={t`${label}: to`}
          onChange={(v) => onChange([from ?? null, v])}
        />
      </div>
    )
  } else {
    input = (
      <ScalarInput
        field={field}
        value={Array.isArray(value) ? null : (value ?? null)}
        label={label}
        onChange={(v) => onChange(v ?? '')}
      />
    )
  }
  return (
    <div className="space-y-1">
      {input}
      {error && (
        <p className="text-sm text-red-800" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}

const asList = (v: Value): string[] =>
  Array.isArray(v)
    ? v.filter((x): x is string => typeof x === 'string')
    : typeof v === 'string' && v
      ? [v]
      : []

/** Text, number, money (typed in major units, kept in minor units) or a date. */
function ScalarInput({
  field,
  value,
  onChange,
  label,
}: {
  field: Field
  value: string | number | boolean | null
  onChange: (v: string | number | null) => void
  label: string
}) {
  const currency = useMe().data?.workspace?.currency ?? 'USD'
  const shown = (v: typeof value) =>
    v === null || v === ''
      ? ''
      : field.type === 'currency' && typeof v === 'number'
        ? fromMinor(v, currency)
        : String(v)
  // The typed text is kept as typed ("12." while typing 12.5); the condition gets the parsed value.
  const [text, setText] = useState(() => shown(value))
  const date = field.type === 'date' || field.type === 'datetime'
  const numeric = field.type === 'number' || field.type === 'currency'
  return (
    <input
      aria-label={label}
      type={date ? 'date' : 'text'}
      inputMode={numeric ? 'decimal' : undefined}
      value={text}
      onChange={(e) => {
        const raw = e.target.value
        setText(raw)
        if (!raw.trim()) return onChange(date || numeric ? null : '')
        if (field.type === 'currency') {
          const negative = raw.trim().startsWith('-')
          const minor = toMinor(raw.trim().replace(/^-/, ''), currency)
          return onChange(minor === null ? raw : negative ? -minor : minor)
        }
        if (field.type === 'number') {
          const n = Number(raw.replace(/[\s,]/g, ''))
          return onChange(Number.isFinite(n) ? n : raw)
        }
        onChange(raw)
      }}
      className={inputClass}
    />
  )
}

function ChoiceSelect({
  choices,
  value,
  onChange,
  label,
  boolean,
}: {
  choices: Choice[]
  value: Value
  onChange: (v: Value) => void
  label: string
  boolean: boolean
}) {
  const { t } = useLingui()
  const current = value === undefined || value === null || Array.isArray(value) ? '' : String(value)
  return (
    <select
      aria-label={label}
      value={current}
      onChange={(e) => {
        const v = e.target.value
        onChange(boolean ? (v === '' ? '' : v === 'true') : v)
      }}
      className={inputClass}
    >
      <option value="">{t`Choose…`}</option>
      {choices.map((c) => (
        <option key={c.key} value={c.key}>
          {c.label}
        </option>
      ))}
    </select>
  )
}

function CheckList({
  choices,
  chosen,
  onChange,
  label,
}: {
  choices: Choice[]
  chosen: string[]
  onChange: (v: string[]) => void
  label: string
}) {
  const id = useId()
  return (
    <fieldset className="max-h-56 overflow-auto rounded-md border border-slate-300 bg-white p-1">
      <legend className="sr-only">{label}</legend>
      {choices.map((c) => (
        <label
          key={c.key}
          htmlFor={`${id}-${c.key}`}
          className="flex min-h-11 items-center gap-2 rounded px-2 hover:bg-slate-50"
        >
          <input
            id={`${id}-${c.key}`}
            type="checkbox"
            className="size-4"
            checked={chosen.includes(c.key)}
            onChange={(e) =>
              onChange(e.target.checked ? [...chosen, c.key] : chosen.filter((k) => k !== c.key))
            }
          />
          {c.label}
        </label>
      ))}
    </fieldset>
  )
}

function TagsValue({
  ids,
  onChange,
  label,
}: {
  ids: string[]
  onChange: (v: string[]) => void
  label: string
}) {
  const tags = useTags().data ?? []
  const value = ids.map(
    (id) => tags.find((tag) => tag.id === id) ?? { id, name: '…', color: 'slate' as const },
  )
  return (
    <TagPicker
      label={label}
      value={value}
      allowCreate={false}
      onChange={(next) => onChange(next.map((x) => x.id))}
    />
  )
}
