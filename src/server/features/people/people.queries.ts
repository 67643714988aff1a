import { and, eq, inArray, sql } from 'drizzle-orm'
import { type DbOrTx, qualified } from '../../db/client.ts'
import { allQueries } from '../../db/parallel.ts'
import { companies, people, users } from '../../db/schema/index.ts'
import { contactsJson, loadContacts } from '../contacts/contacts.queries.ts'
import type { EmailValue, PhoneValue } from '../contacts/contacts.rules.ts'
import { refNames } from '../contacts/ref-names.ts'
import { liveCustomKeys, presentCustom } from '../custom-fields/custom-values.ts'
import { listPage } from '../filters/list-page.ts'
import { tagsOfRecords } from '../tags/tags.queries.ts'
import { PERSON_SOURCES, type Person, type PersonSource } from './people.schema.ts'

// SQL for people, always scoped by workspace_id. No rules here: the service decides.
export type PersonRow = typeof people.$inferSelect

export async function insertPersonRow(
  db: DbOrTx,
  row: typeof people.$inferInsert,
): Promise<PersonRow | null> {
  const inserted = await db.insert(people).values(row).onConflictDoNothing().returning()
  return inserted[0] ?? null
}

export async function findPersonRow(db: DbOrTx, workspaceId: string, id: string, forUpdate = false) {
  const q = db
    .select()
    .from(people)
    .where(and(eq(people.workspaceId, workspaceId), eq(people.id, id)))
  const rows = forUpdate ? await q.for('update') : await q
  return rows[0] ?? null
}

/** Updates the row only if its version is still `expectedVersion`; null when it moved on. */
export async function updatePersonRow(
  db: DbOrTx,
  workspaceId: string,
  id: string,
  expectedVersion: number,
  set: Partial<typeof people.$inferInsert>,
): Promise<PersonRow | null> {
  const rows = await db
    .update(people)
    .set({ ...set, version: sql`${people.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(people.workspaceId, workspaceId), eq(people.id, id), eq(people.version, expectedVersion)))
    .returning()
  return rows[0] ?? null
}

export async function ownerNames(db: DbOrTx, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))]
  if (!wanted.length) return new Map<string, string>()
  const rows = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.id, wanted))
  return new Map(rows.map((r) => [r.id, r.name]))
}

/** What a person shows besides its own columns: phones, emails, owner and company names. */
type PersonDetails = {
  phones: PhoneValue[]
  emails: EmailValue[]
  owner: string | null
  company: string | null
}
export type DetailedPerson = { row: Omit<PersonRow, 'searchText'>; details: PersonDetails }

/** Rows plus their phones, emails, owner and company, in the API's shape. */
export async function presentPeople(db: DbOrTx, workspaceId: string, rows: PersonRow[]): Promise<Person[]> {
  const ids = rows.map((r) => r.id)
  const [{ phones, emails }, names] = await allQueries(db, [
    () => loadContacts(db, 'person', workspaceId, ids),
    () =>
      refNames(db, workspaceId, {
        user: rows.map((r) => r.ownerId),
        company: rows.map((r) => r.companyId),
      }),
  ])
  const items = rows.map((r) => ({
    row: r,
    details: {
      phones: phones.get(r.id) ?? [],
      emails: emails.get(r.id) ?? [],
      owner: r.ownerId ? (names.user.get(r.ownerId) ?? null) : null,
      company: r.companyId ? (names.company.get(r.companyId) ?? null) : null,
    },
  }))
  return presentDetailedPeople(db, workspaceId, items)
}

/**
 * People read with their details (a list page from selectPeoplePage, or presentPeople), in
 * the API's shape. Tags and custom field keys are looked up only when a row has some.
 */
export async function presentDetailedPeople(
  db: DbOrTx,
  workspaceId: string,
  items: DetailedPerson[],
): Promise<Person[]> {
  const rows = items.map((i) => i.row)
  const [tags, customKeys] = await allQueries(db, [
    () => tagsOfRecords(db, workspaceId, rows),
    () => liveCustomKeys(db, workspaceId, 'person', rows),
  ])
  return items.map(({ row: r, details: d }) => ({
    id: r.id,
    firstName: r.firstName,
    lastName: r.lastName,
    jobTitle: r.jobTitle,
    owner: r.ownerId ? { id: r.ownerId, name: d.owner ?? '' } : null,
    company: r.companyId ? { id: r.companyId, name: d.company ?? '' } : null,
    // The column is plain text: a value outside the list (written by hand) reads as not set.
    source: asSource(r.source),
    city: r.city,
    phones: d.phones,
    emails: d.emails,
    tags: tags.get(r.id) ?? [],
    custom: presentCustom(r.custom, customKeys),
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    deletedAt: r.deletedAt?.toISOString() ?? null,
  }))
}

const asSource = (v: string | null): PersonSource | null =>
  (PERSON_SOURCES as readonly string[]).includes(v ?? '') ? (v as PersonSource) : null

export async function namesOfCompanies(db: DbOrTx, workspaceId: string, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))]
  if (!wanted.length) return new Map<string, string>()
  const rows = await db
    .select({ id: companies.id, name: companies.name })
    .from(companies)
    .where(and(eq(companies.workspaceId, workspaceId), inArray(companies.id, wanted)))
  return new Map(rows.map((r) => [r.id, r.name]))
}

// A page's details in its own statement, one small index probe per row and table: at a
// million people this costs less than the round trips of separate lookups. PostgreSQL
// evaluates these subqueries after ORDER BY … LIMIT, for the page's rows only.
const personDetails = (() => {
  const { phones, emails } = contactsJson('person', people)
  return sql<PersonDetails>`json_build_object('phones', ${phones}, 'emails', ${emails},
    'owner', (select u.name from ${users} u where u.id = ${qualified(people.ownerId)}),
    'company', (select c.name from ${companies} c where c.workspace_id = ${qualified(people.workspaceId)} and c.id = ${qualified(people.companyId)}))`
})()

/** One page of the list with each person's details; `plan` (where, filters, sort, cursor) comes from filters/list-where.ts. */
export const selectPeoplePage = listPage(people, personDetails, ['searchText'])

export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)
