import { describe, expect, it } from 'vitest'
import { kpiChange } from './kpi-change.ts'

describe('KPI change against the previous period', () => {
  it('percent up, down and the same', () => {
    expect(kpiChange({ unit: 'count', value: 12, previous: 8 })).toEqual({
      direction: 'up',
      amount: 50,
      unit: 'percent',
    })
    expect(kpiChange({ unit: 'money', value: 750, previous: 1000 })).toEqual({
      direction: 'down',
      amount: 25,
      unit: 'percent',
    })
    expect(kpiChange({ unit: 'days', value: 10, previous: 10 })).toEqual({
      direction: 'same',
      amount: 0,
      unit: 'percent',
    })
    expect(kpiChange({ unit: 'count', value: 1, previous: 3 })).toEqual({
      direction: 'down',
      amount: 66.7,
      unit: 'percent',
    })
  })

  it('a rate changes in points', () => {
    expect(kpiChange({ unit: 'ratio', value: 0.524, previous: 0.4 })).toEqual({
      direction: 'up',
      amount: 12.4,
      unit: 'points',
    })
  })

  it('says nothing when it cannot be compared', () => {
    expect(kpiChange({ unit: 'count', value: 5, previous: 0 })).toBeNull()
    expect(kpiChange({ unit: 'count', value: 0, previous: 0 })).toEqual({
      direction: 'same',
      amount: 0,
      unit: 'percent',
    })
    expect(kpiChange({ unit: 'money', value: 5, previous: null })).toBeNull()
    expect(kpiChange({ unit: 'money', value: null, previous: 5 })).toBeNull()
  })
})
