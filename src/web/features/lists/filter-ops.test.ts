import { describe, expect, it } from 'vitest'
import { type FieldType, OPS_BY_TYPE } from '../../../server/features/filters/filter.schema.ts'
import { exportColumns } from './export-columns.ts'
import {
  cleanCondition,
  emptyValue,
  isComplete,
  nextSort,
  opsFor,
  parseSort,
  valueForOp,
} from './filter-ops.ts'

describe('operators per field type', () => {
  it('offers what the filter schema allows for each type', () => {
    expect(opsFor('text')).toEqual(['contains', 'notContains', 'eq', 'neq', 'empty', 'notEmpty'])
    expect(opsFor('date')).toContain('between')
    expect(opsFor('boolean')).toEqual(['eq', 'empty', 'notEmpty'])
    expect(opsFor('user')[0]).toBe('me')
    expect(opsFor('tags')).toEqual(['in', 'all', 'notIn', 'empty', 'notEmpty'])
    expect(opsFor('ref', 'company')).toContain('in')
    expect(opsFor('ref', 'deal')).toEqual(['notEmpty', 'empty'])
  })
})

describe('operators match the server', () => {
  it('offers, for every type, exactly what the API accepts (deal links: only set or not)', () => {
    for (const [type, ops] of Object.entries(OPS_BY_TYPE)) {
      expect([...opsFor(type as FieldType)].sort(), type).toEqual([...ops].sort())
    }
    for (const op of opsFor('ref', 'deal')) expect(OPS_BY_TYPE.ref).toContain(op)
  })
})

describe('condition values', () => {
  it('starts each operator with the right kind of value', () => {
    expect(emptyValue('me')).toBeUndefined()
    expect(emptyValue('between')).toEqual([null, null])
    expect(emptyValue('in')).toEqual([])
    expect(emptyValue('eq')).toBe('')
  })

  it('carries a value over when the operator changes, if it fits', () => {
    expect(valueForOp('in', 'u1')).toEqual(['u1'])
    expect(valueForOp('eq', ['u1', 'u2'])).toBe('u1')
    expect(valueForOp('between', 5)).toEqual([null, null])
    expect(valueForOp('empty', 'x')).toBeUndefined()
  })

  it('knows when a condition can be sent', () => {
    expect(isComplete({ field: 'owner', op: 'me' })).toBe(true)
    expect(isComplete({ field: 'name', op: 'contains', value: '' })).toBe(false)
    expect(isComplete({ field: 'done', op: 'eq', value: false })).toBe(true)
    expect(isComplete({ field: 'tags', op: 'in', value: [] })).toBe(false)
    expect(isComplete({ field: 'amount', op: 'between', value: [null, 100] })).toBe(true)
    expect(isComplete({ field: 'amount', op: 'between', value: [null, null] })).toBe(false)
  })

  it('cleans a condition for the API', () => {
    expect(cleanCondition({ field: 'owner', op: 'me', value: 'x' })).toEqual({ field: 'owner', op: 'me' })
    expect(cleanCondition({ field: 'createdAt', op: 'between', value: ['', '2026-02-01'] })).toEqual({
      field: 'createdAt',
      op: 'between',
      value: [null, '2026-02-01'],
    })
  })
})

describe('sorting by column header', () => {
  it('goes ascending, then descending, and starts over on another column', () => {
    expect(parseSort(undefined, '-updatedAt')).toEqual({ key: 'updatedAt', desc: true })
    expect(nextSort(undefined, '-updatedAt', 'name')).toBe('name')
    expect(nextSort('name', '-updatedAt', 'name')).toBe('-name')
    expect(nextSort('-name', '-updatedAt', 'name')).toBe('name')
    expect(nextSort(undefined, '-updatedAt', 'updatedAt')).toBe('updatedAt')
  })
})

describe('export columns', () => {
  it('maps visible field columns to export columns, in order', () => {
    expect(exportColumns('person', ['name', 'phone', 'email', 'tags', 'custom.budget', 'owner'])).toBe(
      'firstName,lastName,phones,emails,tags,custom.budget,owner',
    )
    expect(exportColumns('company', ['name', 'peopleCount', 'nope', 'city'])).toBe('name,peopleCount,city')
    expect(exportColumns('activity', ['title'])).toBeUndefined()
  })
})
