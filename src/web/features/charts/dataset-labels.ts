import { useLingui } from '@lingui/react/macro'
import type { ActivityType } from '../../../server/features/activities/activities.schema.ts'
import type { Dataset, DatasetRow } from '../../../server/features/analytics/dataset.schema.ts'
import { currencyDigits, intlLocale, useFormat } from '../../lib/format.ts'
import { useMe } from '../../lib/session.ts'
import { useActivityNames } from '../activities/activity-labels.ts'
import { useSourceLabel } from '../people/source-labels.ts'
import { makeBucketFormatter } from './bucket-format.ts'

export type { Dataset, DatasetRow }
export type DatasetDimension = Dataset['dimensions'][number]
type Bucket = NonNullable<DatasetDimension['bucket']>

const ACTIVITY_TYPES = new Set(['note', 'call', 'meeting', 'task'])
/**
 * How a dataset reads in the user's language: dimension names, row keys (dates in the
 * workspace calendar, activity types, lead sources, "Not set"), values (money in the
 * dataset currency from minor units, counts, days, ratios as percentages).
 */
export function useDatasetLabels() {
  const { t, i18n } = useLingui()
  const format = useFormat()
  const ws = useMe().data?.workspace
  const ethiopic = ws?.calendar === 'ethiopic'
  const activity = useActivityNames()
  const source = useSourceLabel()
  const bucketLabel = makeBucketFormatter(
    intlLocale(i18n.locale, ws?.country, ws?.calendar),
    ethiopic,
    (n, year) => t`Q${n} ${year}`,
  )
  const numberTag = intlLocale(i18n.locale, ws?.country)
  const percent = new Intl.NumberFormat(numberTag, { style: 'percent', maximumFractionDigits: 1 })
  const compact = new Intl.NumberFormat(numberTag, { notation: 'compact', maximumFractionDigits: 1 })
  const days = new Intl.NumberFormat(numberTag, { style: 'unit', unit: 'day', maximumFractionDigits: 1 })
  const notSet = t`Not set`
  const dimensionNames: Record<string, string> = {
    stage: t`Stage`,
    owner: t`Owner`,
    ownerId: t`Owner`,
    pipeline: t`Pipeline`,
    type: t`Type`,
    source: t`Source`,
    city: t`City`,
    company: t`Company`,
    status: t`Status`,
    currency: t`Currency`,
    month: t`Month`,
    createdAt: t`Created`,
    closedAt: t`Closed`,
    occurredAt: t`Date`,
    expectedCloseDate: t`Expected close`,
    dueAt: t`Due`,
  }
  const bucketNames: Record<Bucket, string> = {
    day: t`Day`,
    week: t`Week`,
    month: t`Month`,
    quarter: t`Quarter`,
    year: t`Year`,
  }
  const statusNames: Record<string, string> = { open: t`Open`, won: t`Won`, lost: t`Lost` }

  const key = (dim: DatasetDimension | undefined, raw: string | null, label: string | null): string => {
    if (label) return label
    if (raw === null || raw === '') return notSet
    if (dim?.bucket) return bucketLabel(dim.bucket, raw)
    if (dim?.key === 'type' && ACTIVITY_TYPES.has(raw)) return activity.type(raw as ActivityType)
    if (dim?.key === 'source') return source(raw)
    if (dim?.key === 'status') return statusNames[raw] ?? raw
    if (raw === 'true') return t`Yes`
    if (raw === 'false') return t`No`
    return raw
  }

  const dimension = (dim: DatasetDimension): string => {
    const named = dimensionNames[dim.key]
    if (dim.bucket && (!named || dim.key === 'month')) return bucketNames[dim.bucket]
    return named ?? dim.key.replace(/^custom\./, '')
  }

  const unitName = (ds: Pick<Dataset, 'unit' | 'currency'>): string => {
    if (ds.unit === 'count') return t`Count`
    if (ds.unit === 'days') return t`Days`
    if (ds.unit === 'ratio') return t`Rate`
    if (ds.unit === 'money' && ds.currency) return t`Value (${ds.currency})`
    return t`Value`
  }

  const value = (ds: Pick<Dataset, 'unit' | 'currency'>, v: number | null): string => {
    if (v === null) return '—'
    if (ds.unit === 'money' && ds.currency) return format.money(v, ds.currency)
    if (ds.unit === 'ratio') return percent.format(v)
    if (ds.unit === 'days') return days.format(v)
    return format.number(v)
  }

  /** Short form for chart axes: "ETB 1.5M", "12K". */
  const short = (ds: Pick<Dataset, 'unit' | 'currency'>, v: number): string => {
    if (ds.unit === 'money' && ds.currency) {
      const major = v / 10 ** currencyDigits(ds.currency)
      return new Intl.NumberFormat(numberTag, {
        style: 'currency',
        currency: ds.currency,
        notation: 'compact',
        maximumFractionDigits: 1,
      }).format(major)
    }
    if (ds.unit === 'ratio') return percent.format(v)
    return compact.format(v)
  }

  // Changes when the formatting does (language, calendar): for memoising derived data.
  const signature = [i18n.locale, ws?.calendar, ws?.country].join('|')
  return { key, dimension, unitName, value, short, notSet, money: format.money, signature }
}

export type DatasetLabels = ReturnType<typeof useDatasetLabels>

/** Row labels of a dimension: the formatted key of every row. */
export function rowKeys(
  labels: DatasetLabels,
  ds: Dataset,
  row: DatasetRow,
  from = 0,
  to = ds.dimensions.length,
) {
  const out: string[] = []
  for (let i = from; i < to; i++)
    out.push(labels.key(ds.dimensions[i], row.keys[i] ?? null, row.labels[i] ?? null))
  return out
}
