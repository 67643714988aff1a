import { describe, expect, it } from 'vitest'
import { bulkSelection, collectionOf, skippedOf } from './bulk-api.ts'

describe('bulkSelection', () => {
  const params = {
    q: ' amina ',
    filters: [{ field: 'owner', op: 'me' as const }],
    trashed: false,
    pipelineId: '0190a000-0000-7000-8000-000000000001',
  }

  it('sends ticked ids as they are', () => {
    expect(bulkSelection('person', { ids: ['a', 'b'] }, params)).toEqual({ ids: ['a', 'b'] })
  })

  it('sends "all" with the list parameters, trimmed, without empty ones', () => {
    expect(bulkSelection('person', { all: true }, params)).toEqual({
      all: true,
      q: 'amina',
      filters: [{ field: 'owner', op: 'me' }],
    })
    expect(bulkSelection('company', { all: true }, { filters: [], q: '  ', trashed: true })).toEqual({
      all: true,
      filters: [],
      trashed: true,
    })
  })

  it('keeps the pipeline for deals only', () => {
    expect(bulkSelection('deal', { all: true }, params)).toMatchObject({ pipelineId: params.pipelineId })
    expect(bulkSelection('company', { all: true }, params)).not.toHaveProperty('pipelineId')
    expect(bulkSelection('activity', { all: true }, params)).not.toHaveProperty('pipelineId')
  })

  it('sends an activity list as it shows: search, filters and trash', () => {
    const filters = [{ field: 'type', op: 'eq' as const, value: 'task' }]
    expect(bulkSelection('activity', { all: true }, { q: 'quote', filters, trashed: true })).toEqual({
      all: true,
      q: 'quote',
      filters,
      trashed: true,
    })
  })
})

describe('collectionOf', () => {
  it('maps objects to API collections', () => {
    expect(collectionOf('person')).toBe('people')
    expect(collectionOf('company')).toBe('companies')
    expect(collectionOf('deal')).toBe('deals')
    expect(collectionOf('activity')).toBe('activities')
  })
})

describe('skippedOf', () => {
  it('reads what a finished job skipped, 0 when it says nothing usable', () => {
    expect(skippedOf({ changed: 3, skipped: 2 })).toBe(2)
    expect(skippedOf({ changed: 3 })).toBe(0)
    expect(skippedOf({ skipped: '2' })).toBe(0)
    expect(skippedOf(null)).toBe(0)
    expect(skippedOf(undefined)).toBe(0)
  })
})
