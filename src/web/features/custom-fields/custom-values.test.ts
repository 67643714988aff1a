import { describe, expect, it } from 'vitest'
import { makeFormatters } from '../../lib/format.ts'
import type { CustomField } from './custom-fields-api.ts'
import {
  type CustomEdits,
  customBody,
  customError,
  fromDraft,
  pickLabel,
  safeHref,
  showValue,
  toDraft,
} from './custom-values.ts'

const field = (key: string, type: CustomField['type'], options: CustomField['options'] = []) => ({
  key,
  type,
  options,
})
const sizes = [
  { key: 'small', labels: { en: 'Small', sw: 'Ndogo' } },
  { key: 'large', labels: { en: 'Large', am: 'ትልቅ' } },
]

describe('pickLabel', () => {
  it('uses the UI language and falls back to English', () => {
    expect(pickLabel({ en: 'Budget', am: 'በጀት' }, 'am')).toEqual({ text: 'በጀት', lang: 'am' })
    expect(pickLabel({ en: 'Budget', am: ' ' }, 'am')).toEqual({ text: 'Budget', lang: 'en' })
    expect(pickLabel({ en: 'Budget' }, 'sw')).toEqual({ text: 'Budget', lang: 'en' })
  })
})

describe('drafts', () => {
  it('turns stored values into input values and back', () => {
    const budget = field('budget', 'currency')
    expect(toDraft(budget, { amount: 1500050, currency: 'ETB' }, 'KES')).toEqual({
      amount: '15000.50',
      currency: 'ETB',
    })
    expect(toDraft(budget, undefined, 'KES')).toEqual({ amount: '', currency: 'KES' })
    expect(fromDraft(budget, { amount: '15,000.50', currency: 'ETB' })).toEqual({
      amount: 1500050,
      currency: 'ETB',
    })
    expect(fromDraft(budget, { amount: '-20', currency: 'UGX' })).toEqual({ amount: -20, currency: 'UGX' })
    expect(fromDraft(field('n', 'number'), '1 234.5')).toBe(1234.5)
    expect(toDraft(field('vip', 'boolean'), false, 'ETB')).toBe('false')
    expect(fromDraft(field('vip', 'boolean'), 'false')).toBe(false)
    expect(fromDraft(field('vip', 'boolean'), '')).toBeNull()
    expect(fromDraft(field('note', 'text'), '  hi  ')).toBe('hi')
  })

  it('sends what it cannot read as typed, for the server to explain', () => {
    expect(fromDraft(field('n', 'number'), '12x')).toBe('12x')
    expect(fromDraft(field('b', 'currency'), { amount: '1.234', currency: 'USD' })).toEqual({
      amount: '1.234',
      currency: 'USD',
    })
  })

  it('keeps multi-select keys in option order, empty as null', () => {
    const f = field('size', 'multiSelect', sizes)
    expect(fromDraft(f, ['large', 'small'])).toEqual(['small', 'large'])
    expect(fromDraft(f, [])).toBeNull()
  })
})

describe('customBody', () => {
  const edits: CustomEdits = {
    budget: { field: field('budget', 'currency'), draft: { amount: '100', currency: 'KES' } },
    note: { field: field('note', 'text'), draft: '' },
    size: { field: field('size', 'multiSelect', sizes), draft: ['large', 'small'] },
  }

  it('on create sends only the filled fields', () => {
    expect(customBody(edits, undefined)).toEqual({
      custom: { budget: { amount: 10000, currency: 'KES' }, size: ['small', 'large'] },
    })
  })

  it('on edit sends only changed keys and null for a cleared one', () => {
    const saved = {
      id: 'p1',
      custom: { budget: { currency: 'KES', amount: 10000 }, note: 'old', size: ['small'] },
    }
    expect(customBody(edits, saved)).toEqual({ custom: { note: null, size: ['small', 'large'] } })
  })

  it('gives no custom key when nothing changed', () => {
    const saved = { id: 'p1', custom: { note: 'x' } }
    expect(customBody({}, saved)).toEqual({})
    const same: CustomEdits = { note: { field: field('note', 'text'), draft: 'x ' } }
    expect(customBody(same, saved)).toEqual({})
    expect(customBody({ note: { field: field('note', 'text'), draft: '' } }, { id: 'p2' })).toEqual({})
  })
})

describe('customError', () => {
  it('finds the error of the field or of one of its parts', () => {
    expect(customError({ 'custom.budget': 'invalid' }, 'budget')).toBe('invalid')
    expect(customError({ 'custom.budget.amount': 'too_big' }, 'budget')).toBe('too_big')
    expect(customError({ 'custom.budgets': 'x' }, 'budget')).toBeUndefined()
  })
})

describe('showValue', () => {
  const opts = {
    fmt: makeFormatters('en', { country: 'KE', calendar: 'gregorian', timeZone: 'Africa/Nairobi' }),
    locale: 'sw',
    yes: 'Yes',
    no: 'No',
  }

  it('formats by type', () => {
    expect(showValue(field('d', 'date'), '2026-03-01', opts)?.text).toBe('Mar 1, 2026')
    expect(showValue(field('n', 'number'), 1234.5, opts)?.text).toBe('1,234.5')
    expect(showValue(field('m', 'currency'), { amount: 150000, currency: 'KES' }, opts)?.text).toMatch(
      /^(KES|Ksh)\s?1,500\.00$/,
    )
    expect(showValue(field('b', 'boolean'), false, opts)?.text).toBe('No')
    expect(showValue(field('s', 'select', sizes), 'small', opts)?.text).toBe('Ndogo')
    expect(showValue(field('s', 'multiSelect', sizes), ['small', 'large', 'gone'], opts)?.text).toBe(
      'Ndogo, Large, gone',
    )
  })

  it('shows dates in the Ethiopian calendar when the workspace uses it', () => {
    const fmt = makeFormatters('am', { country: 'ET', calendar: 'ethiopic', timeZone: 'Africa/Addis_Ababa' })
    expect(showValue(field('d', 'date'), '2026-11-27', { ...opts, fmt })?.text).toBe('18 ኅዳር 2019')
  })

  it('links phones, emails and safe web addresses only', () => {
    expect(showValue(field('p', 'phone'), '+254712345678', opts)).toEqual({
      text: '+254 712 345678',
      href: 'tel:+254712345678',
      kind: 'phone',
    })
    expect(showValue(field('e', 'email'), 'a@b.co', opts)?.href).toBe('mailto:a@b.co')
    expect(showValue(field('u', 'url'), 'https://example.com/x', opts)).toEqual({
      text: 'example.com/x',
      href: 'https://example.com/x',
      kind: 'url',
    })
    expect(showValue(field('u', 'url'), 'javascript:alert(1)', opts)).toEqual({
      text: 'javascript:alert(1)',
      kind: 'text',
    })
  })

  it('is null for empty values', () => {
    expect(showValue(field('t', 'text'), '', opts)).toBeNull()
    expect(showValue(field('t', 'multiSelect'), [], opts)).toBeNull()
    expect(showValue(field('t', 'text'), undefined, opts)).toBeNull()
  })
})

describe('safeHref', () => {
  it('accepts http and https only', () => {
    expect(safeHref('http://a.co')).toBe('http://a.co/')
    expect(safeHref('data:text/html,x')).toBeNull()
    expect(safeHref('example.com')).toBeNull()
  })
})
