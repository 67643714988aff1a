import { describe, expect, it } from 'vitest'
import { bulkSelection, collectionOf } from './bulk-api.ts'

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
  })
})

describe('collectionOf', () => {
  it('maps objects to API collections', () => {
    expect(collectionOf('person')).toBe('people')
    expect(collectionOf('company')).toBe('companies')
    expect(collectionOf('deal')).toBe('deals')
  })
})
