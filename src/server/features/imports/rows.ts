import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max'
import * as z from 'zod'
import { COMPANY_SIZES } from '../companies/companies.schema.ts'
import type { CustomFieldRow } from '../custom-fields/custom-fields.queries.ts'
import { normaliseCustomValue } from '../custom-fields/custom-values.ts'
import type { PersonSource } from '../people/people.schema.ts'
import { customCell } from './custom-cells.ts'
import type { ImportObject, Mapping } from './detect.ts'
import { personSourceOf } from './person-source.ts'

// One row of the file → a record draft or the reasons it cannot be imported. Pure: the
// same rules as the people and companies APIs (names present, phones to E.164 with the
// workspace country, valid emails, lengths, custom values through custom-values.ts),
// applied to text cells. Nothing here touches the database.

export type Member = { id: string; name: string; email: string }

export type RowContext = {
  object: ImportObject
  columns: string[]
  mapping: Mapping
  country: string
  members: Member[]
  customFields: CustomFieldRow[]
}

export type PhoneDraft = { e164: string; national: string }
type Common = {
  rowNo: number
  phones: PhoneDraft[]
  emails: string[]
  /** Undefined: not in the file (creates get the importing user, updates keep theirs). */
  ownerId: string | undefined
  tagNames: string[]
  custom: Record<string, unknown>
}
export type PersonDraft = Common & {
  kind: 'person'
  firstName: string
  lastName: string
  jobTitle: string | null
  company: string | null
  companyDomain: string | null
  city: string | null
  /** A known source, else null: an unknown one does not fail the row. */
  source: PersonSource | null
}
export type CompanyDraft = Common & {
  kind: 'company'
  name: string
  domain: string | null
  industry: string | null
  size: string | null
  city: string | null
  region: string | null
  country: string | null
}
export type FailedRow = { kind: 'failed'; rowNo: number; cells: string[]; error: string }
export type Draft = PersonDraft | CompanyDraft

/** Column indexes per target, worked out once per import. */
export type Compiled = {
  single: Map<string, number>
  phones: number[]
  emails: number[]
  custom: { def: CustomFieldRow; index: number }[]
  owners: Map<string, string>
  country: string
  object: ImportObject
}

export function compileMapping(rc: RowContext): Compiled {
  const single = new Map<string, number>()
  const phones: number[] = []
  const emails: number[] = []
  const custom: Compiled['custom'] = []
  const defs = new Map(rc.customFields.map((d) => [d.key, d]))
  rc.columns.forEach((column, index) => {
    const target = rc.mapping[column]
    if (!target) return
    if (target === 'phone') phones.push(index)
    else if (target === 'email') emails.push(index)
    else if (target.startsWith('custom.')) {
      const def = defs.get(target.slice(7))
      if (def) custom.push({ def, index })
    } else single.set(target, index)
  })
  // Owners are named in files by email or by name, in any case.
  const owners = new Map<string, string>()
  for (const m of rc.members) {
    owners.set(m.name.trim().toLowerCase(), m.id)
    owners.set(m.email.toLowerCase(), m.id)
  }
  return { single, phones, emails, custom, owners, country: rc.country, object: rc.object }
}

const email = z.email()
// Several values in one cell: Google joins them with " ::: ", others with ; or ,.
const SPLIT = /\s*(?::::|;|,)\s*/

/** A phone as E.164 plus the national form search uses, from one parse (the hot path of an import). */
export function parsePhone(raw: string, country: string): PhoneDraft | null {
  const parsed = parsePhoneNumberFromString(raw, country as CountryCode)
  if (!parsed?.isValid()) return null
  return { e164: parsed.number, national: `0${parsed.nationalNumber}` }
}

/** "https://www.Example.co.ke/about" → "example.co.ke"; null when it is not a domain. */
export function normaliseDomain(raw: string): string | null {
  const host = raw
    .trim()
    .replace(/^https?:\/\//i, '')
    .replace(/^www\./i, '')
    .split(/[/?#]/)[0]!
    .toLowerCase()
  return host.length <= 253 && /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host) ? host : null
}

/** "25" → "11-50"; one of the size buckets as typed is kept. */
function companySize(raw: string): string | null {
  const v = raw.replace(/\s+/g, '')
  if ((COMPANY_SIZES as readonly string[]).includes(v)) return v
  const n = Number(v.replace(/,/g, ''))
  if (!Number.isFinite(n) || n < 1) return null
  return n <= 10 ? '1-10' : n <= 50 ? '11-50' : n <= 200 ? '51-200' : n <= 1000 ? '201-1000' : '1000+'
}

let countryNames: Map<string, string> | null = null
/** "KE", "Kenya", "ኬንያ" → "KE": two-letter codes and country names in English, Swahili, Amharic. */
export function countryCode(raw: string): string | null {
  const v = raw.trim()
  if (/^[A-Za-z]{2}$/.test(v)) return v.toUpperCase()
  if (!countryNames) {
    countryNames = new Map()
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
    for (const lang of ['en', 'sw', 'am']) {
      const names = new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' })
      for (const a of letters) {
        for (const b of letters) {
          const name = names.of(a + b)
          if (name) countryNames.set(name.toLowerCase(), a + b)
        }
      }
    }
  }
  return countryNames.get(v.toLowerCase()) ?? null
}

/** The draft for one row, or why it fails (every problem of the row, joined). */
export function prepareRow(c: Compiled, rowNo: number, cells: string[]): Draft | FailedRow {
  const errors: string[] = []
  const get = (target: string) => {
    const i = c.single.get(target)
    return i === undefined ? '' : cells[i]!.trim()
  }
  const text = (target: string, label: string, max: number) => {
    const v = get(target)
    if (v.length > max) errors.push(`${label} is longer than ${max} characters`)
    return v || null
  }

  const phones: PhoneDraft[] = []
  for (const i of c.phones) {
    const cell = cells[i]!
    if (!cell.trim()) continue
    for (const raw of cell.split(SPLIT)) {
      if (!raw) continue
      const phone = raw.length <= 40 ? parsePhone(raw, c.country) : null
      if (!phone) errors.push(`Not a valid phone number: ${raw}`)
      else if (!phones.some((p) => p.e164 === phone.e164)) phones.push(phone)
    }
  }
  const emails: string[] = []
  for (const i of c.emails) {
    const cell = cells[i]!
    if (!cell.trim()) continue
    for (const raw of cell.split(SPLIT)) {
      if (!raw) continue
      if (raw.length > 254 || !email.safeParse(raw).success) errors.push(`Not a valid email address: ${raw}`)
      else if (!emails.some((e) => e.toLowerCase() === raw.toLowerCase())) emails.push(raw)
    }
  }
  if (phones.length > 10) errors.push('More than 10 phone numbers')
  if (emails.length > 10) errors.push('More than 10 email addresses')

  let ownerId: string | undefined
  const owner = get('owner')
  if (owner) {
    ownerId = c.owners.get(owner.toLowerCase())
    if (!ownerId) errors.push(`No member of this workspace is called ${owner}`)
  }
  const tagNames: string[] = []
  for (const name of get('tags').split(SPLIT)) {
    // Google's groups come as tags too ("* myContacts ::: Friends"); its own start with "* ".
    if (!name || name.startsWith('* ')) continue
    if (name.length > 50) errors.push(`Tag ${name.slice(0, 20)}… is longer than 50 characters`)
    else if (!tagNames.some((t) => t.toLowerCase() === name.toLowerCase())) tagNames.push(name)
  }
  const custom: Record<string, unknown> = {}
  for (const { def, index } of c.custom) {
    const cell = cells[index]!.trim()
    if (!cell) continue
    const raw = customCell(def, cell)
    const result = raw.ok ? normaliseCustomValue(def, raw.value, c.country) : raw
    if ('value' in result) {
      if (result.value !== null) custom[def.key] = result.value
    } else {
      errors.push(`${def.labels.en}: ${result.message}`)
    }
  }
  // Cells are kept only for failed rows (errors.csv): the rest become garbage at once.
  const common = { rowNo, phones, emails, ownerId, tagNames, custom }

  if (c.object === 'company') {
    const name = text('name', 'Name', 200)
    if (!name) errors.push('Name is missing')
    const domainCell = get('domain')
    const domain = domainCell ? normaliseDomain(domainCell) : null
    if (domainCell && !domain) errors.push(`Not a valid website: ${domainCell}`)
    const sizeCell = get('size')
    const size = sizeCell ? companySize(sizeCell) : null
    if (sizeCell && !size)
      errors.push(`Not a company size: ${sizeCell} (use 1-10, 11-50, 51-200, 201-1000, 1000+)`)
    const countryCell = get('country')
    const country = countryCell ? countryCode(countryCell) : null
    if (countryCell && !country) errors.push(`Not a country: ${countryCell}`)
    const industry = text('industry', 'Industry', 100)
    const city = text('city', 'City', 100)
    const region = text('region', 'Region', 100)
    if (errors.length) return { kind: 'failed', rowNo, cells, error: errors.join('; ') }
    return { kind: 'company', ...common, name: name!, domain, industry, size, city, region, country }
  }

  let firstName = get('firstName')
  let lastName = get('lastName')
  if (!firstName && !lastName) {
    // A whole name: the first word is the given name (how people are addressed here).
    const [first = '', ...rest] = get('fullName').split(/\s+/)
    firstName = first
    lastName = rest.join(' ')
  } else if (!firstName) {
    firstName = lastName
    lastName = ''
  }
  if (!firstName) errors.push('Name is missing')
  if (firstName.length > 100) errors.push('First name is longer than 100 characters')
  if (lastName.length > 100) errors.push('Last name is longer than 100 characters')
  const jobTitle = text('jobTitle', 'Job title', 200)
  const company = text('company', 'Company', 200)
  const domainCell = get('companyDomain')
  const companyDomain = domainCell ? normaliseDomain(domainCell) : null
  if (domainCell && !companyDomain) errors.push(`Not a valid website: ${domainCell}`)
  const city = text('city', 'City', 100)
  const source = personSourceOf(get('source'))
  if (errors.length) return { kind: 'failed', rowNo, cells, error: errors.join('; ') }
  return { kind: 'person', ...common, firstName, lastName, jobTitle, company, companyDomain, city, source }
}
