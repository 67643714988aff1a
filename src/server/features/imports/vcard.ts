// vCard 2.1, 3.0 and 4.0 as phones and address books export them, read incrementally:
// - Android: vCard 2.1 with `N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E1=8A=A0…`, long
//   values broken with quoted-printable soft line breaks (a line ending in `=`);
// - iPhone: vCard 3.0, `item1.TEL;type=CELL:…` grouped with `item1.X-ABLabel:…`, long
//   lines folded (the next line starts with a space);
// - Google Contacts: vCard 3.0, `TEL;TYPE=CELL:…`, `EMAIL;TYPE=INTERNET;TYPE=HOME:…`;
// - vCard 4.0: `TEL;VALUE=uri;TYPE="cell,voice":tel:+254…`.
// Each card becomes a row with fixed columns, so vCards go through the same mapping,
// validation and writing as CSV rows.

export type Card = {
  fullName: string
  firstName: string
  lastName: string
  phones: string[]
  emails: string[]
  company: string
  jobTitle: string
}

/** Most phones and emails a card contributes: the API's own limit per record. */
export const MAX_PER_CARD = 10

type Property = { name: string; params: Map<string, string[]>; value: string }

export class VcardReader {
  private carry = ''
  private lines: string[] = []
  private card: Card | null = null

  /** Feeds the next piece of text; appends the cards it completes to `out`. */
  push(text: string, out: Card[]): void {
    const all = this.carry + text
    // A CR at the very end may be the first half of a CRLF: wait for the next piece.
    const end = all.endsWith('\r') ? all.length - 1 : all.length
    const lastBreak = Math.max(all.lastIndexOf('\n', end - 1), all.lastIndexOf('\r', end - 1))
    if (lastBreak < 0) {
      this.carry = all
      return
    }
    this.carry = all.slice(lastBreak + 1)
    this.feedLines(all.slice(0, lastBreak + 1).split(/\r\n|\r|\n/), out)
  }

  end(out: Card[]): void {
    this.feedLines([this.carry], out)
    this.carry = ''
    this.flushLogical(out)
  }

  // Physical lines → logical lines: a line starting with a space or tab continues the
  // previous one (folding), and so does any line after a quoted-printable line ending in
  // `=` (soft line break).
  private feedLines(physical: string[], out: Card[]) {
    for (const line of physical) {
      if (line === '') continue
      const previous = this.lines[this.lines.length - 1]
      if (previous !== undefined && (line.startsWith(' ') || line.startsWith('\t'))) {
        this.lines[this.lines.length - 1] = previous + line.slice(1)
      } else if (previous !== undefined && isQuotedPrintable(previous) && previous.endsWith('=')) {
        this.lines[this.lines.length - 1] = previous.slice(0, -1) + line
      } else {
        this.flushLogical(out)
        this.lines.push(line)
      }
    }
  }

  // Every logical line but the one still growing is complete: handle them.
  private flushLogical(out: Card[]) {
    for (const line of this.lines) this.handle(line, out)
    this.lines = []
  }

  private handle(line: string, out: Card[]) {
    const prop = parseProperty(line)
    if (!prop) return
    if (prop.name === 'BEGIN' && prop.value.toUpperCase() === 'VCARD') {
      this.card = {
        fullName: '',
        firstName: '',
        lastName: '',
        phones: [],
        emails: [],
        company: '',
        jobTitle: '',
      }
      return
    }
    const card = this.card
    if (!card) return
    if (prop.name === 'END') {
      out.push(card)
      this.card = null
      return
    }
    const value = decodeValue(prop)
    switch (prop.name) {
      case 'FN':
        card.fullName = unescapeText(value).trim()
        break
      case 'N': {
        const [family = '', given = '', additional = ''] = splitStructured(value)
        card.lastName = family.trim()
        card.firstName = [given, additional]
          .map((s) => s.trim())
          .filter(Boolean)
          .join(' ')
        break
      }
      case 'TEL': {
        const number = unescapeText(value).replace(/^tel:/i, '').trim()
        if (number && card.phones.length < MAX_PER_CARD) card.phones.push(number)
        break
      }
      case 'EMAIL': {
        const email = unescapeText(value)
          .replace(/^mailto:/i, '')
          .trim()
        if (email && card.emails.length < MAX_PER_CARD) card.emails.push(email)
        break
      }
      case 'ORG':
        card.company = (splitStructured(value)[0] ?? '').trim()
        break
      case 'TITLE':
        card.jobTitle = unescapeText(value).trim()
        break
    }
  }
}

const isQuotedPrintable = (line: string) =>
  /;(ENCODING=)?QUOTED-PRINTABLE[;:]/i.test(`${line.split(':', 1)[0]}:`)

/** `item1.TEL;type=CELL;type=pref:+254…` → name TEL, params, value. Null for a line without a colon. */
function parseProperty(line: string): Property | null {
  // The first colon outside a quoted parameter value ends the name and parameters.
  let inQuotes = false
  let colon = -1
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (c === '"') inQuotes = !inQuotes
    else if (c === ':' && !inQuotes) {
      colon = i
      break
    }
  }
  if (colon < 0) return null
  const [rawName = '', ...rawParams] = line.slice(0, colon).split(';')
  const name = rawName.slice(rawName.lastIndexOf('.') + 1).toUpperCase()
  const params = new Map<string, string[]>()
  for (const p of rawParams) {
    const eq = p.indexOf('=')
    // vCard 2.1 writes bare parameters: `TEL;CELL:` means TYPE=CELL.
    const key = eq < 0 ? 'TYPE' : p.slice(0, eq).toUpperCase()
    const raw = eq < 0 ? p : p.slice(eq + 1)
    const values = raw
      .replace(/^"|"$/g, '')
      .split(',')
      .map((v) => v.trim())
    if (key === 'TYPE' && eq < 0 && /^(QUOTED-PRINTABLE|BASE64|B|8BIT)$/i.test(raw)) {
      params.set('ENCODING', [raw])
    } else {
      params.set(key, [...(params.get(key) ?? []), ...values])
    }
  }
  return { name, params, value: line.slice(colon + 1) }
}

const encoder = new TextEncoder()

/** The value as text: quoted-printable decoded to bytes, then read in the card's charset. */
function decodeValue(prop: Property): string {
  const encoding = prop.params.get('ENCODING')?.[0]?.toUpperCase()
  if (encoding !== 'QUOTED-PRINTABLE') return prop.value
  const bytes: number[] = []
  const v = prop.value
  for (let i = 0; i < v.length; i++) {
    const c = v[i]!
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(v.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(v.slice(i + 1, i + 3), 16))
      i += 2
    } else {
      for (const b of encoder.encode(c)) bytes.push(b)
    }
  }
  const charset = prop.params.get('CHARSET')?.[0] ?? 'utf-8'
  try {
    return new TextDecoder(charset).decode(new Uint8Array(bytes))
  } catch {
    return new TextDecoder('utf-8').decode(new Uint8Array(bytes))
  }
}

/** `Bikila;Abebe;;;` → components, with `\;` kept inside a component. */
function splitStructured(value: string): string[] {
  const parts: string[] = []
  let current = ''
  for (let i = 0; i < value.length; i++) {
    const c = value[i]
    if (c === '\\' && i + 1 < value.length) {
      current += value.slice(i, i + 2)
      i++
    } else if (c === ';') {
      parts.push(unescapeText(current))
      current = ''
    } else {
      current += c
    }
  }
  parts.push(unescapeText(current))
  return parts
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c))
}

/** The fixed columns of a vCard file, given the most phones and emails any card has. */
export function vcardColumns(phones: number, emails: number): string[] {
  return [
    'fullName',
    'firstName',
    'lastName',
    ...Array.from({ length: Math.max(phones, 1) }, (_, i) => `phone${i + 1}`),
    ...Array.from({ length: Math.max(emails, 1) }, (_, i) => `email${i + 1}`),
    'company',
    'jobTitle',
  ]
}

/** A card as a row of `columns` (made by vcardColumns). */
export function cardRow(card: Card, columns: readonly string[]): string[] {
  return columns.map((col) => {
    const m = /^(phone|email)(\d+)$/.exec(col)
    if (m) return (m[1] === 'phone' ? card.phones : card.emails)[Number(m[2]) - 1] ?? ''
    return card[col as 'fullName' | 'firstName' | 'lastName' | 'company' | 'jobTitle'] ?? ''
  })
}
