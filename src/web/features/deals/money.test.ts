import { describe, expect, it } from 'vitest'
import { boardAfterMove } from './deals-api.ts'
import { fromMinor, toMinor } from './money.ts'

describe('money', () => {
  it('reads amounts as people type them into minor units', () => {
    expect(toMinor('15,000.50', 'ETB')).toBe(1500050)
    expect(toMinor('1 500', 'KES')).toBe(150000)
    expect(toMinor('250000', 'UGX')).toBe(250000)
    expect(toMinor('', 'USD')).toBe(0)
  })
  it('refuses what is not an amount', () => {
    expect(toMinor('-5', 'ETB')).toBeNull()
    expect(toMinor('12.345', 'USD')).toBeNull()
    expect(toMinor('1.5', 'UGX')).toBeNull()
    expect(toMinor('abc', 'ETB')).toBeNull()
  })
  it('writes minor units back for editing', () => {
    expect(fromMinor(1500050, 'ETB')).toBe('15000.50')
    expect(fromMinor(250000, 'UGX')).toBe('250000')
  })
})

const stage = (id: string, kind: 'open' | 'won' | 'lost', deals: ReturnType<typeof deal>[]) => ({
  id,
  name: id,
  position: 0,
  probability: 50,
  kind,
  deals,
  count: deals.length,
  totals: deals.length
    ? [{ currency: 'ETB', amountMinor: deals.reduce((n, d) => n + d.amountMinor, 0), count: deals.length }]
    : [],
})
const deal = (id: string, stageId: string, amountMinor: number) =>
  ({
    id,
    title: id,
    amountMinor,
    currency: 'ETB',
    stage: { id: stageId, name: stageId, kind: 'open', probability: 50 },
  }) as never as {
    id: string
    amountMinor: number
    stage: { id: string }
  }

describe('boardAfterMove', () => {
  const board = () =>
    ({
      pipeline: {},
      stages: [
        stage('a', 'open', [deal('d1', 'a', 100), deal('d2', 'a', 200)]),
        stage('b', 'open', [deal('d3', 'b', 50)]),
        stage('w', 'won', []),
      ],
    }) as never as Parameters<typeof boardAfterMove>[0]

  it('moves a card before a neighbour and moves its amount between column totals', () => {
    const next = boardAfterMove(board(), 'd1', { stageId: 'b', beforeId: 'd3' })
    expect(next.stages[0]?.deals.map((d) => d.id)).toEqual(['d2'])
    expect(next.stages[1]?.deals.map((d) => d.id)).toEqual(['d1', 'd3'])
    expect(next.stages[0]?.totals).toEqual([{ currency: 'ETB', amountMinor: 200, count: 1 }])
    expect(next.stages[1]?.totals).toEqual([{ currency: 'ETB', amountMinor: 150, count: 2 }])
  })
  it('reorders within a column', () => {
    const next = boardAfterMove(board(), 'd1', { stageId: 'a', afterId: 'd2' })
    expect(next.stages[0]?.deals.map((d) => d.id)).toEqual(['d2', 'd1'])
    expect(next.stages[0]?.count).toBe(2)
  })
  it('takes a won deal off the board', () => {
    const next = boardAfterMove(board(), 'd3', { stageId: 'w' })
    expect(next.stages.flatMap((s) => s.deals).map((d) => d.id)).toEqual(['d1', 'd2'])
    expect(next.stages[1]?.totals).toEqual([])
  })
})
