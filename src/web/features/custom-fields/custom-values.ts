import parsePhoneNumber from 'libphonenumber-js/min'
import type { Formatters } from '../../lib/format.ts'
import { fromMinor, toMinor } from '../deals/money.ts'
import type { CustomField, Labels } from './custom-fields-api.ts'

// Pure logic of custom field values: labels in the UI language, what an input holds
// (a "draft") ↔ the value the API takes, the `custom` payload of a form, and the text and
// link a value is shown as. No React here, so it is unit-tested directly.

/** The label in the UI language, else English; `lang` says which one it is. */
export function pickLabel(
  labels: Partial<Labels> | undefined,
  locale: string,
): { text: string; lang: string } {
  const own = labels?.[locale as keyof Labels]?.trim()
  if (own) return { text: own, lang: locale }
  return { text: labels?.en ?? '', lang: 'en' }
}

export type CurrencyDraft = { amount: string; currency: string }
/** What an input holds while the user types: text, checked option keys, or amount + currency. */
export type Draft = string | string[] | CurrencyDraft
type FieldShape = Pick<CustomField, 'key' | 'type' | 'options'>

/** The fields a form has touched, keyed by field key. Untouched fields are not sent. */
export type CustomEdits = Record<string, { field: FieldShape; draft: Draft }>

const isCurrencyValue = (v: unknown): v is { amount: number; currency: string } =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as { amount?: unknown }).amount === 'number' &&
  typeof (v as { currency?: unknown }).currency === 'string'

/** A stored value as its input shows it. */
export function toDraft(field: FieldShape, value: unknown, defaultCurrency: string): Draft {
  switch (field.type) {
    case 'currency':
      return isCurrencyValue(value)
        ? { amount: fromMinor(value.amount, value.currency), currency: value.currency }
        : { amount: '', currency: defaultCurrency }
    case 'multiSelect':
      return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
    case 'boolean':
      return value === true ? 'true' : value === false ? 'false' : ''
    case 'number':
      return typeof value === 'number' ? String(value) : ''
    default:
      return typeof value === 'string' ? value : ''
  }
}

/**
 * A draft as the API takes it; null when empty (clears the value). What cannot be read
 * (a number like "12x", an amount with too many decimals) is sent as typed, so the
 * server's answer puts the error next to the field and nothing typed is lost.
 */
export function fromDraft(field: FieldShape, draft: Draft): unknown {
  if (field.type === 'currency') {
    const d = typeof draft === 'object' && !Array.isArray(draft) ? draft : { amount: '', currency: '' }
    if (!d.amount.trim()) return null
    const negative = d.amount.trim().startsWith('-')
    const minor = toMinor(d.amount.trim().replace(/^-/, ''), d.currency)
    return { amount: minor === null ? d.amount : negative ? -minor : minor, currency: d.currency }
  }
  if (field.type === 'multiSelect') {
    const keys = Array.isArray(draft) ? draft : []
    if (!keys.length) return null
    // In the order the options are listed, whatever order they were ticked in.
    const order = field.options.map((o) => o.key)
    return [...keys].sort((a, b) => order.indexOf(a) - order.indexOf(b))
  }
  const text = typeof draft === 'string' ? draft.trim() : ''
  if (!text) return null
  switch (field.type) {
    case 'number': {
      const n = Number(text.replace(/[\s,']/g, ''))
      return Number.isFinite(n) ? n : text
    }
    case 'boolean':
      return text === 'true'
    default:
      return text
  }
}

/** Equal as JSON values, whatever the key order of objects. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  return (
    ka.length === kb.length &&
    ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  )
}

/**
 * The `custom` part of a create or update body. Creating (no saved record): the filled
 * fields. Editing: only the keys whose value changed, null for a cleared one (the server
 * merges). No change at all gives `{}`, so the body has no `custom` key.
 */
export function customBody(
  edits: CustomEdits,
  saved: { id: string; custom?: Record<string, unknown> } | undefined,
): { custom?: Record<string, unknown> } {
  const custom: Record<string, unknown> = {}
  for (const [key, { field, draft }] of Object.entries(edits)) {
    const value = fromDraft(field, draft)
    if (saved ? sameValue(value, saved.custom?.[key] ?? null) : value === null) continue
    custom[key] = value
  }
  return Object.keys(custom).length ? { custom } : {}
}

/** The error of a custom field in a form's errors: `custom.<key>` or one of its parts. */
export function customError(errors: Record<string, string>, key: string): string | undefined {
  const own = `custom.${key}`
  if (errors[own]) return errors[own]
  const part = Object.keys(errors).find((k) => k.startsWith(`${own}.`))
  return part ? errors[part] : undefined
}

/** An http(s) address to link to, or null (javascript:, data: and the like are never links). */
export function safeHref(url: string): string | null {
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null
  } catch {
    return null
  }
}

export type Shown = { text: string; href?: string; kind: 'text' | 'url' | 'phone' | 'email' }

type ShowOptions = { fmt: Formatters; locale: string; yes: string; no: string }

type ShownOption = { key: string; labels?: Partial<Labels> }

const optionLabel = (options: ShownOption[] | undefined, key: string, locale: string) => {
  const labels = options?.find((o) => o.key === key)?.labels
  return (labels && pickLabel(labels, locale).text) || key
}

/**
 * How a value reads: dates in the workspace calendar, numbers and money in the user's
 * language, options by their label, phones/emails/URLs with the link to open them.
 * null for an empty value. `field` may be a list catalog field (only type and options).
 */
export function showValue(
  field: { type: string; options?: ShownOption[] },
  value: unknown,
  { fmt, locale, yes, no }: ShowOptions,
): Shown | null {
  if (value === null || value === undefined || value === '') return null
  if (Array.isArray(value) && value.length === 0) return null
  const text = (t: string): Shown => ({ text: t, kind: 'text' })
  const options = field.options
  switch (field.type) {
    case 'number':
      return typeof value === 'number' ? text(fmt.number(value)) : text(String(value))
    case 'currency':
      return isCurrencyValue(value) ? text(fmt.money(value.amount, value.currency)) : null
    case 'date':
      // A calendar day: read at noon UTC so no time zone moves it to the day before.
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
        ? text(fmt.date(`${value}T12:00:00Z`))
        : text(String(value))
    case 'boolean':
      return text(value === true ? yes : no)
    case 'select':
      return text(optionLabel(options, String(value), locale))
    case 'multiSelect':
      return Array.isArray(value)
        ? text(value.map((k) => optionLabel(options, String(k), locale)).join(', '))
        : null
    case 'phone': {
      const e164 = String(value)
      return {
        text: parsePhoneNumber(e164)?.formatInternational() ?? e164,
        href: `tel:${e164}`,
        kind: 'phone',
      }
    }
    case 'email':
      return { text: String(value), href: `mailto:${value}`, kind: 'email' }
    case 'url': {
      const href = safeHref(String(value))
      return href
        ? { text: String(value).replace(/^https?:\/\//, ''), href, kind: 'url' }
        : text(String(value))
    }
    default:
      return typeof value === 'object' ? text(JSON.stringify(value)) : text(String(value))
  }
}
