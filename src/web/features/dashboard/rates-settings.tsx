import { Trans, useLingui } from '@lingui/react/macro'
import { Trash2 } from 'lucide-react'
import { type FormEvent, useState } from 'react'
import { Button } from '../../components/ui/button.tsx'
import { TextField } from '../../components/ui/field.tsx'
import { toast } from '../../components/ui/toast.tsx'
import { errorCode, useErrorText } from '../../lib/errors.ts'
import { useFormat } from '../../lib/format.ts'
import { canManage, useSignedIn } from '../../lib/session.ts'
import { useRateChange, useRates } from '../forecast/forecast-api.ts'

// Exchange rates to the workspace currency, so deals in other currencies count in the
// dashboard, reports and forecast. Without a rate an amount is left out and listed as
// "not included", never added as if it were in the workspace currency.
/** `bare`: without its own heading and box, inside a settings section that has them. */
export function RatesSettings({ bare = false }: { bare?: boolean }) {
  const { t } = useLingui()
  const { workspace, role } = useSignedIn()
  const fmt = useFormat()
  const errorText = useErrorText()
  const rates = useRates()
  const change = useRateChange()
  const admin = canManage(role)
  const base = rates.data?.base ?? workspace.currency
  const [currency, setCurrency] = useState('')
  const [rate, setRate] = useState('')
  const [errors, setErrors] = useState<{ currency?: string; rate?: string }>({})

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const code = currency.trim().toUpperCase()
    const value = Number(rate.replace(/[\s,]/g, ''))
    const next = {
      currency:
        /^[A-Z]{3}$/.test(code) && code !== base
          ? undefined
          : t`Enter a three-letter currency code, like USD`,
      rate: Number.isFinite(value) && value > 0 ? undefined : t`Enter a rate above 0, like 120.5`,
    }
    setErrors(next)
    if (next.currency || next.rate) return
    change.mutate(
      { currency: code, rate: value },
      {
        onSuccess: () => {
          setCurrency('')
          setRate('')
          toast(t`Rate saved: 1 ${code} = ${fmt.number(value)} ${base}`)
        },
        onError: (err) => setErrors({ rate: errorText(errorCode(err)) }),
      },
    )
  }

  return (
    <section
      aria-labelledby={bare ? undefined : 'rates-heading'}
      className={bare ? 'space-y-3' : 'space-y-3 rounded-lg border border-slate-200 bg-white p-4'}
    >
      {!bare && (
        <h2 id="rates-heading" className="text-lg font-semibold text-slate-900">
          <Trans>Currencies</Trans>
        </h2>
      )}
      <p className="text-sm text-slate-700">
        <Trans>
          Totals are in {base}. Amounts in other currencies are converted with these rates; without a rate
          they are left out and listed separately.
        </Trans>
      </p>
      {rates.data && rates.data.data.length === 0 && (
        <p className="text-sm text-slate-600">
          <Trans>No exchange rates yet.</Trans>
        </p>
      )}
      {rates.data && rates.data.data.length > 0 && (
        <table className="w-full text-sm">
          <caption className="sr-only">
            <Trans>Exchange rates to {base}</Trans>
          </caption>
          <thead>
            <tr className="border-b border-slate-300 text-left">
              <th scope="col" className="px-2 py-2">
                <Trans>Currency</Trans>
              </th>
              <th scope="col" className="px-2 py-2 text-right">
                <Trans>Rate</Trans>
              </th>
              <th scope="col" className="px-2 py-2 max-sm:hidden">
                <Trans>Updated</Trans>
              </th>
              {admin && (
                <th scope="col" className="px-2 py-2">
                  <span className="sr-only">
                    <Trans>Actions</Trans>
                  </span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {rates.data.data.map((r) => (
              <tr key={r.currency} className="border-b border-slate-100">
                <th scope="row" className="px-2 py-1.5 text-left font-medium">
                  {r.currency}
                </th>
                <td className="px-2 py-1.5 text-right tabular-nums">
                  1 {r.currency} = {fmt.number(r.rate)} {base}
                </td>
                <td className="px-2 py-1.5 text-slate-600 max-sm:hidden">{fmt.date(r.updatedAt)}</td>
                {admin && (
                  <td className="px-2 py-1.5 text-right">
                    <Button
                      variant="ghost"
                      className="min-w-11 px-2"
                      disabled={change.isPending}
                      onClick={() => change.mutate({ currency: r.currency, rate: null })}
                    >
                      <Trash2 aria-hidden className="size-4" />
                      <span className="sr-only">
                        <Trans>Remove the {r.currency} rate</Trans>
                      </span>
                    </Button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {admin && (
        <form
          onSubmit={submit}
          noValidate
          className="grid grid-cols-1 items-start gap-3 sm:grid-cols-[8rem_1fr_auto]"
        >
          <TextField
            label={t`Currency`}
            value={currency}
            maxLength={3}
            autoCapitalize="characters"
            placeholder="USD"
            error={errors.currency}
            onChange={(e) => setCurrency(e.target.value)}
          />
          <TextField
            label={t`${base} for 1 unit`}
            inputMode="decimal"
            value={rate}
            error={errors.rate}
            onChange={(e) => setRate(e.target.value)}
          />
          <Button type="submit" className="sm:mt-6" disabled={change.isPending}>
            <Trans>Save rate</Trans>
          </Button>
        </form>
      )}
    </section>
  )
}
