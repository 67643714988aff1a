import { and, eq, isNull, sql } from 'drizzle-orm'
import { type DbOrTx, qualified, queryRows } from '../../db/client.ts'
import { allQueries } from '../../db/parallel.ts'
import { companies, people, users } from '../../db/schema/index.ts'
import { contactsJson, loadContacts } from '../contacts/contacts.queries.ts'
import type { EmailValue, PhoneValue } from '../contacts/contacts.rules.ts'
import { liveCustomKeys, presentCustom } from '../custom-fields/custom-values.ts'
import { listPage } from '../filters/list-page.ts'
import { ownerNames } from '../people/people.queries.ts'
import { tagsOfRecords } from '../tags/tags.queries.ts'
import type { Company } from './companies.schema.ts'

// SQL for companies, always scoped by workspace_id.
export type CompanyRow = typeof companies.$inferSelect

export async function insertCompanyRow(db: DbOrTx, row: typeof companies.$inferInsert) {
  const inserted = await db.insert(companies).values(row).onConflictDoNothing().returning()
  return inserted[0] ?? null
}

export async function findCompanyRow(db: DbOrTx, workspaceId: string, id: string, forUpdate = false) {
  const q = db
    .select()
    .from(companies)
    .where(and(eq(companies.workspaceId, workspaceId), eq(companies.id, id)))
  const rows = forUpdate ? await q.for('update') : await q
  return rows[0] ?? null
}

export async function updateCompanyRow(
  db: DbOrTx,
  workspaceId: string,
  id: string,
  expectedVersion: number,
  set: Partial<typeof companies.$inferInsert>,
) {
  const rows = await db
    .update(companies)
    .set({ ...set, version: sql`${companies.version} + 1`, updatedAt: sql`now()` })
    .where(
      and(
        eq(companies.workspaceId, workspaceId),
        eq(companies.id, id),
        eq(companies.version, expectedVersion),
      ),
    )
    .returning()
  return rows[0] ?? null
}

async function peopleCounts(db: DbOrTx, workspaceId: string, ids: string[]) {
  if (!ids.length) return new Map<string, number>()
  const rows = await queryRows<{ company_id: string; n: number }>(
    db,
    sql`select company_id, count(*)::int as n from people
        where workspace_id = ${workspaceId} and deleted_at is null
          and company_id in (${sql.join(
            ids.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})
        group by company_id`,
  )
  return new Map(rows.map((r) => [r.company_id, Number(r.n)]))
}

/** What a company shows besides its own columns: phones, emails, owner name, live people. */
type CompanyDetails = {
  phones: PhoneValue[]
  emails: EmailValue[]
  owner: string | null
  peopleCount: number
}
export type DetailedCompany = { row: Omit<CompanyRow, 'searchText'>; details: CompanyDetails }

export async function presentCompanies(
  db: DbOrTx,
  workspaceId: string,
  rows: CompanyRow[],
): Promise<Company[]> {
  const ids = rows.map((r) => r.id)
  const [{ phones, emails }, owners, counts] = await allQueries(db, [
    () => loadContacts(db, 'company', workspaceId, ids),
    () =>
      ownerNames(
        db,
        rows.map((r) => r.ownerId),
      ),
    () => peopleCounts(db, workspaceId, ids),
  ])
  const items = rows.map((r) => ({
    row: r,
    details: {
      phones: phones.get(r.id) ?? [],
      emails: emails.get(r.id) ?? [],
      owner: r.ownerId ? (owners.get(r.ownerId) ?? null) : null,
      peopleCount: counts.get(r.id) ?? 0,
    },
  }))
  return presentDetailedCompanies(db, workspaceId, items)
}

/**
 * Companies read with their details (a list page from selectCompaniesPage, or
 * presentCompanies), in the API's shape. Tags and custom field keys are looked up only
 * when a row has some.
 */
export async function presentDetailedCompanies(
  db: DbOrTx,
  workspaceId: string,
  items: DetailedCompany[],
): Promise<Company[]> {
  const rows = items.map((i) => i.row)
  const [tags, customKeys] = await allQueries(db, [
    () => tagsOfRecords(db, workspaceId, rows),
    () => liveCustomKeys(db, workspaceId, 'company', rows),
  ])
  return items.map(({ row: r, details: d }) => ({
    id: r.id,
    name: r.name,
    domain: r.domain,
    industry: r.industry,
    size: r.size as Company['size'],
    city: r.city,
    region: r.region,
    country: r.country,
    owner: r.ownerId ? { id: r.ownerId, name: d.owner ?? '' } : null,
    phones: d.phones,
    emails: d.emails,
    tags: tags.get(r.id) ?? [],
    custom: presentCustom(r.custom, customKeys),
    peopleCount: d.peopleCount,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    deletedAt: r.deletedAt?.toISOString() ?? null,
  }))
}

// A page's details in its own statement, one small index probe per row and table (as
// people.queries.ts does); evaluated after ORDER BY … LIMIT, for the page's rows only.
const companyDetails = (() => {
  const { phones, emails } = contactsJson('company', companies)
  return sql<CompanyDetails>`json_build_object('phones', ${phones}, 'emails', ${emails},
    'owner', (select u.name from ${users} u where u.id = ${qualified(companies.ownerId)}),
    'peopleCount', (select count(*)::int from ${people} x
      where x.workspace_id = ${qualified(companies.workspaceId)} and x.company_id = ${qualified(companies.id)} and x.deleted_at is null))`
})()

/** One page of the list with each company's details; `plan` (where, filters, sort, cursor) comes from filters/list-where.ts. */
export const selectCompaniesPage = listPage(companies, companyDetails, ['searchText'])

/** A live company with this domain, for matching on create and import. */
export async function findCompanyByDomain(
  db: DbOrTx,
  workspaceId: string,
  domain: string,
  exceptId: string | null,
) {
  const rows = await db
    .select({ id: companies.id, name: companies.name })
    .from(companies)
    .where(
      and(
        eq(companies.workspaceId, workspaceId),
        eq(companies.domain, domain),
        isNull(companies.deletedAt),
        exceptId ? sql`${companies.id} <> ${exceptId}::uuid` : undefined,
      ),
    )
    .limit(1)
  return rows[0] ?? null
}
