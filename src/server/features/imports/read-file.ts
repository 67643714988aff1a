import { CsvReader, detectDelimiter } from './csv-reader.ts'
import { decodeChunks, detectEncoding, type Encoding, EncodingError } from './decode.ts'
import { type Card, cardRow, VcardReader, vcardColumns } from './vcard.ts'

// A stored file → its data rows, streamed: bytes are decoded and parsed a chunk at a time
// and rows come out a chunk's worth at a time. Used twice with the same code: at upload
// (to detect the format and count the rows) and by the import job (to import them).

export type FileFormat = {
  format: 'csv' | 'vcard'
  encoding: Encoding
  delimiter: string | null
  /** The header row (CSV, made unique) or the fixed vCard columns. */
  columns: string[]
}

export type Analysis = FileFormat & { sample: string[][]; rowCount: number }

export type ChunkSource = () => AsyncIterable<Uint8Array>

export class UnreadableFileError extends Error {}

/** Rows of the sample shown on the mapping step. */
export const SAMPLE_ROWS = 5

// A spreadsheet cell exported as "'=1+2" or "'+2519…" (our own export neutralises formula
// starts that way, as OWASP advises) is read back without the apostrophe.
const FORMULA_QUOTED = /^'[=+\-@\t\r]/
export const cleanCell = (v: string) => (FORMULA_QUOTED.test(v) ? v.slice(1) : v)

/** Header cells as column names: trimmed, never empty, each once ("Phone", "Phone (2)"). */
export function uniqueColumns(header: string[]): string[] {
  const seen = new Map<string, number>()
  return header.map((raw, i) => {
    const base = raw.trim() || `Column ${i + 1}`
    const n = (seen.get(base) ?? 0) + 1
    seen.set(base, n)
    return n === 1 ? base : `${base} (${n})`
  })
}

async function* withHead(head: Uint8Array, rest: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield head
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value
}

const bomLength = (head: Uint8Array, encoding: Encoding) =>
  encoding === 'utf-8' && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf
    ? 3
    : encoding.startsWith('utf-16') &&
        ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))
      ? 2
      : 0

/** Text pieces of the file in `encoding`, without its byte-order mark. */
async function* textOf(chunks: AsyncIterable<Uint8Array>, encoding: Encoding): AsyncGenerator<string> {
  const it = chunks[Symbol.asyncIterator]()
  const first = await it.next()
  if (first.done) return
  yield* decodeChunks(withHead(first.value, it), encoding, bomLength(first.value, encoding))
}

/** Records of a CSV (the header first), or cards of a vCard file, a decoded piece at a time. */
async function* csvRecords(text: AsyncIterable<string>, delimiter: string): AsyncGenerator<string[][]> {
  const reader = new CsvReader(delimiter)
  for await (const piece of text) {
    const out: string[][] = []
    reader.push(piece, out)
    if (out.length) yield out
  }
  const out: string[][] = []
  reader.end(out)
  if (out.length) yield out
}

async function* vcards(text: AsyncIterable<string>): AsyncGenerator<Card[]> {
  const reader = new VcardReader()
  for await (const piece of text) {
    const out: Card[] = []
    reader.push(piece, out)
    if (out.length) yield out
  }
  const out: Card[] = []
  reader.end(out)
  if (out.length) yield out
}

const fitRow = (cells: string[], width: number) => {
  const row = cells.length === width ? cells : cells.slice(0, width)
  while (row.length < width) row.push('')
  for (let i = 0; i < width; i++) row[i] = cleanCell(row[i]!)
  return row
}

/** The data rows (after the header), each as wide as `format.columns`, in file order. */
export async function* dataRows(
  chunks: AsyncIterable<Uint8Array>,
  format: FileFormat,
): AsyncGenerator<string[][]> {
  const width = format.columns.length
  const text = textOf(chunks, format.encoding)
  if (format.format === 'vcard') {
    for await (const cards of vcards(text)) yield cards.map((c) => cardRow(c, format.columns))
    return
  }
  let header = true
  for await (const records of csvRecords(text, format.delimiter ?? ',')) {
    const rows = header ? records.slice(1) : records
    header = false
    if (rows.length) yield rows.map((r) => fitRow(r, width))
  }
}

/** Detects encoding, format and delimiter, reads the header, counts the rows, keeps a sample. */
export async function analyseFile(source: ChunkSource): Promise<Analysis> {
  const head = await readHead(source, SNIFF_BYTES)
  if (head.length === 0) throw new UnreadableFileError('The file is empty')
  const detected = detectEncoding(head)
  try {
    return await analyseAs(source, head, detected.encoding)
  } catch (err) {
    // Plain ASCII at the start, something else further on: Windows-1252 (Excel, Outlook).
    if (err instanceof EncodingError) return analyseAs(source, head, 'windows-1252')
    throw err
  }
}

const SNIFF_BYTES = 64 * 1024

/** The first `size` bytes of the file (fewer when it is shorter). */
async function readHead(source: ChunkSource, size: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = []
  let length = 0
  for await (const chunk of source()) {
    parts.push(chunk)
    length += chunk.length
    if (length >= size) break
  }
  return Buffer.concat(parts).subarray(0, size)
}

async function analyseAs(source: ChunkSource, head: Uint8Array, encoding: Encoding): Promise<Analysis> {
  const sniff = new TextDecoder(encoding).decode(head.subarray(bomLength(head, encoding)))
  if (/^\s*BEGIN:VCARD/i.test(sniff)) return analyseVcards(source, encoding)
  const delimiter = detectDelimiter(sniff)
  let columns: string[] | null = null
  const sample: string[][] = []
  let rowCount = 0
  for await (const records of csvRecords(textOf(source(), encoding), delimiter)) {
    let from = 0
    if (!columns) {
      columns = uniqueColumns(records[0]!)
      from = 1
    }
    for (let i = from; i < records.length && sample.length < SAMPLE_ROWS; i++) {
      sample.push(fitRow(records[i]!, columns.length))
    }
    rowCount += records.length - from
  }
  if (!columns) throw new UnreadableFileError('The file has no header row')
  return { format: 'csv', encoding, delimiter, columns, sample, rowCount }
}

async function analyseVcards(source: ChunkSource, encoding: Encoding): Promise<Analysis> {
  let phones = 0
  let emails = 0
  let rowCount = 0
  const first: Card[] = []
  for await (const cards of vcards(textOf(source(), encoding))) {
    for (const card of cards) {
      phones = Math.max(phones, card.phones.length)
      emails = Math.max(emails, card.emails.length)
      if (first.length < SAMPLE_ROWS) first.push(card)
    }
    rowCount += cards.length
  }
  if (!rowCount) throw new UnreadableFileError('The file has no contact cards')
  const columns = vcardColumns(phones, emails)
  return {
    format: 'vcard',
    encoding,
    delimiter: null,
    columns,
    sample: first.map((c) => cardRow(c, columns)),
    rowCount,
  }
}
