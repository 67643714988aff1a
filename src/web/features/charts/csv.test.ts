import { describe, expect, it } from 'vitest'
import { csvCell, csvFileName, toCsv } from './csv.ts'

describe('chart CSV', () => {
  it('neutralises text a spreadsheet would run as a formula', () => {
    expect(csvCell('=SUM(A1:A2)')).toBe("'=SUM(A1:A2)")
    expect(csvCell('+251911')).toBe("'+251911")
    expect(csvCell('-5')).toBe("'-5")
    expect(csvCell('@cmd')).toBe("'@cmd")
    expect(csvCell('\tx')).toBe("'\tx")
    expect(csvCell('\rx')).toBe('"\'\rx"')
    expect(csvCell('ሽያጭ')).toBe('ሽያጭ')
  })

  it('leaves numbers as numbers, negative ones included', () => {
    expect(csvCell(-12.5)).toBe('-12.5')
    expect(csvCell(0)).toBe('0')
    expect(csvCell(null)).toBe('')
    expect(csvCell(Number.NaN)).toBe('')
  })

  it('quotes commas, quotes, line breaks and edge spaces', () => {
    expect(csvCell('Nairobi, Kenya')).toBe('"Nairobi, Kenya"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('a\nb')).toBe('"a\nb"')
    expect(csvCell(' x')).toBe('" x"')
  })

  it('writes a UTF-8 BOM and CRLF rows', () => {
    expect(
      toCsv([
        ['Stage', 'Value (ETB)'],
        ['=Won', 1500.5],
      ]),
    ).toBe("\uFEFFStage,Value (ETB)\r\n'=Won,1500.5\r\n")
  })

  it('names the file after the title in any script', () => {
    expect(csvFileName('Won value by month')).toBe('Won-value-by-month.csv')
    expect(csvFileName('የሽያጭ ደረጃ / 2018')).toBe('የሽያጭ-ደረጃ-2018.csv')
    expect(csvFileName('///')).toBe('chart.csv')
  })
})
