import { Readable } from 'node:stream'
import type { Ctx } from '../../http/context.ts'
import { assertCan } from '../../http/permissions.ts'
import { BOM, csvLine } from '../export/csv.ts'
import { exportFilename, majorUnits } from '../export/export.service.ts'
import { catalogFor, publicField } from '../filters/fields.ts'
import type { FieldObject } from '../filters/filter.schema.ts'
import { REPORT_BUCKETS, REPORT_FNS, type ReportField } from './reports.schema.ts'
import { reportResult } from './reports.service.ts'
import { DATE_TYPES, groupable, MEASURE_TYPES } from './run.compile.ts'

// What the report builder offers (`GET /reports/fields`) and a report's result as CSV.

/** Every field of the object that can be grouped or measured, built-in first. */
export async function reportFields(ctx: Ctx, object: FieldObject): Promise<ReportField[]> {
  assertCan(ctx, 'read')
  // A `custom.` key makes the catalog load the custom fields too.
  const fields = await catalogFor(ctx, object, ['custom.'])
  return [...fields.values()].flatMap((f) => {
    const isGroupable = groupable(f)
    const isDate = DATE_TYPES.includes(f.type)
    const measures = MEASURE_TYPES.includes(f.type) ? REPORT_FNS.filter((fn) => fn !== 'count') : []
    if (!isGroupable && !measures.length) return []
    return [
      { ...publicField(f), groupable: isGroupable, buckets: isDate ? [...REPORT_BUCKETS] : [], measures },
    ]
  })
}

export type ReportCsv = { filename: string; body: Readable }

/**
 * `GET /reports/:id/result.csv`: one line per group, a column per dimension (its label,
 * else its key) and one for the measure (money in major units of the workspace currency).
 * Cells pass through the export's neutralization and quoting (export/csv.ts).
 */
export async function reportCsv(ctx: Ctx, id: string, excel: boolean): Promise<ReportCsv> {
  const { report, dataset } = await reportResult(ctx, id)
  const def = report.definition
  const measure =
    def.measure.fn === 'count'
      ? 'count'
      : `${def.measure.fn} ${def.measure.field}${dataset.currency ? ` (${dataset.currency})` : ''}`
  const header = [...dataset.dimensions.map((d) => (d.bucket ? `${d.key} (${d.bucket})` : d.key)), measure]
  const value = (v: number | null) =>
    v === null ? null : dataset.currency ? majorUnits(Math.round(v), dataset.currency) : String(v)
  const lines = [
    (excel ? BOM : '') + csvLine(header),
    ...dataset.rows.map((r) => csvLine([...r.keys.map((k, i) => r.labels[i] ?? k), value(r.value)])),
  ]
  const name = report.name.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'report'
  return {
    filename: exportFilename(`report-${name}`, ctx.workspace.timeZone),
    body: Readable.from(lines),
  }
}
