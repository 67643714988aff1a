import { Trans, useLingui } from '@lingui/react/macro'
import { Link } from '@tanstack/react-router'
import { Button } from '../../components/ui/button.tsx'
import { currencyDigits, intlLocale, useFormat } from '../../lib/format.ts'
import { useSignedIn } from '../../lib/session.ts'
import { drillTarget } from '../charts/drill.ts'
import type { Kpi, KpiKey } from './dashboard-api.ts'
import { type DashboardFilters, useKpis } from './dashboard-api.ts'
import { usePeriodText } from './dashboard-filters.tsx'
import { kpiChange } from './kpi-change.ts'

// The key figures of the period, each with its change against the previous period as an
// arrow and words (not colour alone). A figure whose records can be listed links there.

/** Figures where less is better: their fall is good news. */
const LOWER_IS_BETTER = new Set<KpiKey>(['avgSalesCycleDays', 'overdueTasks'])

function useKpiNames(): Record<KpiKey, string> {
  const { t } = useLingui()
  return {
    newPeople: t`New people`,
    newDeals: t`New deals`,
    dealsWonCount: t`Deals won`,
    dealsWonValue: t`Won value`,
    winRate: t`Win rate`,
    avgDealSize: t`Average deal size`,
    avgSalesCycleDays: t`Average sales cycle`,
    openPipelineValue: t`Open pipeline`,
    weightedForecast: t`Weighted forecast`,
    overdueTasks: t`Overdue tasks`,
  }
}

export function KpiCards({ filters }: { filters: DashboardFilters }) {
  const { t } = useLingui()
  const kpis = useKpis(filters)
  const periodText = usePeriodText()
  if (kpis.isError)
    return (
      <div role="alert" className="flex items-center gap-2 text-sm text-red-800">
        <Trans>The key figures could not be loaded.</Trans>
        <Button variant="secondary" onClick={() => kpis.refetch()}>
          <Trans>Try again</Trans>
        </Button>
      </div>
    )
  return (
    <section aria-label={t`Key figures`} className="space-y-2">
      {kpis.data && (
        <p className="text-sm text-slate-700">
          <Trans>Compared with {periodText(kpis.data.previousFrom, kpis.data.previousTo)}</Trans>
        </p>
      )}
      <ul className="grid grid-cols-1 gap-2 sm:grid-cols-2 lg:grid-cols-4 2xl:grid-cols-5 print:grid-cols-4">
        {kpis.data
          ? kpis.data.kpis.map((k) => (
              <li key={k.key} className="min-w-0">
                <KpiCard kpi={k} currency={kpis.data.currency} />
              </li>
            ))
          : Array.from({ length: 10 }, (_, i) => (
              // Placeholders have no identity of their own.
              // biome-ignore lint/suspicious/noArrayIndexKey: static skeleton
              <li key={i} aria-hidden className="h-24 animate-pulse rounded-lg bg-slate-100" />
            ))}
      </ul>
    </section>
  )
}

function KpiCard({ kpi, currency }: { kpi: Kpi; currency: string }) {
  const { t, i18n } = useLingui()
  const fmt = useFormat()
  const { workspace } = useSignedIn()
  const names = useKpiNames()
  const tag = intlLocale(i18n.locale, workspace.country)
  const show = (v: number | null) => {
    if (v === null) return '—'
    // Whole units: a key figure is read at a glance, and cents would not fit a phone's card.
    if (kpi.unit === 'money')
      return new Intl.NumberFormat(tag, { style: 'currency', currency, maximumFractionDigits: 0 }).format(
        v / 10 ** currencyDigits(currency),
      )
    if (kpi.unit === 'ratio')
      return new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 1 }).format(v)
    if (kpi.unit === 'days')
      return new Intl.NumberFormat(tag, { style: 'unit', unit: 'day', maximumFractionDigits: 1 }).format(v)
    return fmt.number(v)
  }
  const change = kpiChange(kpi)
  const good =
    change && change.direction !== 'same' && (change.direction === 'up') !== LOWER_IS_BETTER.has(kpi.key)
  const amount =
    change?.unit === 'points'
      ? t`${new Intl.NumberFormat(tag, { maximumFractionDigits: 1 }).format(change.amount)} pts`
      : change
        ? new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 1 }).format(
            change.amount / 100,
          )
        : ''
  const previous = show(kpi.previous)
  const notConverted = kpi.notConverted.map((n) => fmt.money(n.amountMinor, n.currency)).join(', ')
  const body = (
    <>
      <span className="block text-sm text-slate-700">{names[kpi.key]}</span>
      <span className="block text-xl font-semibold text-slate-900 tabular-nums [overflow-wrap:anywhere]">
        {show(kpi.value)}
      </span>
      {change && (
        <span
          className={`block text-sm ${change.direction === 'same' ? 'text-slate-600' : good ? 'text-emerald-800' : 'text-red-800'}`}
        >
          {change.direction === 'up' ? (
            <Trans>
              ▲ Up {amount} from the previous period ({previous})
            </Trans>
          ) : change.direction === 'down' ? (
            <Trans>
              ▼ Down {amount} from the previous period ({previous})
            </Trans>
          ) : (
            <Trans>Same as the previous period</Trans>
          )}
        </span>
      )}
      {kpi.previous !== null && !change && (
        <span className="block text-sm text-slate-600">
          <Trans>Previous period: {previous}</Trans>
        </span>
      )}
      {notConverted && (
        <span className="block text-xs text-slate-600">
          <Trans>Not included, no exchange rate: {notConverted}</Trans>
        </span>
      )}
    </>
  )
  const box = 'block h-full rounded-lg border border-slate-200 bg-white p-3 print:border-slate-400'
  if (!kpi.drill) return <div className={box}>{body}</div>
  return (
    <Link
      {...drillTarget(kpi.drill)}
      className={`${box} hover:border-teal-600 focus-visible:outline-2 focus-visible:outline-teal-700`}
    >
      {body}
    </Link>
  )
}
