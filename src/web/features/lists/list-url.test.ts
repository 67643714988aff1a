import { defaultParseSearch, defaultStringifySearch } from '@tanstack/react-router'
import { describe, expect, it } from 'vitest'
import { FILTER_OPS, filterCondition } from '../../../server/features/filters/filter.schema.ts'
import type { ListState } from './list-state.ts'
import {
  apiParams,
  FILTER_OPS_WEB,
  parseCondition,
  parseListSearch,
  sameState,
  searchToState,
  stateToSearch,
} from './list-url.ts'

// A list's state survives the URL: what the page writes, the router serialises, and the
// route's validateSearch reads back is the same state; hand-edited junk is dropped.
const state: ListState = {
  q: 'amina 0911',
  sort: '-custom.budget',
  filters: [
    { field: 'owner', op: 'me' },
    { field: 'tags', op: 'in', value: ['5f0c', 'a1b2'] },
    { field: 'createdAt', op: 'between', value: ['2026-01-01', null] },
    { field: 'custom.vip', op: 'eq', value: true },
    { field: 'amount', op: 'gte', value: 150000 },
  ],
  columns: ['name', 'company', 'custom.budget', 'tags'],
}

/** Through the router's own URL encoding and back, as a reload would. */
function viaUrl(search: Record<string, unknown>) {
  const url = defaultStringifySearch(search)
  return parseListSearch(defaultParseSearch(url))
}

describe('list state in the URL', () => {
  it('round-trips every part of the state, with the view and the trash', () => {
    const search = {
      ...stateToSearch(state),
      view: '0190f5c2-aaaa-7bbb-8ccc-1234567890ab',
      trashed: true as const,
    }
    const back = viaUrl(search)
    expect(back).toEqual(search)
    expect(searchToState(back)).toEqual(state)
  })

  it('keeps a search that looks like a number as text', () => {
    expect(viaUrl({ q: '123' }).q).toBe('123')
    expect(parseListSearch({ q: 911 }).q).toBe('911')
  })

  it('writes columns as a comma list and filters as JSON', () => {
    const url = defaultStringifySearch(stateToSearch(state))
    const raw = new URLSearchParams(url.slice(1))
    expect(raw.get('columns')).toBe('name,company,custom.budget,tags')
    expect(JSON.parse(raw.get('filters') ?? '')).toEqual(state.filters)
  })

  it('leaves empty parts out of the URL', () => {
    expect(stateToSearch({ filters: [], q: '', columns: [] })).toEqual({
      q: undefined,
      sort: undefined,
      filters: undefined,
      columns: undefined,
    })
    expect(defaultStringifySearch(stateToSearch({ filters: [] }))).toBe('')
  })

  it('drops malformed parts of a hand-edited URL instead of failing', () => {
    const parsed = parseListSearch({
      q: { nested: true },
      sort: 'name; drop table',
      filters: [
        { field: 'owner', op: 'me' },
        { field: 'name', op: 'like', value: 'x' },
        { field: '', op: 'eq', value: 'x' },
        { field: 'name', op: 'eq', value: { a: 1 } },
        { field: 'name', op: 'eq', value: 'x', extra: 1 },
        'nonsense',
      ],
      columns: 'name,,bad key,phone,name',
      view: '../../etc',
      trashed: 'yes',
    })
    expect(parsed).toEqual({
      q: undefined,
      sort: undefined,
      filters: [{ field: 'owner', op: 'me' }],
      columns: 'name,phone',
      view: undefined,
      trashed: undefined,
    })
  })

  it('reads filters given as JSON text, and ignores broken JSON', () => {
    expect(parseListSearch({ filters: '[{"field":"done","op":"eq","value":false}]' }).filters).toEqual([
      { field: 'done', op: 'eq', value: false },
    ])
    expect(parseListSearch({ filters: '[{"field":' }).filters).toBeUndefined()
    expect(parseListSearch({ filters: 42 }).filters).toBeUndefined()
  })

  it('keeps at most 20 conditions, as the API allows', () => {
    const many = Array.from({ length: 25 }, (_, i) => ({ field: 'name', op: 'contains', value: `n${i}` }))
    expect(parseListSearch({ filters: many }).filters).toHaveLength(20)
  })

  it('accepts exactly what the server schema accepts for one condition', () => {
    expect([...FILTER_OPS_WEB].sort()).toEqual([...FILTER_OPS].sort())
    const samples: unknown[] = [
      { field: 'name', op: 'contains', value: 'x' },
      { field: 'amount', op: 'between', value: [100, null] },
      { field: 'owner', op: 'in', value: ['u1', 'u2'] },
      { field: 'done', op: 'eq', value: true },
      { field: 'owner', op: 'me' },
      { field: 'name', op: 'eq', value: 'x'.repeat(501) },
      { field: 'x'.repeat(81), op: 'eq', value: 'x' },
      { field: 'amount', op: 'eq', value: Number.POSITIVE_INFINITY },
      { field: 'tags', op: 'in', value: Array.from({ length: 201 }, () => 'a') },
      { field: 'tags', op: 'in', value: [['nested']] },
      { field: 'name', op: 'eq', value: 'x', more: true },
      null,
      [],
    ]
    for (const sample of samples) {
      expect(parseCondition(sample) !== null, JSON.stringify(sample)?.slice(0, 80)).toBe(
        filterCondition.safeParse(sample).success,
      )
    }
  })
})

describe('apiParams', () => {
  it('sends filters as JSON and leaves out what is empty', () => {
    expect(apiParams({ filters: [] })).toEqual({
      q: undefined,
      sort: undefined,
      filters: undefined,
      trashed: undefined,
    })
    expect(apiParams({ q: 'x', sort: 'name', filters: [{ field: 'owner', op: 'me' }] }, true)).toEqual({
      q: 'x',
      sort: 'name',
      filters: '[{"field":"owner","op":"me"}]',
      trashed: true,
    })
  })
})

describe('sameState', () => {
  it('treats absent and empty alike', () => {
    expect(sameState({ filters: [], q: '' }, { filters: [] })).toBe(true)
    expect(sameState({ filters: [], columns: ['name'] }, { filters: [] })).toBe(false)
  })
})
