import { and, eq, inArray, isNotNull, isNull, type SQL, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../db/client.ts'
import { keysetOrder, keysetPage, keysetWhere } from '../../db/keyset.ts'
import { companies, people, users } from '../../db/schema/index.ts'
import type { Cursor } from '../../http/cursor.ts'
import { loadContacts } from '../contacts/contacts.queries.ts'
import type { PeopleSort, Person } from './people.schema.ts'

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

/** Rows plus their phones, emails, owner and company, in the API's shape. */
export async function presentPeople(db: DbOrTx, workspaceId: string, rows: PersonRow[]): Promise<Person[]> {
  const ids = rows.map((r) => r.id)
  const [{ phones, emails }, owners, companyNames] = await Promise.all([
    loadContacts(db, 'person', workspaceId, ids),
    ownerNames(
      db,
      rows.map((r) => r.ownerId),
    ),
    namesOfCompanies(
      db,
      workspaceId,
      rows.map((r) => r.companyId),
    ),
  ])
  return rows.map((r) => ({
    id: r.id,
    firstName: r.firstName,
    lastName: r.lastName,
    jobTitle: r.jobTitle,
    owner: r.ownerId ? { id: r.ownerId, name: owners.get(r.ownerId) ?? '' } : null,
    company: r.companyId ? { id: r.companyId, name: companyNames.get(r.companyId) ?? '' } : null,
    phones: phones.get(r.id) ?? [],
    emails: emails.get(r.id) ?? [],
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    deletedAt: r.deletedAt?.toISOString() ?? null,
  }))
}

export async function namesOfCompanies(db: DbOrTx, workspaceId: string, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))]
  if (!wanted.length) return new Map<string, string>()
  const rows = await db
    .select({ id: companies.id, name: companies.name })
    .from(companies)
    .where(and(eq(companies.workspaceId, workspaceId), inArray(companies.id, wanted)))
  return new Map(rows.map((r) => [r.id, r.name]))
}

const SORT_COLUMNS = {
  updatedAt: { column: people.updatedAt, key: (r: PersonRow) => r.updatedAt.toISOString(), isDate: true },
  createdAt: { column: people.createdAt, key: (r: PersonRow) => r.createdAt.toISOString(), isDate: true },
  name: { column: people.sortName, key: (r: PersonRow) => r.sortName, isDate: false },
} as const

export async function selectPeoplePage(
  db: DbOrTx,
  workspaceId: string,
  opts: {
    sort: PeopleSort
    limit: number
    after: Cursor | null
    search: string | null
    trashed: boolean
    companyId: string | null
  },
): Promise<{ rows: PersonRow[]; next: Cursor | null }> {
  const sort = SORT_COLUMNS[opts.sort.replace('-', '') as keyof typeof SORT_COLUMNS]
  const spec = {
    column: sort.column,
    id: people.id,
    descending: opts.sort.startsWith('-'),
    isDate: sort.isDate,
  }
  const where: (SQL | undefined)[] = [
    eq(people.workspaceId, workspaceId),
    opts.trashed ? isNotNull(people.deletedAt) : isNull(people.deletedAt),
    opts.companyId ? eq(people.companyId, opts.companyId) : undefined,
    opts.search ? sql`${people.searchText} like ${`%${escapeLike(opts.search.toLowerCase())}%`}` : undefined,
    keysetWhere(spec, opts.after),
  ]
  const rows = await db
    .select()
    .from(people)
    .where(and(...where))
    .orderBy(...keysetOrder(spec))
    .limit(opts.limit + 1)
  return keysetPage(rows, opts.limit, (r) => [sort.key(r), r.id])
}

export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)
