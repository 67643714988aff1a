import type { ChartConfiguration, Chart as ChartType } from 'chart.js'
import { useEffect, useRef } from 'react'
import type { ChartData } from './chart-data.ts'

// The canvas of a chart. This module is loaded with React.lazy, and Chart.js inside it
// with import(), so neither is part of the initial bundle nor of pages without charts.
export type CanvasProps = {
  kind: 'bar' | 'line' | 'pie' | 'funnel'
  data: ChartData
  stacked?: boolean
  /** Stacks bars in groups: the group of each series (e.g. deals stacked, the target beside). */
  stackOf?: (series: number) => string
  label: string
  formatValue: (v: number) => string
  /** Axis ticks: a shorter form ("ETB 1.5M"). */
  formatTick: (v: number) => string
  /** A bar, point or slice was clicked: which series and category. */
  onPick?: (series: number, category: number) => void
}

// Distinguishable on white and in grey print (different lightness), colour-blind friendly order.
const PALETTE = [
  '#0f766e',
  '#b45309',
  '#4338ca',
  '#be123c',
  '#15803d',
  '#7c3aed',
  '#0369a1',
  '#a16207',
  '#db2777',
  '#4d7c0f',
  '#0e7490',
  '#57534e',
]
const colour = (i: number) => PALETTE[i % PALETTE.length] as string

let chartJs: Promise<typeof import('./chart-setup.ts')> | undefined
const loadChartJs = () => {
  // A failed download (offline) is tried again next time; the table view still works.
  chartJs ??= import('./chart-setup.ts').catch((err) => {
    chartJs = undefined
    throw err
  })
  return chartJs
}

function config(p: CanvasProps): ChartConfiguration {
  const { kind, data, formatValue } = p
  const stacked = p.stacked || p.stackOf !== undefined
  const pie = kind === 'pie'
  const font = { family: getComputedStyle(document.body).fontFamily }
  const tooltip = {
    callbacks: {
      label: (item: { dataset: { label?: string }; parsed: number | { x: number; y: number } }) => {
        const n =
          typeof item.parsed === 'number' ? item.parsed : kind === 'funnel' ? item.parsed.x : item.parsed.y
        return `${item.dataset.label ?? ''}: ${formatValue(n)}`
      },
    },
  }
  const datasets = data.series.map((s, i) => ({
    label: s.name,
    data: s.values,
    backgroundColor: pie ? data.categories.map((_, c) => colour(c)) : colour(i),
    borderColor: pie ? '#fff' : colour(i),
    borderWidth: pie ? 1 : 2,
    tension: 0.2,
    stack: p.stackOf?.(i),
  }))
  const valueAxis = {
    stacked,
    beginAtZero: true,
    ticks: { font, callback: (v: string | number) => p.formatTick(Number(v)) },
  }
  const categoryAxis = { stacked, ticks: { font, autoSkip: true, maxRotation: 45 } }
  return {
    type: pie ? 'pie' : kind === 'line' ? 'line' : 'bar',
    data: { labels: data.categories, datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: window.matchMedia('(prefers-reduced-motion: reduce)').matches ? false : undefined,
      indexAxis: kind === 'funnel' ? 'y' : 'x',
      plugins: {
        legend: { display: pie || data.series.length > 1, position: 'bottom', labels: { font } },
        tooltip,
      },
      scales: pie
        ? {}
        : kind === 'funnel'
          ? { x: valueAxis, y: categoryAxis }
          : { x: categoryAxis, y: valueAxis },
      onClick: (_e, elements) => {
        const el = elements[0]
        if (el && p.onPick) p.onPick(pie ? 0 : el.datasetIndex, el.index)
      },
      onHover: (e, elements) => {
        const target = e.native?.target
        if (target instanceof HTMLElement) target.style.cursor = elements.length && p.onPick ? 'pointer' : ''
      },
    },
  } as ChartConfiguration
}

export default function ChartCanvas(props: CanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null)
  const chart = useRef<ChartType | null>(null)
  const latest = useRef(props)
  latest.current = props
  const { kind, data, stacked } = props

  // biome-ignore lint/correctness/useExhaustiveDependencies: rebuilt when what is drawn changes
  useEffect(() => {
    let cancelled = false
    loadChartJs().then(
      ({ Chart }) => {
        if (cancelled || !ref.current) return
        chart.current?.destroy()
        // Callbacks read the latest props, so a new onPick does not need a new chart.
        const cfg = config({
          ...latest.current,
          formatValue: (v) => latest.current.formatValue(v),
          formatTick: (v) => latest.current.formatTick(v),
          onPick: (s, c) => latest.current.onPick?.(s, c),
        })
        chart.current = new Chart(ref.current, cfg)
      },
      () => {},
    )
    return () => {
      cancelled = true
      chart.current?.destroy()
      chart.current = null
    }
  }, [kind, data, stacked])

  // A printed page is narrower than the screen: redraw at the paper's size.
  useEffect(() => {
    const resize = () => chart.current?.resize()
    window.addEventListener('beforeprint', resize)
    window.addEventListener('afterprint', resize)
    return () => {
      window.removeEventListener('beforeprint', resize)
      window.removeEventListener('afterprint', resize)
    }
  }, [])

  return (
    <div className="relative h-64 w-full print:h-56">
      <canvas ref={ref} role="img" aria-label={props.label} />
    </div>
  )
}
