import { describe, expect, it } from 'vitest'
import { TAG_COLORS } from '../../../server/features/tags/tags.schema.ts'
import { TAG_CHIP_CLASS, tagChipClass } from './tag-colors.ts'
import { canCreateTag, matchingTags, type Tag } from './tags-api.ts'

const tag = (id: string, name: string): Tag => ({ id, name, color: 'slate', version: 1 })
const tags = [tag('1', 'VIP'), tag('2', 'Nairobi'), tag('3', 'ደንበኛ'), tag('4', 'Mteja mpya')]

describe('matchingTags', () => {
  it('finds tags containing the text in any case, leaving out chosen ones', () => {
    expect(matchingTags(tags, 'vi', []).map((t) => t.id)).toEqual(['1'])
    expect(matchingTags(tags, ' MTEJA ', []).map((t) => t.id)).toEqual(['4'])
    expect(matchingTags(tags, 'ደንበ', []).map((t) => t.id)).toEqual(['3'])
    expect(matchingTags(tags, '', ['1', '2']).map((t) => t.id)).toEqual(['3', '4'])
  })
})

describe('canCreateTag', () => {
  it('offers to create only a new, non-empty name of at most 50 characters', () => {
    expect(canCreateTag(tags, 'Mombasa')).toBe(true)
    expect(canCreateTag(tags, ' vip ')).toBe(false)
    expect(canCreateTag(tags, '   ')).toBe(false)
    expect(canCreateTag(tags, 'x'.repeat(51))).toBe(false)
  })
})

describe('tag colours', () => {
  it('has a chip style for every colour of the palette, and a fallback', () => {
    for (const c of TAG_COLORS) expect(TAG_CHIP_CLASS[c]).toMatch(/text-\w+-900/)
    expect(tagChipClass('ultraviolet')).toBe(TAG_CHIP_CLASS.slate)
  })
})
