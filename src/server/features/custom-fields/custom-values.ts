import * as z from 'zod'
import type { DbOrTx } from '../../db/client.ts'
import type { Ctx } from '../../http/context.ts'
import { type FieldError, invalid } from '../../http/errors.ts'
import { toE164 } from '../contacts/phones.ts'
import { CURRENCIES } from '../workspaces/regions.ts'
import { type CustomFieldRow, selectCustomFields } from './custom-fields.queries.ts'
import type { CustomFieldObject } from './custom-fields.schema.ts'

// Custom field values on people, companies and deals: checked and normalised against the
// field definitions, one rule per type. Stored in the record's `custom` jsonb by key.

type Definition = Pick<CustomFieldRow, 'key' | 'type' | 'options' | 'archivedAt'>
type Result = { value: unknown } | { code: string; message: string }

const ok = (value: unknown): Result => ({ value })
const bad = (code: string, message: string): Result => ({ code, message })

const email = z.email()
const isoDate = z.iso.date()
const currencies = new Set<string>(CURRENCIES)

/**
 * The stored form of one value, or why it is refused. `null` means "no value"; an empty
 * text or an empty multi-select list counts as none too.
 */
export function normaliseCustomValue(def: Definition, raw: unknown, country: string): Result {
  if (raw === null) return ok(null)
  switch (def.type) {
    case 'text':
    case 'longText': {
      if (typeof raw !== 'string') return bad('invalid_type', 'Expected text')
      const text = raw.trim()
      const max = def.type === 'text' ? 500 : 10000
      if (text.length > max) return bad('too_long', `At most ${max} characters`)
      return ok(text || null)
    }
    case 'number':
      if (typeof raw !== 'number' || !Number.isFinite(raw)) return bad('invalid_type', 'Expected a number')
      return ok(raw)
    case 'currency': {
      const money = raw as { amount?: unknown; currency?: unknown }
      if (typeof raw !== 'object' || Array.isArray(raw) || Object.keys(raw).some((k) => !MONEY_KEYS.has(k)))
        return bad('invalid_type', 'Expected {amount, currency}')
      if (typeof money.amount !== 'number' || !Number.isSafeInteger(money.amount))
        return bad('invalid_amount', 'The amount is a whole number of minor units (cents, santim)')
      if (typeof money.currency !== 'string' || !currencies.has(money.currency))
        return bad('invalid_currency', `The currency is one of ${CURRENCIES.join(', ')}`)
      return ok({ amount: money.amount, currency: money.currency })
    }
    case 'date':
      if (typeof raw !== 'string' || !isoDate.safeParse(raw).success)
        return bad('invalid_date', 'Expected a date as YYYY-MM-DD')
      return ok(raw)
    case 'boolean':
      if (typeof raw !== 'boolean') return bad('invalid_type', 'Expected true or false')
      return ok(raw)
    case 'select':
      if (typeof raw !== 'string' || !def.options.some((o) => o.key === raw))
        return bad('invalid_option', 'Not an option of this field')
      return ok(raw)
    case 'multiSelect': {
      if (!Array.isArray(raw)) return bad('invalid_type', 'Expected a list of option keys')
      const keys = new Set(def.options.map((o) => o.key))
      if (!raw.every((k) => typeof k === 'string' && keys.has(k)))
        return bad('invalid_option', 'Not an option of this field')
      const unique = [...new Set(raw as string[])]
      return ok(unique.length ? unique : null)
    }
    case 'phone': {
      if (typeof raw !== 'string') return bad('invalid_type', 'Expected a phone number')
      if (!raw.trim()) return ok(null)
      const e164 = raw.length <= 40 ? toE164(raw, country) : null
      return e164 ? ok(e164) : bad('invalid_phone', 'Not a valid phone number')
    }
    case 'email': {
      if (typeof raw !== 'string') return bad('invalid_type', 'Expected an email address')
      const value = raw.trim()
      if (!value) return ok(null)
      return value.length <= 254 && email.safeParse(value).success
        ? ok(value)
        : bad('invalid_email', 'Not a valid email address')
    }
    case 'url': {
      if (typeof raw !== 'string') return bad('invalid_type', 'Expected a web address')
      if (!raw.trim()) return ok(null)
      const value = normaliseUrl(raw.trim())
      return value ? ok(value) : bad('invalid_url', 'Not a valid http or https address')
    }
    default:
      return bad('invalid_type', 'Unknown field type')
  }
}

const MONEY_KEYS = new Set(['amount', 'currency'])

/** "example.com/x" → "https://example.com/x"; only http and https, with a dotted host. */
export function normaliseUrl(raw: string): string | null {
  if (raw.length > 2000 || /\s/.test(raw)) return null
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`
  let url: URL
  try {
    url = new URL(withScheme)
  } catch {
    return null
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
  // No user:password@ part: it is how "mailto:a@b.com" would parse, and hides the real host.
  if (url.username || url.password) return null
  if (!url.hostname.includes('.') || url.hostname.startsWith('.') || url.hostname.endsWith('.')) return null
  return withScheme
}

/**
 * The changes a `custom` input makes, checked against every definition of the object:
 * key → stored value, or null to clear. 400 naming `custom.<key>` for each bad value, an
 * unknown key or an archived field's key.
 */
export function checkCustomInput(
  input: Record<string, unknown>,
  definitions: Definition[],
  country: string,
): Record<string, unknown> {
  const byKey = new Map(definitions.map((d) => [d.key, d]))
  const errors: FieldError[] = []
  const out: Record<string, unknown> = {}
  for (const [key, raw] of Object.entries(input)) {
    const def = byKey.get(key)
    if (!def || def.archivedAt) {
      errors.push({ field: `custom.${key}`, code: 'unknown_field', message: 'No such custom field' })
      continue
    }
    const result = normaliseCustomValue(def, raw, country)
    if ('code' in result) errors.push({ field: `custom.${key}`, code: result.code, message: result.message })
    else out[key] = result.value
  }
  if (errors.length) throw invalid(errors)
  return out
}

/** Merges changes into stored values: given keys change, null removes one, others stay. */
export function mergeCustom(current: Record<string, unknown>, changes: Record<string, unknown>) {
  const next: Record<string, unknown> = { ...current }
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete next[key]
    else next[key] = value
  }
  return next
}

/**
 * The record's new `custom` after an input (create: `current` is {}), or undefined when
 * the input has none. Archived fields' values on the record are kept as they are.
 */
export async function nextCustom(
  db: DbOrTx,
  ctx: Ctx,
  object: CustomFieldObject,
  current: Record<string, unknown>,
  input: Record<string, unknown> | undefined,
): Promise<Record<string, unknown> | undefined> {
  if (input === undefined) return undefined
  if (!Object.keys(input).length) return current
  const definitions = await selectCustomFields(db, ctx.workspace.id, object, { archived: true })
  return mergeCustom(current, checkCustomInput(input, definitions, ctx.workspace.country))
}

/**
 * The keys of the object's live (not archived) fields: what record outputs show. Records
 * without any custom value need no definitions, so such a page sends no query for them.
 */
export async function liveCustomKeys(
  db: DbOrTx,
  workspaceId: string,
  object: CustomFieldObject,
  records: { custom: Record<string, unknown> }[],
) {
  if (records.every((r) => Object.keys(r.custom).length === 0)) return new Set<string>()
  const rows = await selectCustomFields(db, workspaceId, object, { archived: false })
  return new Set(rows.map((r) => r.key))
}

/**
 * A record's stored values in field order (`liveKeys` is by position), without those of
 * archived or removed fields.
 */
export function presentCustom(custom: Record<string, unknown>, liveKeys: Set<string>) {
  const out: Record<string, unknown> = {}
  for (const key of liveKeys) if (Object.hasOwn(custom, key)) out[key] = custom[key]
  return out
}

/** A record's custom values as timeline fields: `custom.<key>` → value. */
export function flatCustom(custom: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(custom).map(([key, value]) => [`custom.${key}`, value]))
}

/** The timeline field names of the custom values either version of a record has. */
export function customFieldNames(before: Record<string, unknown>, after: Record<string, unknown>) {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].map((key) => `custom.${key}`)
}
