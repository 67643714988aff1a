import { Trans, useLingui } from '@lingui/react/macro'
import { BarChart3, Filter, LineChart, PieChart, Table2 } from 'lucide-react'
import { useId, useRef, useState } from 'react'
import { Button } from '../../components/ui/button.tsx'
import { SelectField } from '../../components/ui/field.tsx'
import { useFields } from '../lists/fields-api.ts'
import { FilterBuilder } from '../lists/filter-builder.tsx'
import { FilterChips } from '../lists/filter-chips.tsx'
import {
  BUCKETS,
  CHART_KINDS,
  type ChartKind,
  type Control,
  type Draft,
  MEASURE_FNS,
  type MeasureFn,
  REPORT_OBJECTS,
  type ReportObject,
  withGroup,
  withObject,
} from './draft.ts'
import { useReportErrorText, useReportFieldLabel, useReportNames } from './report-labels.ts'
import type { ReportFields } from './reports-api.ts'

// The builder's controls, top to bottom: what to count, which records (the lists' filter
// panel and chips), grouped by what (one or two fields; dates by day … year), which figure,
// drawn how. Every change goes straight to the draft; the preview follows.
export type ControlErrors = Partial<Record<Control | '', string>>

const CHART_ICONS = { bar: BarChart3, line: LineChart, pie: PieChart, table: Table2 }

export function ReportControls({
  draft,
  onChange,
  fields,
  errors,
}: {
  draft: Draft
  onChange: (draft: Draft) => void
  fields: ReportFields | undefined
  errors: ControlErrors
}) {
  const { t } = useLingui()
  const names = useReportNames()
  const errorText = useReportErrorText()
  const fieldName = useReportFieldLabel()
  const listFields = useFields(draft.object).data ?? []
  const [filtersOpen, setFiltersOpen] = useState(false)
  const filterButton = useRef<HTMLButtonElement>(null)
  const closeFilters = () => {
    setFiltersOpen(false)
    requestAnimationFrame(() => filterButton.current?.focus())
  }
  const err = (c: Control) => (errors[c] ? errorText(errors[c]) : undefined)
  const groupable = fields?.groupBy ?? []
  const measurable = (fields?.measure ?? []).filter(
    (f) => draft.fn === 'count' || f.measures.includes(draft.fn),
  )
  const isDate = (key: string) => groupable.some((f) => f.key === key && f.date)

  return (
    <div className="space-y-4">
      <SelectField
        label={<Trans>Report on</Trans>}
        value={draft.object}
        error={err('object')}
        onChange={(e) => onChange(withObject(draft, e.target.value as ReportObject))}
      >
        {REPORT_OBJECTS.map((o) => (
          <option key={o} value={o}>
            {names.object(o)}
          </option>
        ))}
      </SelectField>

      <div className="space-y-2">
        <div className="flex flex-wrap items-center gap-2">
          <span className="text-sm font-medium text-slate-800">
            <Trans>Records</Trans>
          </span>
          <Button
            ref={filterButton}
            variant="secondary"
            aria-invalid={errors.filters ? true : undefined}
            aria-describedby={errors.filters ? 'report-filters-error' : undefined}
            onClick={() => setFiltersOpen(true)}
          >
            <Filter aria-hidden className="size-4" />
            {draft.filters.length ? (
              <Trans>Filters ({draft.filters.length})</Trans>
            ) : (
              <Trans>Add filters</Trans>
            )}
          </Button>
        </div>
        {!draft.filters.length && (
          <p className="text-sm text-slate-600">
            <Trans>All records are counted.</Trans>
          </p>
        )}
        <FilterChips
          fields={listFields}
          filters={draft.filters}
          onChange={(filters) => onChange({ ...draft, filters })}
          onEdit={() => setFiltersOpen(true)}
        />
        {errors.filters && (
          <p id="report-filters-error" role="alert" className="text-sm text-red-800">
            {t`These filters cannot be used. Check or remove them.`}
          </p>
        )}
      </div>

      {([0, 1] as const).map((i) => {
        const g = draft.groups[i]
        if (i === 1 && !draft.groups[0].field) return null
        return (
          <fieldset key={i} className="space-y-2">
            <legend className="sr-only">{i === 0 ? t`Group by` : t`Then by`}</legend>
            <SelectField
              label={i === 0 ? <Trans>Group by</Trans> : <Trans>Then by (optional)</Trans>}
              value={g.field}
              error={err(i === 0 ? 'groupBy.0' : 'groupBy.1')}
              onChange={(e) => onChange(withGroup(draft, i, { ...g, field: e.target.value }))}
            >
              <option value="">{i === 0 ? t`No grouping (one total)` : t`Nothing more`}</option>
              {g.field && fields && !groupable.some((f) => f.key === g.field) && (
                // A saved field that is gone (a removed custom field): shown so the error makes sense.
                <option value={g.field}>{g.field}</option>
              )}
              {groupable
                .filter((f) => f.key !== draft.groups[i === 0 ? 1 : 0].field)
                .map((f) => (
                  <option key={f.key} value={f.key}>
                    {fieldName(f)}
                  </option>
                ))}
            </SelectField>
            {g.field && isDate(g.field) && (
              <SelectField
                label={<Trans>Date steps</Trans>}
                value={g.bucket}
                onChange={(e) =>
                  onChange(withGroup(draft, i, { ...g, bucket: e.target.value as (typeof BUCKETS)[number] }))
                }
              >
                {BUCKETS.map((b) => (
                  <option key={b} value={b}>
                    {names.bucket(b)}
                  </option>
                ))}
              </SelectField>
            )}
          </fieldset>
        )
      })}

      <div className="grid gap-2 sm:grid-cols-2 md:grid-cols-1">
        <SelectField
          label={<Trans>Figure</Trans>}
          value={draft.fn}
          error={err('measure.fn')}
          onChange={(e) => {
            const fn = e.target.value as MeasureFn
            // With one field to add up (a deal's amount), it is the one meant.
            const only = fields?.measure.filter((f) => f.measures.includes(fn))
            const measureField =
              fn === 'count' ? '' : draft.measureField || (only?.length === 1 ? (only[0]?.key ?? '') : '')
            onChange({ ...draft, fn, measureField })
          }}
        >
          {MEASURE_FNS.map((f) => (
            <option
              key={f}
              value={f}
              disabled={f !== 'count' && !fields?.measure.some((m) => m.measures.includes(f))}
            >
              {names.fn(f)}
            </option>
          ))}
        </SelectField>
        {draft.fn !== 'count' && (
          <SelectField
            label={<Trans>Field</Trans>}
            value={draft.measureField}
            error={err('measure.field')}
            onChange={(e) => onChange({ ...draft, measureField: e.target.value })}
          >
            <option value="">{t`Choose a field…`}</option>
            {draft.measureField && fields && !measurable.some((f) => f.key === draft.measureField) && (
              <option value={draft.measureField}>{draft.measureField}</option>
            )}
            {measurable.map((f) => (
              <option key={f.key} value={f.key}>
                {fieldName(f)}
              </option>
            ))}
          </SelectField>
        )}
      </div>

      <ChartPicker
        value={draft.chart}
        error={err('chart')}
        onChange={(chart) => onChange({ ...draft, chart })}
      />

      {filtersOpen && (
        <FilterBuilder
          fields={listFields}
          filters={draft.filters}
          onClose={closeFilters}
          onApply={(filters) => {
            onChange({ ...draft, filters })
            closeFilters()
          }}
        />
      )}
    </div>
  )
}

/** Bar, line, pie or table as a radio group of icon buttons with their names. */
function ChartPicker({
  value,
  error,
  onChange,
}: {
  value: ChartKind
  error?: string
  onChange: (chart: ChartKind) => void
}) {
  const names = useReportNames()
  const id = useId()
  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="mb-1 text-sm font-medium text-slate-800">
        <Trans>Show as</Trans>
      </legend>
      <div className="grid grid-cols-4 gap-1">
        {CHART_KINDS.map((c) => {
          const Icon = CHART_ICONS[c]
          return (
            <label
              key={c}
              className="flex min-h-11 cursor-pointer flex-col items-center justify-center gap-0.5 rounded-md border border-slate-300 bg-white px-1 py-1 text-center text-xs text-slate-800 has-checked:border-teal-700 has-checked:bg-teal-50 has-checked:font-semibold has-focus-visible:outline-2 has-focus-visible:outline-teal-700"
            >
              <input
                type="radio"
                name={id}
                value={c}
                checked={value === c}
                onChange={() => onChange(c)}
                className="sr-only"
              />
              <Icon aria-hidden className="size-5" />
              {names.chart(c)}
            </label>
          )
        })}
      </div>
      {error && (
        <p id={`${id}-error`} role="alert" className="mt-1 text-sm text-red-800">
          {error}
        </p>
      )}
    </fieldset>
  )
}
