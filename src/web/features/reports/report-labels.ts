import { useLingui } from '@lingui/react/macro'
import { useErrorText } from '../../lib/errors.ts'
import { useFieldLabel } from '../lists/field-labels.ts'
import type { Field } from '../lists/fields-api.ts'
import type { Bucket, ChartKind, Draft, MeasureFn, ReportObject } from './draft.ts'
import type { ReportFields } from './reports-api.ts'

// Names of the report builder's choices in the user's language.
export function useReportNames() {
  const { t } = useLingui()
  const objects: Record<ReportObject, string> = {
    person: t`People`,
    company: t`Companies`,
    deal: t`Deals`,
    activity: t`Activities`,
  }
  const charts: Record<ChartKind, string> = {
    bar: t`Bar chart`,
    line: t`Line chart`,
    pie: t`Pie chart`,
    table: t`Table`,
  }
  const fns: Record<MeasureFn, string> = {
    count: t`Count of records`,
    sum: t`Sum of`,
    avg: t`Average of`,
    min: t`Smallest`,
    max: t`Largest`,
  }
  const buckets: Record<Bucket, string> = {
    day: t`By day`,
    week: t`By week`,
    month: t`By month`,
    quarter: t`By quarter`,
    year: t`By year`,
  }
  return {
    object: (o: ReportObject) => objects[o] ?? o,
    chart: (c: ChartKind) => charts[c] ?? c,
    fn: (f: MeasureFn) => fns[f] ?? f,
    bucket: (b: Bucket) => buckets[b] ?? b,
  }
}

/**
 * A report field's name: custom fields bring their labels, built-in ones are named by the
 * lists' catalog names, the few report-only keys here; anything else shows its key.
 */
export function useReportFieldLabel() {
  const { t } = useLingui()
  const fieldLabel = useFieldLabel()
  const extra: Record<string, string> = {
    source: t`Source`,
    probability: t`Probability`,
  }
  return (field: Pick<Field, 'key' | 'labels'>): string => {
    if (!field.labels && extra[field.key]) return extra[field.key] ?? field.key
    return fieldLabel(field).text
  }
}

/** The server's reasons for refusing a definition, next to the control they are about. */
export function useReportErrorText() {
  const { t } = useLingui()
  const errorText = useErrorText()
  return (code: string | undefined): string | undefined => {
    switch (code) {
      case 'unknown_field':
        return t`This field does not exist any more. Choose another.`
      case 'not_groupable':
        return t`Records cannot be grouped by this field.`
      case 'not_a_date':
        return t`Only dates can be grouped by day, week, month, quarter or year.`
      case 'not_measurable':
        return t`Choose a number or an amount field.`
      case 'required':
        return t`Choose a field.`
      default:
        return errorText(code)
    }
  }
}

/** A title for an unsaved report: "Sum of Amount by Stage and Owner", "People by Source". */
export function useDescribeReport() {
  const { t } = useLingui()
  const names = useReportNames()
  const fieldName = useReportFieldLabel()
  return (draft: Draft, fields: ReportFields | undefined): string => {
    const name = (key: string) => {
      const f = fields?.groupBy.find((x) => x.key === key) ?? fields?.measure.find((x) => x.key === key)
      return fieldName(f ?? { key })
    }
    const field = draft.measureField ? name(draft.measureField) : '…'
    const measure =
      draft.fn === 'sum'
        ? t`Sum of ${field}`
        : draft.fn === 'avg'
          ? t`Average ${field}`
          : draft.fn === 'min'
            ? t`Smallest ${field}`
            : draft.fn === 'max'
              ? t`Largest ${field}`
              : names.object(draft.object)
    const [first, second] = draft.groups.filter((g) => g.field).map((g) => name(g.field))
    if (first && second) return t`${measure} by ${first} and ${second}`
    if (first) return t`${measure} by ${first}`
    return measure
  }
}
