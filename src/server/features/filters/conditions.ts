import { and, type SQL, sql } from 'drizzle-orm'
import { type CountryCode, getCountryCallingCode } from 'libphonenumber-js/max'
import { companyEmails, companyPhones, personEmails, personPhones } from '../../db/schema/index.ts'
import type { Ctx } from '../../http/context.ts'
import { type FieldError, invalid } from '../../http/errors.ts'
import { toE164 } from '../contacts/phones.ts'
import { isUuid } from '../workspaces/workspaces.queries.ts'
import { type FieldDef, type ListTable, TABLES } from './fields.ts'
import { type FieldObject, type FilterCondition, type FilterOp, OPS_BY_TYPE } from './filter.schema.ts'

// Compiles filter conditions to SQL, one condition per filter (all must hold). Every
// value reaches the database as a parameter; columns and casts come from the catalog.
//
// Negative operators (neq, notIn, notContains) also match records without a value:
// "status is not won" includes deals with no status, as people read it.

type Value = FilterCondition['value']
class BadValue extends Error {}
const bad = (message: string): never => {
  throw new BadValue(message)
}

export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)
const list = (items: unknown[], cast: string) =>
  sql`array[${sql.join(
    items.map((v) => sql`${v}`),
    sql`, `,
  )}]::${sql.raw(cast)}`
/** True where `cond` is false or unknown (null): negative operators include empty values. */
const not = (cond: SQL) => sql`not coalesce(${cond}, false)`

// ---- values, per field type ---------------------------------------------------------

const DATE = /^\d{4}-\d{2}-\d{2}$/
const NUMBER = /^-?\d+(\.\d+)?$/

function text(v: unknown): string {
  if (typeof v === 'number') return String(v)
  if (typeof v !== 'string' || !v.trim()) return bad('Enter a text')
  return v.trim()
}

function scalarFor(f: FieldDef, v: unknown): string | boolean {
  switch (f.type) {
    case 'number':
    case 'currency': {
      const s =
        typeof v === 'number' && Number.isFinite(v) ? String(v) : typeof v === 'string' ? v.trim() : ''
      if (!NUMBER.test(s)) return bad('Enter a number')
      if (f.type === 'currency' && s.includes('.')) return bad('Amounts are whole minor units (cents)')
      return s
    }
    case 'date':
    case 'datetime':
      if (typeof v !== 'string' || !DATE.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`)))
        return bad('Use a date as YYYY-MM-DD')
      if (new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) !== v) return bad('No such date')
      return v
    case 'boolean':
      if (v === true || v === 'true') return true
      if (v === false || v === 'false') return false
      return bad('Use true or false')
    case 'ref':
    case 'tags':
      if (typeof v !== 'string' || !isUuid(v)) return bad('Use the id of a record')
      return v.toLowerCase()
    default:
      return text(v)
  }
}

function arrayFor(f: FieldDef, v: Value): (string | boolean)[] {
  if (!Array.isArray(v) || !v.length) return bad('Choose at least one value')
  return [...new Set(v.map((x) => scalarFor(f, x)))]
}

// ---- SQL per operator -----------------------------------------------------------------

const CAST: Partial<Record<string, string>> = {
  number: 'numeric',
  currency: 'bigint',
  date: 'date',
  boolean: 'boolean',
}

/** `value` as SQL of the field's type. */
function param(f: FieldDef, v: string | boolean): SQL {
  const cast = CAST[f.type]
  return cast ? sql`${v}::${sql.raw(cast)}` : sql`${v}`
}

const isText = (f: FieldDef) => ['text', 'longText', 'phone', 'email', 'url'].includes(f.type)

/** Start of day `d` (+ `plus` days) in the workspace time zone, as an instant. */
const dayStart = (ctx: Ctx, d: string, plus = 0) =>
  sql`((${d}::date + ${plus}::int)::timestamp at time zone ${ctx.workspace.timeZone}::text)`

/** A single-value comparison on a scalar expression. */
function compare(
  ctx: Ctx,
  f: FieldDef,
  expr: SQL,
  op: 'eq' | 'gt' | 'gte' | 'lt' | 'lte',
  v: string | boolean,
) {
  if (f.type === 'datetime') {
    const d = v as string
    if (op === 'eq') return sql`(${expr} >= ${dayStart(ctx, d)} and ${expr} < ${dayStart(ctx, d, 1)})`
    if (op === 'gt') return sql`${expr} >= ${dayStart(ctx, d, 1)}`
    if (op === 'gte') return sql`${expr} >= ${dayStart(ctx, d)}`
    if (op === 'lt') return sql`${expr} < ${dayStart(ctx, d)}`
    return sql`${expr} < ${dayStart(ctx, d, 1)}`
  }
  if (op === 'eq' && isText(f)) {
    // Text compares case-insensitively; lowercased columns keep their index.
    const s = (v as string).toLowerCase()
    return f.lowered ? sql`${expr} = ${s}` : sql`lower(${expr}) = ${s}`
  }
  const p = param(f, v)
  const sym = { eq: '=', gt: '>', gte: '>=', lt: '<', lte: '<=' }[op]
  return sql`${expr} ${sql.raw(sym)} ${p}`
}

function containsText(f: FieldDef, expr: SQL, v: string) {
  const pattern = `%${escapeLike(v.toLowerCase())}%`
  if (f.lowered && f.searchText) return sql`(${f.searchText} like ${pattern} and ${expr} like ${pattern})`
  return f.lowered ? sql`${expr} like ${pattern}` : sql`${expr} ilike ${pattern}`
}

/** Digits of a typed phone, or its E.164 when it is a whole valid number (workspace country). */
function phoneTerm(ctx: Ctx, v: Value) {
  const typed = text(v)
  const digits = typed.replace(/\D/g, '')
  if (!digits) return bad('Enter digits of a phone number')
  return { digits, e164: toE164(typed, ctx.workspace.country) }
}

function callingCode(country: string): string {
  try {
    return getCountryCallingCode(country as CountryCode)
  } catch {
    return ''
  }
}

function phoneContains(ctx: Ctx, expr: SQL, v: Value) {
  const { digits, e164 } = phoneTerm(ctx, v)
  if (e164) return sql`${expr} = ${e164}`
  const anywhere = sql`${expr} like ${`%${digits}%`}`
  // A national form ("0911…"): the trunk 0 stands for the workspace country's code.
  if (!/^0[1-9]/.test(digits)) return anywhere
  const national = `+${callingCode(ctx.workspace.country)}${digits.slice(1)}%`
  return sql`(${anywhere} or ${expr} like ${national})`
}

function phoneEquals(ctx: Ctx, expr: SQL, v: Value) {
  const { e164 } = phoneTerm(ctx, v)
  return e164 ? sql`${expr} = ${e164}` : bad('Not a valid phone number')
}

/** The condition on one scalar expression (a column or a custom value). */
function scalarCondition(ctx: Ctx, f: FieldDef, expr: SQL, op: FilterOp, v: Value): SQL {
  switch (op) {
    case 'contains':
      return f.type === 'phone' ? phoneContains(ctx, expr, v) : containsText(f, expr, text(v))
    case 'notContains':
      return not(f.type === 'phone' ? phoneContains(ctx, expr, v) : containsText(f, expr, text(v)))
    case 'eq':
      return f.type === 'phone' ? phoneEquals(ctx, expr, v) : compare(ctx, f, expr, 'eq', scalarFor(f, v))
    case 'neq':
      return not(
        f.type === 'phone' ? phoneEquals(ctx, expr, v) : compare(ctx, f, expr, 'eq', scalarFor(f, v)),
      )
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return compare(ctx, f, expr, op, scalarFor(f, v))
    case 'between': {
      if (!Array.isArray(v) || v.length !== 2) return bad('Use [from, to]; either may be null')
      const [from, to] = v
      const parts = [
        from === null ? undefined : compare(ctx, f, expr, 'gte', scalarFor(f, from)),
        to === null ? undefined : compare(ctx, f, expr, 'lte', scalarFor(f, to)),
      ]
      return and(...parts) ?? sql`true`
    }
    case 'in':
      return sql`${expr} in (${sql.join(
        arrayFor(f, v).map((x) => param(f, x)),
        sql`, `,
      )})`
    case 'notIn':
      return not(
        sql`${expr} in (${sql.join(
          arrayFor(f, v).map((x) => param(f, x)),
          sql`, `,
        )})`,
      )
    case 'empty':
      return isText(f) || f.type === 'select' ? sql`coalesce(${expr}, '') = ''` : sql`${expr} is null`
    case 'notEmpty':
      return isText(f) || f.type === 'select' ? sql`${expr} <> ''` : sql`${expr} is not null`
    case 'me':
      return sql`${expr} = ${ctx.userId}`
    default:
      return bad('Not an operator of this field')
  }
}

/** tags (uuid[] with a GIN index) and multiSelect (a jsonb array of option keys). */
function setCondition(f: FieldDef, table: ListTable, op: FilterOp, v: Value): SQL {
  if (f.type === 'tags') {
    if (!('tagIds' in table)) return bad('No tags here')
    if (op === 'empty') return sql`${table.tagIds} = '{}'::uuid[]`
    if (op === 'notEmpty') return sql`${table.tagIds} <> '{}'::uuid[]`
    const ids = list(arrayFor(f, v), 'uuid[]')
    if (op === 'in') return sql`${table.tagIds} && ${ids}`
    if (op === 'all') return sql`${table.tagIds} @> ${ids}`
    return sql`not (${table.tagIds} && ${ids})`
  }
  const expr = f.expr!
  if (op === 'empty') return sql`coalesce(${expr}, '[]'::jsonb) in ('[]'::jsonb, 'null'::jsonb)`
  if (op === 'notEmpty') return not(sql`coalesce(${expr}, '[]'::jsonb) in ('[]'::jsonb, 'null'::jsonb)`)
  const keys = arrayFor(f, v) as string[]
  if (op === 'in') return sql`${expr} ?| ${list(keys, 'text[]')}`
  if (op === 'all') return sql`${expr} @> ${JSON.stringify(keys)}::jsonb`
  return not(sql`${expr} ?| ${list(keys, 'text[]')}`)
}

const CONTACT_TABLES = {
  person: { phones: personPhones, emails: personEmails },
  company: { phones: companyPhones, emails: companyEmails },
} as const

/** Phones and emails live in their own tables: `exists` one that matches. */
function contactCondition(ctx: Ctx, f: FieldDef, object: FieldObject, op: FilterOp, v: Value): SQL {
  if (object !== 'person' && object !== 'company') return bad('No contacts here')
  const owner = TABLES[object]
  const kind = f.contacts!
  const t = CONTACT_TABLES[object][kind]
  const link = 'personId' in t ? t.personId : t.companyId
  const some = (cond?: SQL) =>
    sql`exists (select 1 from ${t} where ${t.workspaceId} = ${owner.workspaceId} and ${link} = ${owner.id}${
      cond ? sql` and ${cond}` : sql``
    })`
  const value = 'e164' in t ? sql`${t.e164}` : sql`lower(${t.email})`
  const emailDef: FieldDef = { ...f, lowered: true }
  const match = (negative: boolean, base: 'contains' | 'eq') => {
    const cond =
      kind === 'phones'
        ? base === 'contains'
          ? phoneContains(ctx, value, v)
          : phoneEquals(ctx, value, v)
        : base === 'contains'
          ? containsText(emailDef, value, text(v))
          : sql`${value} = ${text(v).toLowerCase()}`
    return negative ? sql`not ${some(cond)}` : some(cond)
  }
  switch (op) {
    case 'contains':
      return match(false, 'contains')
    case 'notContains':
      return match(true, 'contains')
    case 'eq':
      return match(false, 'eq')
    case 'neq':
      return match(true, 'eq')
    case 'empty':
      return sql`not ${some()}`
    case 'notEmpty':
      return some()
    default:
      return bad('Not an operator of this field')
  }
}

/**
 * The SQL of each condition. Every mistake is reported at once, as a 400 naming
 * `filters.<index>.field`, `.op` or `.value`.
 */
export function compileFilters(
  ctx: Ctx,
  object: FieldObject,
  filters: FilterCondition[],
  fields: Map<string, FieldDef>,
  prefix = 'filters',
): SQL[] {
  const errors: FieldError[] = []
  const out: SQL[] = []
  filters.forEach((c, i) => {
    const f = fields.get(c.field)
    if (!f) {
      errors.push({
        field: `${prefix}.${i}.field`,
        code: 'unknown_field',
        message: `No field "${c.field}" here`,
      })
      return
    }
    if (!OPS_BY_TYPE[f.type].includes(c.op)) {
      const allowed = OPS_BY_TYPE[f.type].join(', ')
      errors.push({
        field: `${prefix}.${i}.op`,
        code: 'invalid_op',
        message: `"${c.op}" does not apply to ${c.field} (${f.type}); use one of ${allowed}`,
      })
      return
    }
    try {
      out.push(conditionFor(ctx, object, f, c.op, c.value))
    } catch (e) {
      if (!(e instanceof BadValue)) throw e
      errors.push({ field: `${prefix}.${i}.value`, code: 'invalid_value', message: e.message })
    }
  })
  if (errors.length) throw invalid(errors)
  return out
}

function conditionFor(ctx: Ctx, object: FieldObject, f: FieldDef, op: FilterOp, v: Value): SQL {
  if (f.contacts) return contactCondition(ctx, f, object, op, v)
  if (f.type === 'tags' || f.type === 'multiSelect') return setCondition(f, TABLES[object], op, v)
  return scalarCondition(ctx, f, f.expr!, op, v)
}
