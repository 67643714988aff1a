import { and, eq, inArray, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../db/client.ts'
import { allQueries } from '../../db/parallel.ts'
import { companies, people, users } from '../../db/schema/index.ts'
import { loadContacts } from '../contacts/contacts.queries.ts'
import { refNames } from '../contacts/ref-names.ts'
import { liveCustomKeys, presentCustom } from '../custom-fields/custom-values.ts'
import type { ListPlan } from '../filters/list-where.ts'
import { pageOf } from '../filters/sort.ts'
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

/** Rows plus their phones, emails, owner and company, in the API's shape. */
export async function presentPeople(db: DbOrTx, workspaceId: string, rows: PersonRow[]): Promise<Person[]> {
  const ids = rows.map((r) => r.id)
  const [{ phones, emails }, names, tags, customKeys] = await allQueries(db, [
    () => loadContacts(db, 'person', workspaceId, ids),
    () =>
      refNames(db, workspaceId, {
        user: rows.map((r) => r.ownerId),
        company: rows.map((r) => r.companyId),
      }),
    () => tagsOfRecords(db, workspaceId, rows),
    () => liveCustomKeys(db, workspaceId, 'person', rows),
  ])
  const { user: owners, company: companyNames } = names
  return rows.map((r) => ({
    id: r.id,
    firstName: r.firstName,
    lastName: r.lastName,
    jobTitle: r.jobTitle,
    owner: r.ownerId ? { id: r.ownerId, name: owners.get(r.ownerId) ?? '' } : null,
    company: r.companyId ? { id: r.companyId, name: companyNames.get(r.companyId) ?? '' } : null,
    // The column is plain text: a value outside the list (written by hand) reads as not set.
    source: asSource(r.source),
    city: r.city,
    phones: phones.get(r.id) ?? [],
    emails: emails.get(r.id) ?? [],
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

/** One page of the list; `plan` (where, filters, sort, cursor) comes from filters/list-where.ts. */
export async function selectPeoplePage(db: DbOrTx, plan: ListPlan, limit: number) {
  const rows = await db
    .select({ row: people, sortKey: plan.key })
    .from(people)
    .where(plan.where)
    .orderBy(...plan.order)
    .limit(limit + 1)
  return pageOf(rows, limit)
}

export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)
