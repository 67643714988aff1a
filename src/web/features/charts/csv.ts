// CSV of a chart's table, built in the browser from the dataset already on screen.
// Text that a spreadsheet would run as a formula (= + - @, a tab or a carriage return
// first) is prefixed with an apostrophe; numbers we wrote ourselves are left as numbers.
// A UTF-8 byte order mark makes Excel read Ge'ez and Swahili text correctly.

export type CsvCell = string | number | null

const FORMULA_START = /^[=+\-@\t\r]/

/** One cell, neutralised and quoted when needed. */
export function csvCell(value: CsvCell): string {
  if (value === null) return ''
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  const text = FORMULA_START.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text
}

export function toCsv(rows: CsvCell[][]): string {
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`
}

/** A file name from a title: letters of any script kept, the rest dashes. */
export function csvFileName(title: string): string {
  const base = title
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
  return `${base || 'chart'}.csv`
}

export function downloadCsv(title: string, rows: CsvCell[][]) {
  const blob = new Blob([toCsv(rows)], { type: 'text/csv;charset=utf-8' })
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = csvFileName(title)
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
