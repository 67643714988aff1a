import { describe, expect, it } from 'vitest'
import { columnWidths, minWidth } from './column-widths.ts'
import type { Field } from './fields-api.ts'

const f = (key: string, type: Field['type']): Field => ({ key, type, builtIn: true, sortable: true })
const people = [
  f('name', 'text'),
  f('jobTitle', 'text'),
  f('company', 'ref'),
  f('phone', 'phone'),
  f('email', 'email'),
  f('owner', 'user'),
]
const px = (s: string) => Number.parseFloat(s)

describe('column widths', () => {
  it('fits the default people columns in the 976 px a 1280 px screen leaves beside the sidebar', () => {
    const w = columnWidths(people, 'name', true, undefined)
    expect(px(w.table)).toBeLessThanOrEqual(976)
  })

  it('gives the space left over to text, most of it to the name, and fills the box exactly', () => {
    const w = columnWidths(people, 'name', true, 1400)
    const cols = w.columns.map(px)
    expect(cols[3]).toBe(minWidth(people[3] as Field, false) * 16) // the phone keeps its width
    expect(cols[0]).toBeGreaterThan(cols[1] as number)
    expect(40 + cols.reduce((a, b) => a + b, 0)).toBeGreaterThan(1400 - people.length)
    expect(40 + cols.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1400)
  })

  it('keeps the minimums (and scrolls) when more columns are chosen than fit', () => {
    const many = [...people, f('tags', 'tags'), f('createdAt', 'datetime'), f('updatedAt', 'datetime')]
    const w = columnWidths(many, 'name', true, 900)
    expect(px(w.table)).toBeGreaterThan(900)
    expect(w.columns.map(px)).toEqual(many.map((c) => minWidth(c, c.key === 'name') * 16))
  })

  it('is wide enough for large amounts of money', () => {
    expect(minWidth(f('amount', 'currency'), false)).toBeGreaterThanOrEqual(10.5)
  })
})
