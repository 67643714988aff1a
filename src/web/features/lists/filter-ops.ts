import type { FieldType, FilterOp } from '../../../server/features/filters/filter.schema.ts'
import type { FilterCondition } from './list-state.ts'

// Which operators each field type accepts (the same table as filter.schema.ts on the
// server) and what a condition's value must look like. No React, no Lingui: unit-tested.
const TEXT: FilterOp[] = ['contains', 'notContains', 'eq', 'neq', 'empty', 'notEmpty']
const RANGE: FilterOp[] = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between', 'empty', 'notEmpty']
const CHOICE: FilterOp[] = ['eq', 'neq', 'in', 'notIn', 'empty', 'notEmpty']
const MANY: FilterOp[] = ['in', 'all', 'notIn', 'empty', 'notEmpty']

export function opsFor(type: FieldType, ref?: string): FilterOp[] {
  switch (type) {
    case 'text':
    case 'longText':
    case 'phone':
    case 'email':
    case 'url':
      return TEXT
    case 'number':
    case 'currency':
    case 'date':
    case 'datetime':
      return RANGE
    case 'boolean':
      return ['eq', 'empty', 'notEmpty']
    case 'select':
      return CHOICE
    case 'ref':
      // Deals cannot be searched by the record picker (it sorts by name), so a deal link
      // can only be tested for being set or not.
      return ref === 'deal' ? ['notEmpty', 'empty'] : CHOICE
    case 'user':
      return ['me', ...CHOICE]
    case 'multiSelect':
    case 'tags':
      return MANY
  }
}

export const noValue = (op: FilterOp) => op === 'empty' || op === 'notEmpty' || op === 'me'
export const listValue = (op: FilterOp) => op === 'in' || op === 'notIn' || op === 'all'

/** The value a condition starts with when its operator changes. */
export function emptyValue(op: FilterOp): FilterCondition['value'] {
  if (noValue(op)) return undefined
  if (op === 'between') return [null, null]
  if (listValue(op)) return []
  return ''
}

/** Keeps the value when it still fits the new operator, else starts afresh. */
export function valueForOp(op: FilterOp, value: FilterCondition['value']): FilterCondition['value'] {
  if (noValue(op)) return undefined
  if (op === 'between') return Array.isArray(value) && value.length === 2 ? value : [null, null]
  if (listValue(op)) {
    if (Array.isArray(value)) return value.filter((v) => v !== null && v !== '')
    return value === undefined || value === '' ? [] : [value]
  }
  if (Array.isArray(value)) return value[0] ?? ''
  return value ?? ''
}

/** Can the condition be sent? (An operator needing a value has one.) */
export function isComplete(c: FilterCondition): boolean {
  if (noValue(c.op)) return true
  const v = c.value
  if (c.op === 'between') return Array.isArray(v) && v.some((x) => x !== null && x !== '')
  if (listValue(c.op)) return Array.isArray(v) && v.length > 0
  return v !== undefined && v !== '' && !Array.isArray(v)
}

/** A condition as the API wants it: no value for value-less operators, blanks of a range as null. */
export function cleanCondition(c: FilterCondition): FilterCondition {
  if (noValue(c.op)) return { field: c.field, op: c.op }
  if (c.op === 'between' && Array.isArray(c.value)) {
    return { field: c.field, op: c.op, value: c.value.map((x) => (x === '' ? null : x)) }
  }
  return { field: c.field, op: c.op, value: c.value }
}

/** The list's default sort (for the header arrows): most recently changed first. */
export function parseSort(sort: string | undefined, fallback: string): { key: string; desc: boolean } {
  const s = sort || fallback
  return s.startsWith('-') ? { key: s.slice(1), desc: true } : { key: s, desc: false }
}

/** Clicking a column header: first ascending, again descending, again ascending. */
export function nextSort(current: string | undefined, fallback: string, key: string): string {
  const { key: k, desc } = parseSort(current, fallback)
  if (k !== key) return key
  return desc ? key : `-${key}`
}
