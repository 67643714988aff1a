import { Trans } from '@lingui/react/macro'
import { Link } from '@tanstack/react-router'
import type { DatasetLabels } from './dataset-labels.ts'
import { type Dataset, type DatasetRow, rowKeys } from './dataset-labels.ts'
import { drillTarget } from './drill.ts'

// The table view of a chart: a real <table> with a caption and header cells, so screen
// readers can read it and it prints. Each row whose records can be listed links there
// (the keyboard way to do what a click on a bar does).
export function DatasetTable({
  title,
  dataset,
  labels,
  onDrill,
}: {
  title: string
  dataset: Dataset
  labels: DatasetLabels
  /** Instead of a link to the list: a button calling this. */
  onDrill?: (row: DatasetRow) => void
}) {
  const dims = dataset.dimensions
  const additive = dataset.unit === 'count' || dataset.unit === 'money' || dataset.unit === 'number'
  const total = additive ? dataset.rows.reduce((sum, r) => sum + (r.value ?? 0), 0) : null
  return (
    <div className="max-h-96 overflow-auto print:max-h-none print:overflow-visible">
      <table className="w-full border-collapse text-sm">
        <caption className="sr-only print:not-sr-only print:text-left print:font-semibold">{title}</caption>
        <thead className="sticky top-0 bg-white">
          <tr className="border-b border-slate-300 text-left">
            {dims.map((d) => (
              <th key={`${d.key}:${d.bucket}`} scope="col" className="px-2 py-2 font-semibold text-slate-800">
                {labels.dimension(d)}
              </th>
            ))}
            <th scope="col" className="px-2 py-2 text-right font-semibold text-slate-800">
              {labels.unitName(dataset)}
            </th>
          </tr>
        </thead>
        <tbody>
          {dataset.rows.map((row) => {
            const keys = rowKeys(labels, dataset, row)
            return (
              // Rows have no id of their own; their keys are unique within a dataset.
              <tr key={JSON.stringify(row.keys)} className="border-b border-slate-100">
                {keys.map((k, i) => {
                  const Cell = i === 0 ? 'th' : 'td'
                  const dim = dims[i]
                  return (
                    <Cell
                      key={`${dim?.key}:${dim?.bucket}`}
                      scope={i === 0 ? 'row' : undefined}
                      className="px-2 py-1.5 text-left font-normal"
                    >
                      {i === 0 ? <RowLabel row={row} text={k} onDrill={onDrill} /> : k}
                    </Cell>
                  )
                })}
                {dims.length === 0 && (
                  <th scope="row" className="px-2 py-1.5 text-left font-normal">
                    {labels.unitName(dataset)}
                  </th>
                )}
                <td className="px-2 py-1.5 text-right tabular-nums">{labels.value(dataset, row.value)}</td>
              </tr>
            )
          })}
        </tbody>
        {total !== null && dims.length === 1 && dataset.rows.length > 1 && (
          <tfoot>
            <tr className="border-t border-slate-300 font-semibold">
              <th scope="row" className="px-2 py-2 text-left">
                <Trans>Total</Trans>
              </th>
              <td className="px-2 py-2 text-right tabular-nums">{labels.value(dataset, total)}</td>
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  )
}

function RowLabel({
  row,
  text,
  onDrill,
}: {
  row: DatasetRow
  text: string
  onDrill?: (row: DatasetRow) => void
}) {
  const link = 'text-teal-800 underline decoration-teal-800/40 underline-offset-2 hover:decoration-teal-800'
  if (onDrill)
    return (
      <button type="button" className={`${link} min-h-6 text-left`} onClick={() => onDrill(row)}>
        {text}
      </button>
    )
  if (!row.drill) return <>{text}</>
  return (
    <Link {...drillTarget(row.drill)} className={link}>
      {text}
    </Link>
  )
}
