import { Trans, useLingui } from '@lingui/react/macro'
import { Fragment } from 'react'
import { intlLocale, useFormat } from '../../lib/format.ts'
import { canManage, useSignedIn } from '../../lib/session.ts'
import { useDatasetLabels } from '../charts/dataset-labels.ts'
import { TargetInput } from '../dashboard/targets-settings.tsx'
import type { ForecastOutput, ForecastOwner } from './forecast-api.ts'
import { attainment, monthTotals } from './forecast-data.ts'

// The forecast as a table: per month, each owner's open deals, the weighted value
// (amount × stage probability), what was won and the target. Admins type targets in place.
export function ForecastTable({ forecast }: { forecast: ForecastOutput }) {
  const { t, i18n } = useLingui()
  const fmt = useFormat()
  const labels = useDatasetLabels()
  const { workspace, role } = useSignedIn()
  const admin = canManage(role)
  const money = (v: number | null) => (v === null ? '—' : fmt.money(v, forecast.currency))
  const percent = new Intl.NumberFormat(intlLocale(i18n.locale, workspace.country), {
    style: 'percent',
    maximumFractionDigits: 0,
  })
  const share = (won: number, target: number | null) => {
    const a = attainment(won, target)
    return a === null ? '—' : percent.format(a)
  }
  const totals = monthTotals(forecast)
  const cell = 'px-2 py-1.5 text-right tabular-nums'
  const ownerName = (o: ForecastOwner) => o.ownerName ?? t`No owner`
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white print:overflow-visible">
      <table className="w-full min-w-[40rem] border-collapse text-sm">
        <caption className="p-3 text-left font-semibold text-slate-900">
          <Trans>Forecast by month and owner ({forecast.currency})</Trans>
        </caption>
        <thead>
          <tr className="border-b border-slate-300 text-left">
            <th scope="col" className="px-2 py-2">
              <Trans>Owner</Trans>
            </th>
            <th scope="col" className="px-2 py-2 text-right">
              <Trans>Open deals</Trans>
            </th>
            <th scope="col" className="px-2 py-2 text-right">
              <Trans>Weighted</Trans>
            </th>
            <th scope="col" className="px-2 py-2 text-right">
              <Trans>Won</Trans>
            </th>
            <th scope="col" className="px-2 py-2 text-right">
              <Trans>Target</Trans>
            </th>
            <th scope="col" className="px-2 py-2 text-right">
              <Trans>Won of target</Trans>
            </th>
          </tr>
        </thead>
        {forecast.months.map((m, i) => {
          const monthName = labels.key({ key: 'month', bucket: 'month' }, m.month, null)
          const total = totals[i]
          return (
            <tbody key={m.month} className="border-b border-slate-300">
              <tr className="bg-slate-50">
                <th scope="rowgroup" colSpan={6} className="px-2 py-2 text-left font-semibold">
                  {monthName}
                </th>
              </tr>
              {m.owners.length === 0 && (
                <tr>
                  <td colSpan={6} className="px-2 py-1.5 text-slate-600">
                    <Trans>No open deals expected and no target.</Trans>
                  </td>
                </tr>
              )}
              {m.owners.map((o) => (
                <tr key={o.ownerId ?? 'none'} className="border-t border-slate-100">
                  <th scope="row" className="px-2 py-1.5 text-left font-normal">
                    {ownerName(o)}
                  </th>
                  <td className={cell}>{money(o.openValue)}</td>
                  <td className={cell}>{money(o.weightedValue)}</td>
                  <td className={cell}>{money(o.wonValue)}</td>
                  <td className={cell}>
                    {admin && o.ownerId ? (
                      <Fragment>
                        <TargetInput
                          key={`${o.ownerId}-${o.targetMinor}`}
                          className="block print:hidden"
                          userId={o.ownerId}
                          month={m.month}
                          valueMinor={o.targetMinor}
                          label={t`Target for ${ownerName(o)}, ${monthName} (${forecast.currency})`}
                        />
                        <span className="hidden print:inline">{money(o.targetMinor)}</span>
                      </Fragment>
                    ) : (
                      money(o.targetMinor)
                    )}
                  </td>
                  <td className={cell}>{share(o.wonValue, o.targetMinor)}</td>
                </tr>
              ))}
              {total && m.owners.length > 1 && (
                <tr className="border-t border-slate-300 font-semibold">
                  <th scope="row" className="px-2 py-1.5 text-left">
                    <Trans>Total</Trans>
                  </th>
                  <td className={cell}>{money(total.openValue)}</td>
                  <td className={cell}>{money(total.weightedValue)}</td>
                  <td className={cell}>{money(total.wonValue)}</td>
                  <td className={cell}>{money(total.targetMinor)}</td>
                  <td className={cell}>{share(total.wonValue, total.targetMinor)}</td>
                </tr>
              )}
            </tbody>
          )
        })}
      </table>
    </div>
  )
}
