import { describe, expect, it } from 'vitest'
import { BOM, csvCell, csvLine, neutralize, quote } from './csv.ts'

describe('csv', () => {
  it('neutralizes every cell a spreadsheet would run as a formula', () => {
    expect(neutralize('=HYPERLINK("http://evil")')).toBe('\'=HYPERLINK("http://evil")')
    expect(neutralize('+1-2')).toBe("'+1-2")
    expect(neutralize('-2+3')).toBe("'-2+3")
    expect(neutralize('@SUM(A1:A2)')).toBe("'@SUM(A1:A2)")
    expect(neutralize('\t=1+1')).toBe("'\t=1+1")
    expect(neutralize('\r=1+1')).toBe("'\r=1+1")
    // E.164 phones too: one rule, no carve-outs (see neutralize()).
    expect(neutralize('+251911234567')).toBe("'+251911234567")
  })

  it('leaves ordinary text alone, formula characters inside it included', () => {
    for (const v of [
      'አበበ ቢቂላ',
      'a=b',
      '1+1',
      'x@example.com',
      ' =1',
      "'=1",
      '2026-11-26T08:00:00.000Z',
      '0',
    ]) {
      expect(neutralize(v)).toBe(v)
    }
  })

  it('quotes per RFC 4180: only when needed, quotes doubled', () => {
    expect(quote('plain')).toBe('plain')
    expect(quote('a,b')).toBe('"a,b"')
    expect(quote('say "hi"')).toBe('"say ""hi"""')
    expect(quote('line\nbreak')).toBe('"line\nbreak"')
    expect(quote('cr\rhere')).toBe('"cr\rhere"')
    expect(quote('')).toBe('')
  })

  it('neutralizes before quoting, so the apostrophe lands inside the quotes', () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"')
    expect(csvCell('=1,2')).toBe('"\'=1,2"')
    expect(csvCell('\r\n=cmd')).toBe('"\'\r\n=cmd"')
    expect(csvCell(null)).toBe('')
    expect(csvCell(undefined)).toBe('')
    expect(csvCell('')).toBe('')
  })

  it('writes a record as cells joined by commas and ended by CRLF', () => {
    expect(csvLine(['a', null, 'b,c', 'አበበ'])).toBe('a,,"b,c",አበበ\r\n')
    expect(csvLine([])).toBe('\r\n')
  })

  it('has a UTF-8 byte-order mark of EF BB BF', () => {
    expect([...Buffer.from(BOM, 'utf8')]).toEqual([0xef, 0xbb, 0xbf])
  })
})
