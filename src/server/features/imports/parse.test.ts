import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { searchText } from '../contacts/contacts.rules.ts'
import { CsvError, detectDelimiter, parseCsv } from './csv-reader.ts'
import { detectSource, type ImportObject, suggestMapping } from './detect.ts'
import { personSearchText } from './people-batch.ts'
import { analyseFile, dataRows } from './read-file.ts'
import { compileMapping, type Draft, type FailedRow, prepareRow } from './rows.ts'

// The readers, detection, auto-mapping and row validation on the fixture files, with no
// database: each file is fed in small pieces so every chunk boundary case is crossed.

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures')

const chunked = (bytes: Uint8Array, size: number) => () =>
  (async function* () {
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size)
  })()

async function read(name: string, object: ImportObject = 'person', country = 'ET', size = 7) {
  const bytes = readFileSync(path.join(dir, name))
  const analysis = await analyseFile(chunked(bytes, size))
  const source = analysis.format === 'vcard' ? 'vcard' : detectSource(analysis.columns)
  const mapping = suggestMapping(object, analysis.columns, source, [])
  const compiled = compileMapping({
    object,
    columns: analysis.columns,
    mapping,
    country,
    members: [],
    customFields: [],
  })
  const rows: (Draft | FailedRow)[] = []
  const cells: string[][] = []
  for await (const batch of dataRows(chunked(bytes, size)(), analysis)) {
    for (const row of batch) {
      cells.push([...row])
      rows.push(prepareRow(compiled, cells.length, row))
    }
  }
  const mapped = Object.fromEntries(Object.entries(mapping).filter(([, t]) => t))
  return { analysis, source, mapped, rows, cells }
}

const person = (r: Draft | FailedRow) => {
  if (r.kind !== 'person') throw new Error(`row ${r.rowNo} is ${r.kind}: ${'error' in r ? r.error : ''}`)
  return r
}
const phones = (r: Draft | FailedRow) => person(r).phones.map((p) => p.e164)

describe('CSV files', () => {
  it('Google Contacts (current export): UTF-8, Ge’ez names, several phones and emails per cell', async () => {
    const { analysis, source, mapped, rows, cells } = await read('google.csv')
    expect(analysis).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: ',', rowCount: 5 })
    expect(source).toBe('google')
    expect(mapped).toEqual({
      'First Name': 'firstName',
      'Last Name': 'lastName',
      'Organization Name': 'company',
      'Organization Title': 'jobTitle',
      Labels: 'tags',
      'E-mail 1 - Value': 'email',
      'E-mail 2 - Value': 'email',
      'Phone 1 - Value': 'phone',
      'Phone 2 - Value': 'phone',
      'Address 1 - City': 'city',
    })
    expect(person(rows[0]!)).toMatchObject({
      firstName: 'አበበ',
      lastName: 'ቢቂላ',
      jobTitle: 'ሥራ አስኪያጅ',
      company: 'Addis Trading PLC',
      emails: ['abebe@addistrading.et'],
      tagNames: ['Suppliers'],
    })
    expect(phones(rows[0]!)).toEqual(['+251911234567', '+251115512345'])
    expect(phones(rows[1]!)).toEqual(['+254712345678', '+254733000111'])
    expect(person(rows[1]!).emails).toEqual(['wanjiku.kamau@example.co.ke', 'wanjiku@nyota.co.ke'])
    expect(rows[3]).toMatchObject({ kind: 'failed', error: 'Name is missing' })
    expect(rows[4]).toMatchObject({ kind: 'failed', error: 'Not a valid email address: not-an-email' })
    // The note with a line break inside quotes stayed one cell of row 1.
    expect(cells[0]![analysis.columns.indexOf('Notes')]).toBe(
      'Met at the Bole fair.\nPrefers calls after 10.',
    )
  })

  it('Google Contacts (legacy export): UTF-16LE with BOM', async () => {
    const { analysis, source, mapped, rows } = await read('google-legacy.csv')
    expect(analysis).toMatchObject({ encoding: 'utf-16le', delimiter: ',', rowCount: 3 })
    expect(source).toBe('google-legacy')
    expect(mapped).toMatchObject({
      Name: 'fullName',
      'Given Name': 'firstName',
      'Family Name': 'lastName',
      'Organization 1 - Name': 'company',
      'Organization 1 - Title': 'jobTitle',
      'Phone 1 - Value': 'phone',
      'E-mail 1 - Value': 'email',
    })
    expect(person(rows[0]!)).toMatchObject({ firstName: 'መሠረት', lastName: 'ደፋር', company: 'Ethio Athletics' })
    expect(phones(rows[1]!)).toEqual(['+251913456789', '+255754123456'])
    expect(person(rows[1]!).company).toBe('Kilimanjaro Tours, Ltd.')
    // No given or family name: the whole name is split at its first space.
    expect(person(rows[2]!)).toMatchObject({ firstName: 'Halima', lastName: 'Said' })
  })

  it('Outlook: Windows-1252, every field quoted, "Title" is not the job title', async () => {
    const { analysis, source, mapped, rows } = await read('outlook.csv', 'person', 'KE')
    expect(analysis).toMatchObject({ encoding: 'windows-1252', delimiter: ',', rowCount: 2 })
    expect(source).toBe('outlook')
    expect(mapped.Title).toBeUndefined()
    expect(mapped).toMatchObject({ 'Job Title': 'jobTitle', Company: 'company', 'Mobile Phone': 'phone' })
    expect(person(rows[0]!)).toMatchObject({
      firstName: 'José',
      lastName: 'Müller',
      jobTitle: 'Directeur Général',
      company: 'Café Nairobi Ltd',
    })
    expect(phones(rows[0]!)).toEqual(['+254201234567', '+254722111222'])
    expect(person(rows[1]!).emails).toEqual(['amina.hassan@example.co.tz', 'AMINA@zanzibar-spice.co.tz'])
  })

  it('HubSpot: UTF-8 with BOM, website as the company domain', async () => {
    const { analysis, source, mapped, rows } = await read('hubspot.csv', 'person', 'KE')
    expect(analysis).toMatchObject({ encoding: 'utf-8', rowCount: 2 })
    expect(analysis.columns[0]).toBe('Record ID')
    expect(source).toBe('hubspot')
    expect(mapped).toEqual({
      'First Name': 'firstName',
      'Last Name': 'lastName',
      Email: 'email',
      'Phone Number': 'phone',
      'Mobile Phone Number': 'phone',
      'Company Name': 'company',
      'Job Title': 'jobTitle',
      'Website URL': 'companyDomain',
    })
    expect(person(rows[0]!)).toMatchObject({ company: 'Mama Mboga Ltd', companyDomain: 'mamamboga.co.ke' })
    expect(phones(rows[0]!)).toEqual(['+254207654321', '+254711222333'])
  })

  it('Excel "Unicode text": UTF-16LE, tab separated, Swahili headers', async () => {
    const { analysis, source, mapped, rows } = await read('excel-unicode.txt', 'person', 'KE')
    expect(analysis).toMatchObject({ encoding: 'utf-16le', delimiter: '\t', rowCount: 2 })
    expect(source).toBeNull()
    expect(mapped).toEqual({
      Jina: 'fullName',
      Simu: 'phone',
      'Barua pepe': 'email',
      Kampuni: 'company',
      Cheo: 'jobTitle',
    })
    expect(person(rows[0]!)).toMatchObject({ firstName: 'Baraka', lastName: 'Otieno', jobTitle: 'Mmiliki' })
    expect(phones(rows[0]!)).toEqual(['+254712345678'])
    expect(phones(rows[1]!)).toEqual(['+255765432109'])
  })

  it('Amharic headers, semicolons, a quoted cell with a newline and a semicolon', async () => {
    const { analysis, mapped, rows, cells } = await read('amharic-semicolon.csv')
    expect(analysis).toMatchObject({ encoding: 'utf-8', delimiter: ';', rowCount: 2 })
    expect(mapped).toEqual({
      ስም: 'firstName',
      'የአባት ስም': 'lastName',
      ስልክ: 'phone',
      ኢሜል: 'email',
      ድርጅት: 'company',
      'የሥራ መደብ': 'jobTitle',
    })
    expect(person(rows[0]!)).toMatchObject({ firstName: 'ሰላም', lastName: 'ተስፋዬ', company: 'ቡና ቤት' })
    expect(cells[0]![6]).toBe('ሁለት መስመር\nያለው ማስታወሻ; ከሴሚኮሎን ጋር')
    expect(phones(rows[1]!)).toEqual(['+251922334455'])
  })

  it('UTF-16BE with BOM', async () => {
    const { analysis, rows } = await read('utf16be.csv')
    expect(analysis.encoding).toBe('utf-16be')
    expect(person(rows[0]!)).toMatchObject({ firstName: 'Fatuma', lastName: 'Ali' })
    expect(phones(rows[0]!)).toEqual(['+251915667788'])
  })

  it('companies: sizes from head counts, country names, domains from URLs', async () => {
    const { mapped, rows } = await read('companies.csv', 'company')
    expect(mapped).toEqual({
      'Company name': 'name',
      Website: 'domain',
      Industry: 'industry',
      Employees: 'size',
      City: 'city',
      Region: 'region',
      Country: 'country',
      Phone: 'phone',
      Email: 'email',
    })
    expect(rows[0]).toMatchObject({
      kind: 'company',
      domain: 'addistrading.et',
      size: '11-50',
      country: 'ET',
    })
    expect(rows[1]).toMatchObject({ kind: 'company', domain: 'nyota.co.ke', size: '1000+', country: 'KE' })
    expect(rows[2]).toMatchObject({ kind: 'failed', error: 'Name is missing' })
  })

  it('reads the same rows whatever the chunk size', async () => {
    for (const name of [
      'google.csv',
      'google-legacy.csv',
      'amharic-semicolon.csv',
      'iphone.vcf',
      'android.vcf',
    ]) {
      const whole = await read(name, 'person', 'ET', 1 << 20)
      for (const size of [1, 2, 3, 5, 64]) {
        const small = await read(name, 'person', 'ET', size)
        expect(small.rows, `${name} in ${size}-byte chunks`).toEqual(whole.rows)
      }
    }
  })
})

describe('vCard files', () => {
  it('Android: quoted-printable names with soft line breaks inside a character', async () => {
    const { analysis, source, rows, cells } = await read('android.vcf')
    expect(analysis).toMatchObject({ format: 'vcard', delimiter: null, rowCount: 3 })
    expect(source).toBe('vcard')
    expect(person(rows[0]!)).toMatchObject({
      firstName: 'አበበ',
      lastName: 'ቢቂላ',
      company: 'አዲስ ንግድ',
      jobTitle: 'Manager',
      emails: ['abebe@example.com'],
    })
    expect(cells[0]![0]).toBe('አበበ ቢቂላ')
    expect(phones(rows[0]!)).toEqual(['+251911234567', '+251115512345'])
    expect(person(rows[2]!)).toMatchObject({ firstName: 'ትግስት', lastName: 'ሃይሌ' })
    expect(cells[2]![0]).toBe('ትግስት ሃይሌ')
  })

  it('iPhone: grouped item1.TEL with labels, folded lines, escaped commas', async () => {
    const { analysis, rows } = await read('iphone.vcf', 'person', 'KE')
    expect(analysis.columns).toEqual([
      'fullName',
      'firstName',
      'lastName',
      'phone1',
      'phone2',
      'email1',
      'company',
      'jobTitle',
    ])
    expect(person(rows[0]!)).toMatchObject({
      firstName: 'Baraka',
      lastName: 'Otieno',
      company: 'Duka la Baraka na Wenzake Wauzaji wa Vifaa vya Ujenzi, Nairobi na Mombasa',
      emails: ['baraka@example.co.ke'],
    })
    expect(phones(rows[0]!)).toEqual(['+254712345678', '+254733000111'])
    expect(person(rows[1]!)).toMatchObject({ firstName: 'Neema', lastName: '' })
    expect(phones(rows[1]!)).toEqual(['+255765432109'])
  })

  it('Google Contacts vCard 3.0 and a vCard 4.0 tel: URI', async () => {
    const google = await read('google.vcf')
    expect(person(google.rows[0]!)).toMatchObject({
      firstName: 'ሰላም',
      lastName: 'ተስፋዬ',
      emails: ['selam@example.et', 'selam@bunabet.et'],
    })
    expect(phones(google.rows[0]!)).toEqual(['+251911223344', '+251116620000'])
    const v4 = await read('v4.vcf')
    expect(phones(v4.rows[0]!)).toEqual(['+254712000999'])
    expect(person(v4.rows[0]!).company).toBe('Pwani Fish Traders')
  })
})

describe('CSV reading details', () => {
  it('quotes, doubled quotes, CR, LF and CRLF, blank lines, no final line break', () => {
    expect(parseCsv('a,b\r\n"x, ""y""",2\r\r\n\nlast,"multi\r\nline"', ',')).toEqual([
      ['a', 'b'],
      ['x, "y"', '2'],
      ['last', 'multi\r\nline'],
    ])
    expect(parseCsv('a,b\rc,d\r', ',')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ])
    // A stray quote inside an unquoted cell is kept as typed.
    expect(parseCsv('5" pipe,x', ',')).toEqual([['5" pipe', 'x']])
  })

  it('a quote that never closes stops reading instead of filling memory', () => {
    expect(() => parseCsv(`a\n"${'x'.repeat(1024 * 1024 + 10)}`, ',')).toThrow(CsvError)
  })

  it('detects the delimiter, comma first on a tie', () => {
    expect(detectDelimiter('a;b;c\n1;2,5;3\n')).toBe(';')
    expect(detectDelimiter('a\tb\n1\t2\n')).toBe('\t')
    expect(detectDelimiter('name\nAbebe\n')).toBe(',')
    expect(detectDelimiter('"a,b";c\n"1,2";3\n')).toBe(';')
  })

  it('strips the apostrophe our export puts before formula characters', async () => {
    const bytes = new TextEncoder().encode("Name,Phone\nAbebe,'+251911234567\n")
    const analysis = await analyseFile(chunked(bytes, 1024))
    expect(analysis.sample[0]).toEqual(['Abebe', '+251911234567'])
  })

  it('reads a file as Windows-1252 when bytes that are not UTF-8 appear late', async () => {
    const head = `Name,City\n${'Abebe,Addis\n'.repeat(6000)}`
    const bytes = Buffer.concat([Buffer.from(head), Buffer.from([0x4a, 0x6f, 0x73, 0xe9, 0x2c, 0x58, 0x0a])])
    const analysis = await analyseFile(chunked(bytes, 64 * 1024))
    expect(analysis.encoding).toBe('windows-1252')
    expect(analysis.rowCount).toBe(6001)
  })
})

describe('rows', () => {
  it('writes search_text exactly as the people service does', async () => {
    const { rows } = await read('google.csv')
    for (const r of rows.filter((x) => x.kind === 'person')) {
      const d = person(r)
      const expected = searchText(
        [d.firstName, d.lastName],
        d.phones.map((p) => ({ e164: p.e164, label: null })),
        d.emails.map((email) => ({ email, label: null })),
      )
      expect(personSearchText(d)).toBe(expected)
    }
  })

  it('reports every problem of a row', () => {
    const columns = ['Name', 'Phone', 'Email', 'Owner']
    const compiled = compileMapping({
      object: 'person',
      columns,
      mapping: { Name: 'fullName', Phone: 'phone', Email: 'email', Owner: 'owner' },
      country: 'ET',
      members: [{ id: 'u1', name: 'Abebe Bikila', email: 'abebe@example.com' }],
      customFields: [],
    })
    expect(prepareRow(compiled, 1, ['', '12', 'x@', 'nobody'])).toMatchObject({
      kind: 'failed',
      error:
        'Not a valid phone number: 12; Not a valid email address: x@; No member of this workspace is called nobody; Name is missing',
    })
    expect(prepareRow(compiled, 2, ['Tigist', '', '', 'ABEBE@example.com'])).toMatchObject({
      kind: 'person',
      ownerId: 'u1',
    })
  })

  it('detects sources only from their own headers', () => {
    expect(detectSource(['First Name', 'Last Name', 'Email'])).toBeNull()
    expect(detectSource(['Name', 'Phone'])).toBeNull()
  })
})
