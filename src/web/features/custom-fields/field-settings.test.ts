import { describe, expect, it } from 'vitest'
import { cleanLabels, moved } from './field-settings.ts'

describe('field settings helpers', () => {
  it('keeps only the written translations', () => {
    expect(cleanLabels({ en: ' Budget ', am: '', sw: ' Bajeti ' })).toEqual({ en: 'Budget', sw: 'Bajeti' })
  })

  it('moves an item one place', () => {
    expect(moved(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c'])
    expect(moved(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c'])
  })
})
