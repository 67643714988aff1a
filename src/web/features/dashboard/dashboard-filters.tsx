import { useLingui } from '@lingui/react/macro'
import { SelectField, TextField } from '../../components/ui/field.tsx'
import { intlLocale } from '../../lib/format.ts'
import { useSignedIn } from '../../lib/session.ts'
import { formatDayRange } from '../charts/bucket-format.ts'
import type { IsoDay } from '../charts/calendar.ts'
import { usePipelines } from '../deals/deals-api.ts'
import { useMembers } from '../people/people-api.ts'
import { type DashboardSearch, PERIODS, type PeriodPreset } from './period.ts'

// The dashboard's filters: period, owner and pipeline. They live in the URL, so a
// filtered dashboard can be bookmarked and shared.

/** "1 – 17 ኅዳር 2018" in the workspace calendar, era dropped (see lib/format.ts). */
export function usePeriodText() {
  const { i18n } = useLingui()
  const { workspace } = useSignedIn()
  const fmt = new Intl.DateTimeFormat(intlLocale(i18n.locale, workspace.country, workspace.calendar), {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  })
  return (from: IsoDay, to: IsoDay) => formatDayRange(fmt, from, to)
}

export function usePeriodNames(): Record<PeriodPreset, string> {
  const { t } = useLingui()
  return {
    'this-month': t`This month`,
    'last-month': t`Last month`,
    'this-quarter': t`This quarter`,
    'this-year': t`This year`,
    'last-30': t`Last 30 days`,
    'last-90': t`Last 90 days`,
    custom: t`Custom dates`,
  }
}

export function DashboardFilters({
  search,
  range,
  onChange,
}: {
  search: DashboardSearch
  range: { from: IsoDay; to: IsoDay }
  onChange: (next: DashboardSearch) => void
}) {
  const { t } = useLingui()
  const { workspace } = useSignedIn()
  const names = usePeriodNames()
  const _members = useMembers()
  const _pipelines = usePipelines()
  const periodText = usePeriodText()
  const period = search.period ?? 'this-month'
  const ethiopicHint = (day: IsoDay) => (workspace.calendar === 'ethiopic' ? periodText(day, day) : undefined)

  return (
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4 print:hidden">
      <SelectField
        label={t`Period`}
        value={period}
        onChange={(e) => {
          const next = e.target.value as PeriodPreset
          onChange(
            next === 'custom'
              ? { ...search, period: next, from: range.from, to: range.to }
              : {
                  ...search,
                  period: next === 'this-month' ? undefined : next,
                  from: undefined,
                  to: undefined,
                },
          )
        }}
      >
        {PERIODS.map((p) => (
          <option key={p} value={p}>
            {names[p]}
          </option>
        ))}
      </SelectField>
      {period === 'custom' && (
        <div className="grid grid-cols-2 gap-2 sm:col-span-2 lg:col-span-1">
          <TextField
            label={t`From`}
            type="date"
            value={range.from}
            max={range.to}
            hint={ethiopicHint(range.from)}
            onChange={(e) => e.target.value && onChange({ ...search, from: e.target.value })}
          />
          <TextField
            label={t`To`}
            type="date"
            value={range.to}
            min={range.from}
            hint={ethiopicHint(range.to)}
            onChange={(e) => e.target.value && onChange({ ...search, to: e.target.value })}
          />
        </div>
      )}
      <OwnerPipelineSelects value={search} onChange={(v) => onChange({ ...search, ...v })} />
    </div>
  )
}

type OwnerPipeline = { owner?: string; pipeline?: string }

/** Owner and pipeline pickers, shared by the dashboard and the forecast. */
export function OwnerPipelineSelects({
  value,
  onChange,
}: {
  value: OwnerPipeline
  onChange: (next: OwnerPipeline) => void
}) {
  const { t } = useLingui()
  const members = useMembers()
  const pipelines = usePipelines()
  return (
    <>
      <SelectField
        label={t`Owner`}
        value={value.owner ?? ''}
        onChange={(e) => onChange({ ...value, owner: e.target.value || undefined })}
      >
        <option value="">{t`Everyone`}</option>
        <option value="me">{t`Me`}</option>
        {(members.data ?? []).map((m) => (
          <option key={m.userId} value={m.userId}>
            {m.name}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t`Pipeline`}
        value={value.pipeline ?? ''}
        onChange={(e) => onChange({ ...value, pipeline: e.target.value || undefined })}
      >
        <option value="">{t`All pipelines`}</option>
        {(pipelines.data ?? []).map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </SelectField>
    </>
  )
}
