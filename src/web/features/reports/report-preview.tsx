import { Trans, useLingui } from '@lingui/react/macro'
import { useId, useState } from 'react'
import { EmptyBox } from '../../components/ui/empty-box.tsx'
import { isStatus } from '../../lib/api.ts'
import { useDesktop } from '../../lib/media.ts'
import { ChartCard, DatasetNotes } from '../charts/chart-card.tsx'
import type { Dataset } from '../charts/dataset-labels.ts'
import type { Draft } from './draft.ts'
import { PivotTable } from './report-table.tsx'

// The report's figures as they are now: the chart (bars of a second group stacked or side
// by side), or for "table" with two groups a cross table or one row per group. The last
// figures stay on screen while the next ones load.
export function ReportPreview({
  title,
  draft,
  waitingFor,
  dataset,
  loading,
  error,
  onRetry,
}: {
  title: string
  draft: Draft
  /** Something the user must still choose before the report can run. */
  waitingFor: 'measure.field' | null
  dataset: Dataset | undefined
  loading: boolean
  error: unknown
  onRetry: () => void
}) {
  const { t } = useLingui()
  const id = useId()
  const desktop = useDesktop()
  const [stacked, setStacked] = useState(true)
  const [layout, setLayout] = useState<'pivot' | 'long'>('pivot')
  const twoLevels = (dataset?.dimensions.length ?? 0) === 2
  const additive = draft.fn === 'count' || draft.fn === 'sum'

  if (waitingFor)
    return (
      <EmptyBox>
        <Trans>Choose the field to add up, average or compare, and the figures appear here.</Trans>
      </EmptyBox>
    )
  // Bad choices are marked next to their controls; here only a pointer to them.
  if (isStatus(error, 400) || isStatus(error, 422))
    return (
      <EmptyBox>
        <p role="alert">
          <Trans>This report cannot be run as it is. Check the choices marked in red.</Trans>
        </p>
      </EmptyBox>
    )

  const options =
    twoLevels && draft.chart === 'bar' ? (
      <label className="flex min-h-11 items-center gap-2 text-sm text-slate-800 print:hidden">
        <input
          type="checkbox"
          className="size-5 accent-teal-700"
          checked={stacked}
          onChange={(e) => setStacked(e.target.checked)}
        />
        <Trans>Stacked</Trans>
      </label>
    ) : twoLevels && draft.chart === 'table' ? (
      <fieldset className="flex items-center gap-3 text-sm text-slate-800 print:hidden">
        <legend className="sr-only">{t`Table layout`}</legend>
        <label className="flex min-h-11 items-center gap-1">
          <input
            type="radio"
            name={id}
            className="size-4 accent-teal-700"
            checked={layout === 'pivot'}
            onChange={() => setLayout('pivot')}
          />
          <Trans>Cross table</Trans>
        </label>
        <label className="flex min-h-11 items-center gap-1">
          <input
            type="radio"
            name={id}
            className="size-4 accent-teal-700"
            checked={layout === 'long'}
            onChange={() => setLayout('long')}
          />
          <Trans>One row per group</Trans>
        </label>
      </fieldset>
    ) : null

  if (dataset && twoLevels && draft.chart === 'table' && layout === 'pivot' && !error)
    return (
      <section
        aria-busy={loading || undefined}
        className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      >
        <div className="flex flex-wrap items-center gap-2">
          <h2 className="min-w-48 flex-1 text-base font-semibold text-slate-900">{title}</h2>
          {options}
        </div>
        {dataset.rows.length === 0 ? (
          <p className="py-10 text-center text-sm text-slate-600">
            <Trans>Nothing to show for these filters.</Trans>
          </p>
        ) : (
          <PivotTable title={title} dataset={dataset} additive={additive} />
        )}
        <DatasetNotes dataset={dataset} />
      </section>
    )

  // A phone's card header has no room for them next to the title: they go above the card.
  return (
    <>
      {!desktop && options && <div className="flex justify-end">{options}</div>}
      <ChartCard
        // A new chart type starts in its own view (chart, or the table for "table").
        key={draft.chart}
        title={title}
        dataset={dataset}
        chart={draft.chart}
        stacked={stacked}
        loading={loading && !dataset}
        error={error}
        onRetry={onRetry}
        actions={desktop ? options : undefined}
      />
    </>
  )
}
