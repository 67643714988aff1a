import { Trans, useLingui } from '@lingui/react/macro'
import { Plus, Trash2, X } from 'lucide-react'
import { type FormEvent, useEffect, useId, useRef, useState } from 'react'
import { Button } from '../../components/ui/button.tsx'
import { useFieldLabel, useOpLabel } from './field-labels.ts'
import type { Field } from './fields-api.ts'
import { cleanCondition, emptyValue, isComplete, opsFor, valueForOp } from './filter-ops.ts'
import { FilterValueInput } from './filter-value.tsx'
import type { FilterCondition } from './list-state.ts'

// The filter panel: a modal <dialog> (focus stays inside, Escape closes it) where
// conditions are added, changed and removed as a draft; "Apply" puts them in the URL,
// Cancel or Escape leaves the list as it was. Full screen on phones, centred on desktop.
// All conditions must hold (AND), as the API reads them.
type Row = FilterCondition & { rowId: number }

let nextRowId = 1
const toRow = (c: FilterCondition): Row => ({ ...c, rowId: nextRowId++ })

export function FilterBuilder({
  fields,
  filters,
  onApply,
  onClose,
}: {
  fields: Field[]
  filters: FilterCondition[]
  onApply: (filters: FilterCondition[]) => void
  onClose: () => void
}) {
  const { t } = useLingui()
  const titleId = useId()
  const dialog = useRef<HTMLDialogElement>(null)
  const [rows, setRows] = useState<Row[]>(() => filters.map(toRow))
  const [invalid, setInvalid] = useState<number[]>([])
  const [focusRow, setFocusRow] = useState<number | null>(null)
  const addButton = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    if (dialog.current && !dialog.current.open) dialog.current.showModal()
    // Start in the first condition's field, or on "Add a condition" when there is none.
    const first = dialog.current?.querySelector<HTMLElement>('[data-field-select]')
    ;(first ?? addButton.current)?.focus()
  }, [])

  useEffect(() => {
    if (focusRow === null) return
    dialog.current?.querySelector<HTMLElement>(`[data-row="${focusRow}"] [data-field-select]`)?.focus()
    setFocusRow(null)
  }, [focusRow])

  function add() {
    const row = toRow({ field: '', op: 'eq' })
    setRows((r) => [...r, row])
    setFocusRow(row.rowId)
  }

  function change(rowId: number, patch: Partial<FilterCondition>) {
    setRows((all) => all.map((r) => (r.rowId === rowId ? { ...r, ...patch } : r)))
    setInvalid((ids) => ids.filter((id) => id !== rowId))
  }

  function pickField(row: Row, key: string) {
    const field = fields.find((f) => f.key === key)
    if (!field) return change(row.rowId, { field: '', op: 'eq', value: undefined })
    const ops = opsFor(field.type, field.ref)
    const op = ops[0] ?? 'eq'
    change(row.rowId, { field: key, op, value: emptyValue(op) })
  }

  function remove(rowId: number) {
    const at = rows.findIndex((r) => r.rowId === rowId)
    const rest = rows.filter((r) => r.rowId !== rowId)
    setRows(rest)
    // Focus goes to the condition now in its place, or to "Add a condition".
    const next = rest[Math.min(at, rest.length - 1)]
    if (next) setFocusRow(next.rowId)
    else addButton.current?.focus()
  }

  function submit(e: FormEvent) {
    e.preventDefault()
    const chosen = rows.filter((r) => r.field)
    const bad = chosen.filter((r) => !isComplete(r)).map((r) => r.rowId)
    setInvalid(bad)
    if (bad.length) {
      requestAnimationFrame(() => {
        dialog.current
          ?.querySelector<HTMLElement>(`[data-row="${bad[0]}"] [data-value] :is(input, select)`)
          ?.focus()
      })
      return
    }
    onApply(chosen.map(({ rowId: _, ...c }) => cleanCondition(c)))
  }

  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault()
        onClose()
      }}
      className="m-0 h-dvh max-h-none w-screen max-w-none bg-white p-0 backdrop:bg-slate-900/40 md:m-auto md:h-fit md:max-h-[85dvh] md:w-[min(52rem,calc(100vw-2rem))] md:rounded-xl"
    >
      <form onSubmit={submit} className="flex h-full flex-col md:h-auto md:max-h-[85dvh]">
        <div className="flex items-center gap-2 border-b border-slate-200 px-4 py-2 md:px-6">
          <h2 id={titleId} className="flex-1 text-lg font-semibold text-slate-900">
            <Trans>Filters</Trans>
          </h2>
          <button
            type="button"
            onClick={onClose}
            className="inline-flex min-h-11 min-w-11 items-center justify-center rounded-md text-slate-700 hover:bg-slate-100"
          >
            <X aria-hidden className="size-5" />
            <span className="sr-only">{t`Close`}</span>
          </button>
        </div>
        <div className="flex-1 space-y-3 overflow-auto px-4 py-4 md:px-6">
          {rows.length === 0 ? (
            <p className="text-slate-700">
              <Trans>No filters yet. Add a condition to narrow the list; every condition must match.</Trans>
            </p>
          ) : (
            <p className="text-sm text-slate-700">
              <Trans>Rows must match every condition.</Trans>
            </p>
          )}
          {rows.map((row, i) => (
            <ConditionRow
              key={row.rowId}
              index={i}
              row={row}
              fields={fields}
              invalid={invalid.includes(row.rowId)}
              onField={(key) => pickField(row, key)}
              onChange={(patch) => change(row.rowId, patch)}
              onRemove={() => remove(row.rowId)}
            />
          ))}
          <Button ref={addButton} variant="secondary" onClick={add}>
            <Plus aria-hidden className="size-4" />
            <Trans>Add a condition</Trans>
          </Button>
        </div>
        <div className="flex flex-wrap gap-3 border-t border-slate-200 px-4 py-3 md:px-6">
          <Button type="submit">
            <Trans>Apply</Trans>
          </Button>
          <Button variant="secondary" onClick={onClose}>
            <Trans>Cancel</Trans>
          </Button>
          {rows.length > 0 && (
            <Button variant="ghost" className="ml-auto" onClick={() => setRows([])}>
              <Trans>Remove all</Trans>
            </Button>
          )}
        </div>
      </form>
    </dialog>
  )
}

function ConditionRow({
  index,
  row,
  fields,
  invalid,
  onField,
  onChange,
  onRemove,
}: {
  index: number
  row: Row
  fields: Field[]
  invalid: boolean
  onField: (key: string) => void
  onChange: (patch: Partial<FilterCondition>) => void
  onRemove: () => void
}) {
  const { t } = useLingui()
  const fieldLabel = useFieldLabel()
  const opLabel = useOpLabel()
  const field = fields.find((f) => f.key === row.field)
  const n = index + 1
  const builtIn = fields.filter((f) => f.builtIn)
  const custom = fields.filter((f) => !f.builtIn)
  const selectClass = 'block min-h-11 w-full rounded-md border border-slate-400 bg-white px-2 text-base'
  return (
    <fieldset data-row={row.rowId} className="rounded-lg border border-slate-200 p-3">
      <legend className="sr-only">{t`Condition ${n}`}</legend>
      <div className="grid gap-2 md:grid-cols-[minmax(0,12rem)_minmax(0,11rem)_minmax(0,1fr)_auto] md:items-start">
        <select
          data-field-select
          aria-label={t`Field of condition ${n}`}
          value={row.field}
          onChange={(e) => onField(e.target.value)}
          className={selectClass}
        >
          <option value="">{t`Choose a field…`}</option>
          {builtIn.map((f) => (
            <option key={f.key} value={f.key}>
              {fieldLabel(f).text}
            </option>
          ))}
          {custom.length > 0 && (
            <optgroup label={t`Custom fields`}>
              {custom.map((f) => (
                <option key={f.key} value={f.key}>
                  {fieldLabel(f).text}
                </option>
              ))}
            </optgroup>
          )}
        </select>
        {field ? (
          <select
            aria-label={t`Operator of condition ${n}`}
            value={row.op}
            onChange={(e) => {
              const op = e.target.value as FilterCondition['op']
              onChange({ op, value: valueForOp(op, row.value) })
            }}
            className={selectClass}
          >
            {opsFor(field.type, field.ref).map((op) => (
              <option key={op} value={op}>
                {opLabel(op, field.type)}
              </option>
            ))}
          </select>
        ) : (
          <span className="hidden md:block" />
        )}
        <div data-value className="min-w-0">
          {field && (
            <FilterValueInput
              // A new field or operator starts a fresh input (typed text belongs to the old one).
              key={`${row.field}:${row.op}`}
              field={field}
              op={row.op}
              value={row.value}
              onChange={(value) => onChange({ value })}
              label={fieldLabel(field).text}
              error={invalid ? t`Enter a value, or remove this condition` : undefined}
            />
          )}
        </div>
        <button
          type="button"
          onClick={onRemove}
          className="inline-flex min-h-11 min-w-11 items-center justify-center gap-2 justify-self-start rounded-md px-2 text-slate-700 hover:bg-slate-100"
        >
          <Trash2 aria-hidden className="size-4" />
          <span className="md:sr-only">{t`Remove condition ${n}`}</span>
        </button>
      </div>
    </fieldset>
  )
}
