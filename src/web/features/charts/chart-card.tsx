import { Trans, useLingui } from '@lingui/react/macro'
import { BarChart3, Download, Table2 } from 'lucide-react'
import { lazy, type ReactNode, Suspense, useId, useMemo, useState } from 'react'
import { Button } from '../../components/ui/button.tsx'
import { cn } from '../../components/ui/cn.ts'
import { currencyDigits } from '../../lib/format.ts'
import { toChartData } from './chart-data.ts'
import { type CsvCell, downloadCsv } from './csv.ts'
import { type Dataset, type DatasetRow, rowKeys, useDatasetLabels } from './dataset-labels.ts'
import { DatasetTable } from './dataset-table.tsx'
import { useDrillToList } from './drill.ts'

// One chart with its title, a Chart/Table switch, CSV download and the notes a reader
// needs (money left out for want of an exchange rate, groups left out). Every chart has
// its table: on screen by the switch, and always on paper under the chart.
const ChartCanvas = lazy(() => import('./chart-canvas.tsx'))

export type ChartKind = 'bar' | 'line' | 'pie' | 'funnel' | 'table'

export type ChartCardProps = {
  title: string
  dataset?: Dataset | null
  chart: ChartKind
  /**
   * Bars of the second dimension stacked rather than side by side; or, for several
   * stacks, the stack of each series (called with one row of the series).
   */
  stacked?: boolean | ((row: DatasetRow) => string)
  loading?: boolean
  /** Anything truthy shows the error state (with Retry when onRetry is given). */
  error?: unknown
  onRetry?: () => void
  /** A click on a bar, slice or table row. Default: open the matching filtered list; false: none. */
  onDrill?: ((row: DatasetRow) => void) | false
  /** Extra controls in the card's header (e.g. "by type / by owner"). */
  actions?: ReactNode
  className?: string
}

export function ChartCard(props: ChartCardProps) {
  const { title, dataset, chart, stacked, loading, error, onRetry, actions, className } = props
  const { t } = useLingui()
  const labels = useDatasetLabels()
  const drillToList = useDrillToList()
  const onDrill = props.onDrill === false ? undefined : (props.onDrill ?? drillToList)
  // The reader's Chart/Table choice, until the chart type itself changes (report builder).
  const [choice, setChoice] = useState<{ chart: ChartKind; view: 'chart' | 'table' }>()
  const view = choice?.chart === chart ? choice.view : chart === 'table' ? 'table' : 'chart'
  const setView = (v: 'chart' | 'table') => setChoice({ chart, view: v })
  const headingId = useId()

  // The label functions are new on every render; what they produce changes with the signature.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  const data = useMemo(
    () =>
      dataset
        ? toChartData(
            dataset,
            (i, row) => labels.key(dataset.dimensions[i], row.keys[i] ?? null, row.labels[i] ?? null),
            labels.unitName(dataset),
          )
        : null,
    [dataset, labels.signature],
  )

  const csvRows = (): CsvCell[][] => {
    if (!dataset) return []
    const head = [...dataset.dimensions.map(labels.dimension), labels.unitName(dataset)]
    const scale = dataset.unit === 'money' && dataset.currency ? 10 ** currencyDigits(dataset.currency) : 1
    return [
      head,
      ...dataset.rows.map((r) => [...rowKeys(labels, dataset, r), r.value === null ? null : r.value / scale]),
    ]
  }

  const empty = dataset && dataset.rows.length === 0
  // All zero (no deal won this period) reads better as words than as an empty axis.
  const allZero = dataset?.rows.every((r) => !r.value)
  const chartView = chart !== 'table' && view === 'chart'
  const showChart = chartView && data !== null && !allZero
  const pick = (s: number, c: number) => {
    const row = data?.series[s]?.rows[c]
    if (row && onDrill && (props.onDrill || row.drill)) onDrill(row)
  }

  return (
    <section
      aria-labelledby={headingId}
      className={cn(
        'flex min-w-0 flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 break-inside-avoid print:border-slate-400',
        className,
      )}
    >
      <div className="flex flex-wrap items-center gap-2">
        <h2 id={headingId} className="min-w-0 flex-1 text-base font-semibold text-slate-900">
          {title}
        </h2>
        {actions}
        <div className="flex items-center gap-1 print:hidden">
          {chart !== 'table' && (
            <fieldset className="flex rounded-md border border-slate-300">
              <legend className="sr-only">
                <Trans>Show as</Trans>
              </legend>
              <ToggleButton pressed={view === 'chart'} onClick={() => setView('chart')} label={t`Chart`}>
                <BarChart3 aria-hidden className="size-4" />
              </ToggleButton>
              <ToggleButton pressed={view === 'table'} onClick={() => setView('table')} label={t`Table`}>
                <Table2 aria-hidden className="size-4" />
              </ToggleButton>
            </fieldset>
          )}
          <Button
            variant="ghost"
            className="min-w-11 px-2"
            disabled={!dataset || empty === true}
            onClick={() => downloadCsv(title, csvRows())}
            title={t`Download CSV`}
          >
            <Download aria-hidden className="size-4" />
            <span className="sr-only">
              <Trans>Download CSV: {title}</Trans>
            </span>
          </Button>
        </div>
      </div>

      {error ? (
        <div role="alert" className="flex flex-wrap items-center gap-2 text-sm text-red-800">
          <Trans>This chart could not be loaded.</Trans>
          {onRetry && (
            <Button variant="secondary" onClick={onRetry}>
              <Trans>Try again</Trans>
            </Button>
          )}
        </div>
      ) : loading || !dataset || !data ? (
        <div aria-busy="true" className="h-64 animate-pulse rounded-md bg-slate-100">
          <span className="sr-only">
            <Trans>Loading…</Trans>
          </span>
        </div>
      ) : empty ? (
        <p className="py-10 text-center text-sm text-slate-600">
          <Trans>Nothing to show for these filters.</Trans>
        </p>
      ) : (
        <>
          {showChart && (
            <Suspense fallback={<div className="h-64 animate-pulse rounded-md bg-slate-100" />}>
              <ChartCanvas
                kind={chart}
                data={data}
                stacked={stacked === true}
                stackOf={
                  typeof stacked === 'function'
                    ? (i) => {
                        const row = data.series[i]?.rows.find((r) => r !== null)
                        return row ? stacked(row) : ''
                      }
                    : undefined
                }
                label={t`${title}: chart. The same figures are in its table.`}
                formatValue={(v) => labels.value(dataset, v)}
                formatTick={(v) => labels.short(dataset, v)}
                onPick={onDrill ? pick : undefined}
              />
            </Suspense>
          )}
          {chartView && allZero && (
            <p className="py-10 text-center text-sm text-slate-600 print:hidden">
              <Trans>Nothing to show for these filters.</Trans>
            </p>
          )}
          <div className={chartView ? 'hidden print:block' : undefined}>
            <DatasetTable
              title={title}
              dataset={dataset}
              labels={labels}
              onDrill={props.onDrill || undefined}
            />
          </div>
          <DatasetNotes dataset={dataset} />
        </>
      )}
    </section>
  )
}

function ToggleButton({
  pressed,
  onClick,
  label,
  children,
}: {
  pressed: boolean
  onClick: () => void
  label: string
  children: ReactNode
}) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      title={label}
      onClick={onClick}
      className="flex min-h-11 min-w-11 items-center justify-center gap-1 px-2 text-sm text-slate-700 first:rounded-l-md last:rounded-r-md hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-teal-700 aria-pressed:bg-teal-50 aria-pressed:font-semibold aria-pressed:text-teal-800"
    >
      {children}
      <span className="sr-only">{label}</span>
    </button>
  )
}

/** Money left out for want of an exchange rate, and groups left out of a long dataset. */
export function DatasetNotes({ dataset }: { dataset: Pick<Dataset, 'notConverted' | 'truncated'> }) {
  const labels = useDatasetLabels()
  if (!dataset.notConverted.length && !dataset.truncated) return null
  const list = dataset.notConverted.map((n) => labels.money(n.amountMinor, n.currency)).join(', ')
  return (
    <div className="space-y-1 text-sm text-slate-700">
      {dataset.notConverted.length > 0 && (
        <p>
          <Trans>Not included, no exchange rate set: {list}</Trans>
        </p>
      )}
      {dataset.truncated && (
        <p>
          <Trans>Only the largest groups are shown.</Trans>
        </p>
      )}
    </div>
  )
}
