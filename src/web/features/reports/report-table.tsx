import { Trans, useLingui } from '@lingui/react/macro'
import { Link } from '@tanstack/react-router'
import type { ReactNode } from 'react'
import { type Dataset, type DatasetRow, useDatasetLabels } from '../charts/dataset-labels.ts'
import { drillTarget } from '../charts/drill.ts'
import { pivot } from './draft.ts'

// A two-level report as a cross table: the first group down, the second across, with
// totals where adding up makes sense (counts and sums). A figure links to the filtered
// list it counts. (One row per group, "long", is the ChartCard's own table.)
export function PivotTable({
  title,
  dataset,
  additive,
}: {
  title: string
  dataset: Dataset
  /** Count or sum: row and column totals are shown. */
  additive: boolean
}) {
  const labels = useDatasetLabels()
  const dims = dataset.dimensions
  const value = (v: number | null) => labels.value(dataset, v)
  const cls = 'border-b border-slate-200 px-3 py-2'
  const num = `${cls} text-right tabular-nums`

  const [d0, d1] = dims
  if (!d0 || !d1) return null
  const p = pivot(dataset)
  return (
    <TableBox>
      <table className="w-full text-sm">
        <caption className="sr-only">{title}</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className={`${cls} text-left font-medium`}>
              {labels.dimension(d0)} \ {labels.dimension(d1)}
            </th>
            {p.columns.map((c) => (
              <th key={String(c.key)} scope="col" className={`${cls} text-right font-medium`}>
                {labels.key(d1, c.key, c.label)}
              </th>
            ))}
            {additive && (
              <th scope="col" className={`${cls} text-right font-semibold`}>
                <Trans>Total</Trans>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr key={String(r.key)}>
              <th scope="row" className={`${cls} text-left font-medium`}>
                {labels.key(d0, r.key, r.label)}
              </th>
              {r.cells.map((cell, i) => (
                <td key={String(p.columns[i]?.key)} className={num}>
                  {cell ? <Figure row={cell}>{value(cell.value)}</Figure> : ''}
                </td>
              ))}
              {additive && <td className={`${num} font-semibold`}>{value(r.total)}</td>}
            </tr>
          ))}
        </tbody>
        {additive && (
          <tfoot>
            <tr className="font-semibold">
              <th scope="row" className={`${cls} text-left`}>
                <Trans>Total</Trans>
              </th>
              {p.totals.map((v, i) => (
                <td key={String(p.columns[i]?.key)} className={num}>
                  {value(v)}
                </td>
              ))}
              <td className={num}>{value(sum(dataset.rows))}</td>
            </tr>
          </tfoot>
        )}
      </table>
    </TableBox>
  )
}

const sum = (rows: DatasetRow[]) =>
  rows.reduce<number | null>((s, r) => (r.value === null ? s : (s ?? 0) + r.value), null)

function TableBox({ children }: { children: ReactNode }) {
  return <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">{children}</div>
}

/** A figure opens the records behind it, when the server says which they are. */
function Figure({ row, children }: { row: DatasetRow; children: ReactNode }) {
  const { t } = useLingui()
  if (!row.drill) return <>{children}</>
  const link = drillTarget(row.drill)
  return (
    <Link
      to={link.to}
      search={link.search}
      title={t`Show these records`}
      className="text-teal-800 underline-offset-2 hover:underline print:text-inherit print:no-underline"
    >
      {children}
    </Link>
  )
}
