// CSV writing, pure: RFC 4180 quoting plus formula-injection neutralization (OWASP "CSV
// Injection", ASVS 5.0 1.2.10). No I/O here, so every rule is unit-tested in csv.test.ts.

/** Excel only reads a CSV as UTF-8 when it starts with this byte-order mark (EF BB BF). */
export const BOM = '\uFEFF'

/** Line ending: CRLF always, as RFC 4180 says; every spreadsheet and parser accepts it. */
export const EOL = '\r\n'

// A spreadsheet treats a cell starting with one of these as a formula (or, for TAB and CR,
// strips the whitespace and then does). `=HYPERLINK(...)`, `+cmd|...`, `-2+3`, `@SUM(...)`.
const FORMULA_START = /^[=+\-@\t\r]/

/**
 * Prefixes a cell a spreadsheet would run as a formula with an apostrophe, which makes it
 * text. No exceptions, not even for E.164 phones ("+251911234567" → "'+251911234567"):
 * one rule with no carve-out cannot be slipped past by a value that merely looks like a
 * phone, phones in a list cell ("+2519…; +2547…") would need a second parser to vet, and
 * Excel would anyway turn an unprefixed "+251911234567" into the number 251911234567,
 * dropping the plus — the apostrophe keeps it as the text the CRM holds. Importers
 * (ours included) should strip a leading apostrophe before a formula character.
 */
export function neutralize(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value
}

/** RFC 4180: a field with a comma, quote, CR or LF is quoted, and its quotes doubled. */
export function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value
}

/** One cell as written: null and undefined are empty; everything is neutralized, then quoted. */
export function csvCell(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return ''
  return quote(neutralize(value))
}

/** One record: cells joined by commas, ended by CRLF. */
export function csvLine(cells: readonly (string | null | undefined)[]): string {
  return cells.map(csvCell).join(',') + EOL
}
