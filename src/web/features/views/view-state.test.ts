import { describe, expect, it } from 'vitest'
import { cleanState, isBlankState, sameState } from './view-state.ts'

describe('sameState', () => {
  it('ignores empty search, absent sort and filter key order', () => {
    expect(
      sameState(
        { filters: [{ op: 'eq', field: 'status', value: 'open' } as never], q: '  ', sort: undefined },
        { filters: [{ field: 'status', op: 'eq', value: 'open' }] },
      ),
    ).toBe(true)
    expect(sameState(undefined, { filters: [] })).toBe(true)
  })

  it('sees changed filters, search, sort and columns', () => {
    const base = {
      filters: [{ field: 'owner', op: 'me' as const }],
      sort: 'name',
      q: 'abebe',
      columns: ['name'],
    }
    expect(sameState(base, { ...base })).toBe(true)
    expect(sameState(base, { ...base, filters: [] })).toBe(false)
    expect(sameState(base, { ...base, q: 'kamau' })).toBe(false)
    expect(sameState(base, { ...base, sort: '-name' })).toBe(false)
    expect(sameState(base, { ...base, columns: ['name', 'email'] })).toBe(false)
    expect(sameState(base, { ...base, columns: undefined })).toBe(false)
  })
})

describe('cleanState', () => {
  it('drops what a view does not need to keep', () => {
    expect(
      cleanState({ filters: [{ field: 'tags', op: 'empty', value: undefined }], q: ' ', sort: '' }),
    ).toEqual({
      filters: [{ field: 'tags', op: 'empty' }],
    })
  })
})

describe('isBlankState', () => {
  it('is blank without filters, search or sort, whatever the columns', () => {
    expect(isBlankState({ filters: [], columns: ['name'] })).toBe(true)
    expect(isBlankState({ filters: [], q: 'x' })).toBe(false)
    expect(isBlankState({ filters: [], sort: 'name' })).toBe(false)
    expect(isBlankState({ filters: [{ field: 'owner', op: 'me' }] })).toBe(false)
  })
})
