import { Readable } from 'node:stream'
import type { Ctx } from '../../http/context.ts'
import { invalid } from '../../http/errors.ts'
import { assertCan } from '../../http/permissions.ts'
import type { Company } from '../companies/companies.schema.ts'
import { listCompanies } from '../companies/companies.service.ts'
import type { Deal } from '../deals/deals.schema.ts'
import { listDeals } from '../deals/deals.service.ts'
import { selectLiveCustomFields } from '../filters/fields.ts'
import type { Person } from '../people/people.schema.ts'
import { listPeople } from '../people/people.service.ts'
import { BOM, csvLine } from './csv.ts'
import type {
  CompaniesExportQuery,
  CompanyExportColumn,
  DealExportColumn,
  DealsExportQuery,
  ExportColumn,
  PeopleExportColumn,
  PeopleExportQuery,
} from './export.schema.ts'

// CSV export of list views. An export walks the very list service the list view calls
// (same filters, same sort, same presenter) page by page with its keyset cursor, and
// writes each page to the response as it comes: memory stays at one page whatever the
// list's size, and a slow download only pulls the next page when the socket drains.
//
// It is not a snapshot: the pages are separate queries, not one long transaction (on
// PGlite that would hold the only connection for the whole download). Keyset paging
// still writes every row at most once and, in sort order, every row that stays put.

/** Rows fetched per query. Tests pass a smaller one to cross page boundaries. */
export const EXPORT_PAGE_SIZE = 1000

type Column<T> = { header: string; value: (row: T) => string | null }
type Page<T> = { data: T[]; nextCursor: string | null }

// Headers are English and stable (importers and scripts key on them); values are raw
// data, not display formats: ISO 8601 UTC times, E.164 phones, amounts in major units.
const joined = (items: string[]) => items.join('; ')

const PEOPLE: Record<PeopleExportColumn, Column<Person>> = {
  id: { header: 'ID', value: (p) => p.id },
  firstName: { header: 'First name', value: (p) => p.firstName },
  lastName: { header: 'Last name', value: (p) => p.lastName },
  jobTitle: { header: 'Job title', value: (p) => p.jobTitle },
  company: { header: 'Company', value: (p) => p.company?.name ?? null },
  phones: { header: 'Phones', value: (p) => joined(p.phones.map((x) => x.e164)) },
  emails: { header: 'Emails', value: (p) => joined(p.emails.map((x) => x.email)) },
  owner: { header: 'Owner', value: (p) => p.owner?.name ?? null },
  createdAt: { header: 'Created at', value: (p) => p.createdAt },
  updatedAt: { header: 'Updated at', value: (p) => p.updatedAt },
  // The source's key (walk_in …), like a deal's status: raw data, not the UI's words.
  source: { header: 'Source', value: (p) => p.source },
  city: { header: 'City', value: (p) => p.city },
}

const COMPANIES: Record<CompanyExportColumn, Column<Company>> = {
  id: { header: 'ID', value: (c) => c.id },
  name: { header: 'Name', value: (c) => c.name },
  domain: { header: 'Domain', value: (c) => c.domain },
  industry: { header: 'Industry', value: (c) => c.industry },
  size: { header: 'Size', value: (c) => c.size },
  city: { header: 'City', value: (c) => c.city },
  region: { header: 'Region', value: (c) => c.region },
  country: { header: 'Country', value: (c) => c.country },
  phones: { header: 'Phones', value: (c) => joined(c.phones.map((x) => x.e164)) },
  emails: { header: 'Emails', value: (c) => joined(c.emails.map((x) => x.email)) },
  owner: { header: 'Owner', value: (c) => c.owner?.name ?? null },
  peopleCount: { header: 'People count', value: (c) => String(c.peopleCount) },
  createdAt: { header: 'Created at', value: (c) => c.createdAt },
}

const DEALS: Record<DealExportColumn, Column<Deal>> = {
  id: { header: 'ID', value: (d) => d.id },
  title: { header: 'Title', value: (d) => d.title },
  amount: { header: 'Amount', value: (d) => majorUnits(d.amountMinor, d.currency) },
  currency: { header: 'Currency', value: (d) => d.currency },
  pipeline: { header: 'Pipeline', value: (d) => d.pipeline.name },
  stage: { header: 'Stage', value: (d) => d.stage.name },
  status: { header: 'Status', value: (d) => d.status },
  person: { header: 'Person', value: (d) => d.person?.name ?? null },
  company: { header: 'Company', value: (d) => d.company?.name ?? null },
  owner: { header: 'Owner', value: (d) => d.owner?.name ?? null },
  expectedCloseDate: { header: 'Expected close date', value: (d) => d.expectedCloseDate },
  closedAt: { header: 'Closed at', value: (d) => d.closedAt },
  lostReason: { header: 'Lost reason', value: (d) => d.lostReason },
  createdAt: { header: 'Created at', value: (d) => d.createdAt },
}

/**
 * Decimals of a currency's major unit: 2 for ETB, KES, TZS, USD; 0 for UGX, RWF, DJF.
 * Taken from Intl, exactly as the web app's money input does, so that the exported
 * amount is the amount people typed (Intl and ISO 4217 differ for SOS: 0 versus 2).
 */
export function currencyDigits(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  )
}

/** 150000 ETB → "1500.00"; 250000 UGX → "250000". String arithmetic: exact for any safe integer. */
export function majorUnits(amountMinor: number, currency: string): string {
  const digits = currencyDigits(currency)
  const sign = amountMinor < 0 ? '-' : ''
  const text = String(Math.abs(amountMinor))
  if (!digits) return sign + text
  const padded = text.padStart(digits + 1, '0')
  return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}`
}

/** "people-2026-11-26.csv", dated in the workspace's time zone. */
export function exportFilename(object: string, timeZone: string, now = new Date()): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  )
  return `${object}-${parts.year}-${parts.month}-${parts.day}.csv`
}

/** The header line, then one chunk per page of rows; pulled one page at a time. */
export async function* csvChunks<T>(
  start: Promise<{ columns: readonly Column<T>[]; first: Page<T> }>,
  excel: boolean,
  page: (cursor: string | undefined) => Promise<Page<T>>,
): AsyncGenerator<Buffer> {
  const { columns, first } = await start
  yield Buffer.from((excel ? BOM : '') + csvLine(columns.map((c) => c.header)), 'utf8')
  let current: Page<T> | null = first
  while (current) {
    const { data, nextCursor }: Page<T> = current
    if (data.length) {
      const lines = data.map((row) => csvLine(columns.map((c) => c.value(row))))
      yield Buffer.from(lines.join(''), 'utf8')
    }
    current = nextCursor ? await page(nextCursor) : null
  }
}

/**
 * `ready` settles once the columns are known and the first page is read: a bad filter,
 * sort or column rejects it, so the route can still answer 400 before the download starts.
 */
export type CsvExport = { filename: string; ready: Promise<void>; body: Readable }

type Exportable = { tags: { name: string }[]; custom: Record<string, unknown> }

/** A custom value as a cell: money in major units with its currency, lists joined. */
export function customCell(value: unknown): string | null {
  if (value === null || value === undefined) return null
  if (Array.isArray(value)) return joined(value.map(String))
  if (typeof value === 'object') {
    const { amount, currency } = value as { amount?: unknown; currency?: unknown }
    if (typeof amount === 'number' && typeof currency === 'string') {
      return `${majorUnits(amount, currency)} ${currency}`
    }
    return JSON.stringify(value)
  }
  return String(value)
}

/** The built-in columns asked for, `tags`, and `custom.<key>` of the object's live custom fields. */
async function resolveColumns<T extends Exportable, K extends string>(
  ctx: Ctx,
  object: 'person' | 'company' | 'deal',
  all: Record<K, Column<T>>,
  keys: ExportColumn<K>[],
): Promise<Column<T>[]> {
  const custom = keys.some((k) => k.startsWith('custom.'))
    ? await selectLiveCustomFields(ctx.db, ctx.workspace.id, object)
    : []
  const unknown = keys.filter((k) => k.startsWith('custom.') && !custom.some((f) => `custom.${f.key}` === k))
  if (unknown.length) {
    throw invalid([
      { field: 'columns', code: 'unknown_column', message: `No custom field ${unknown.join(', ')} here` },
    ])
  }
  return keys.map((key): Column<T> => {
    if (key === 'tags') return { header: 'Tags', value: (r) => joined(r.tags.map((x) => x.name)) }
    const field = custom.find((f) => `custom.${f.key}` === key)
    if (field) return { header: field.labels.en, value: (r) => customCell(r.custom[field.key]) }
    return all[key as K]
  })
}

function csvExport<T extends Exportable, K extends string>(
  ctx: Ctx,
  object: 'person' | 'company' | 'deal',
  all: Record<K, Column<T>>,
  query: { columns: ExportColumn<K>[]; excel: boolean },
  page: (cursor: string | undefined) => Promise<Page<T>>,
): CsvExport {
  const start = (async () => ({
    columns: await resolveColumns(ctx, object, all, query.columns),
    first: await page(undefined),
  }))()
  const ready = start.then(() => undefined)
  // Whoever awaits them sees the error; these only keep an unread rejection from crashing.
  start.catch(() => {})
  ready.catch(() => {})
  return {
    filename: exportFilename(FILE_NAMES[object], ctx.workspace.timeZone),
    ready,
    // One page buffered ahead at most (the default would read 16 pages ahead).
    body: Readable.from(csvChunks(start, query.excel, page), { highWaterMark: 1 }),
  }
}

const FILE_NAMES = { person: 'people', company: 'companies', deal: 'deals' } as const

// Authorization is checked here, before the response starts (a refusal is still a
// problem+json), and again by the list service on every page.
export function exportPeople(ctx: Ctx, query: PeopleExportQuery, pageSize = EXPORT_PAGE_SIZE): CsvExport {
  assertCan(ctx, 'read')
  const { columns, excel, ...filters } = query
  return csvExport(ctx, 'person', PEOPLE, { columns, excel }, (cursor) =>
    listPeople(ctx, { ...filters, limit: pageSize, cursor }),
  )
}

export function exportCompanies(
  ctx: Ctx,
  query: CompaniesExportQuery,
  pageSize = EXPORT_PAGE_SIZE,
): CsvExport {
  assertCan(ctx, 'read')
  const { columns, excel, ...filters } = query
  return csvExport(ctx, 'company', COMPANIES, { columns, excel }, (cursor) =>
    listCompanies(ctx, { ...filters, limit: pageSize, cursor }),
  )
}

export function exportDeals(ctx: Ctx, query: DealsExportQuery, pageSize = EXPORT_PAGE_SIZE): CsvExport {
  assertCan(ctx, 'read')
  const { columns, excel, ...filters } = query
  return csvExport(ctx, 'deal', DEALS, { columns, excel }, (cursor) =>
    listDeals(ctx, { ...filters, limit: pageSize, cursor }),
  )
}
