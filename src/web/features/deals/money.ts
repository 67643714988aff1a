import { currencyDigits } from '../../lib/format.ts'

// Money as typed and shown ↔ integer minor units of an ISO 4217 currency. The number of
// decimals is the currency's own (2 for ETB, KES, TZS, USD; 0 for UGX), as Intl knows it.

/** "15,000.50" → 1500050 for ETB; null when it is not a non-negative amount. */
export function toMinor(typed: string, currency: string): number | null {
  const clean = typed.replace(/[\s,']/g, '')
  if (clean === '') return 0
  if (!/^\d+(\.\d+)?$/.test(clean)) return null
  const digits = currencyDigits(currency)
  const [whole = '0', frac = ''] = clean.split('.')
  if (frac.length > digits) return null
  return Number(whole) * 10 ** digits + Number(frac.padEnd(digits, '0') || '0')
}

/** 1500050 ETB → "15000.50" (for an input: no grouping). */
export function fromMinor(minor: number, currency: string) {
  const digits = currencyDigits(currency)
  return digits ? (minor / 10 ** digits).toFixed(digits) : String(minor)
}
