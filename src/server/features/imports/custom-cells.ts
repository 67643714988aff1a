import type { CustomFieldRow } from '../custom-fields/custom-fields.queries.ts'
import { currencyDigits } from '../export/export.service.ts'
import { CURRENCIES } from '../workspaces/regions.ts'

// A spreadsheet cell → the value custom-values.ts checks for the field's type: numbers
// from "1,250.5", yes/no in three languages, options by key or label, money from
// "ETB 1,500.00". custom-values.ts then applies the same rules as the API.

type Def = Pick<CustomFieldRow, 'type' | 'options'>
export type Cell = { ok: true; value: unknown } | { ok: false; code: string; message: string }

const TRUE = new Set(['true', 'yes', 'y', '1', 'ndiyo', 'ndio', 'አዎ', 'አዎን'])
const FALSE = new Set(['false', 'no', 'n', '0', 'hapana', 'አይ', 'አይደለም'])

const fail = (message: string): Cell => ({ ok: false, code: 'invalid', message })

/** "1,250.50" → 1250.5; thousands commas and spaces are dropped. */
function number(raw: string): number | null {
  const v = raw.replace(/[\s\u00a0]/g, '').replace(/,(?=\d{3}(\D|$))/g, '')
  if (!/^[-+]?\d*\.?\d+$/.test(v)) return null
  return Number(v)
}

function option(def: Def, raw: string): string | null {
  const v = raw.trim().toLowerCase()
  for (const o of def.options) {
    if (o.key.toLowerCase() === v) return o.key
    if ([o.labels.en, o.labels.am, o.labels.sw].some((l) => l && l.trim().toLowerCase() === v)) return o.key
  }
  return null
}

export function customCell(def: Def, raw: string): Cell {
  switch (def.type) {
    case 'number': {
      const n = number(raw)
      return n === null ? fail(`Not a number: ${raw}`) : { ok: true, value: n }
    }
    case 'currency': {
      // "ETB 1,500.00" or "1500 KES": the currency is named, the amount is in major units.
      const code = raw.match(/[A-Za-z]{3}/)?.[0]?.toUpperCase()
      if (!code || !(CURRENCIES as readonly string[]).includes(code))
        return fail(`Name the currency, e.g. ETB 1500: ${raw}`)
      const amount = number(raw.replace(/[A-Za-z]{3}/, ''))
      if (amount === null) return fail(`Not an amount: ${raw}`)
      return { ok: true, value: { amount: Math.round(amount * 10 ** currencyDigits(code)), currency: code } }
    }
    case 'boolean': {
      const v = raw.trim().toLowerCase()
      if (TRUE.has(v)) return { ok: true, value: true }
      if (FALSE.has(v)) return { ok: true, value: false }
      return fail(`Not yes or no: ${raw}`)
    }
    case 'date': {
      // ISO dates, also with a time after them (what spreadsheets export as text).
      const m = raw.trim().match(/^(\d{4}-\d{2}-\d{2})(?:[T ].*)?$/)
      return { ok: true, value: m ? m[1] : raw.trim() }
    }
    case 'select': {
      const key = option(def, raw)
      return key ? { ok: true, value: key } : fail(`Not an option of this field: ${raw}`)
    }
    case 'multiSelect': {
      const keys: string[] = []
      for (const part of raw.split(/\s*[,;]\s*/)) {
        if (!part) continue
        const key = option(def, part)
        if (!key) return fail(`Not an option of this field: ${part}`)
        keys.push(key)
      }
      return { ok: true, value: keys }
    }
    default:
      return { ok: true, value: raw }
  }
}
