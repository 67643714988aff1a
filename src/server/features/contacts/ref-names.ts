import { type SQL, sql } from 'drizzle-orm'
import { type DbOrTx, queryRows } from '../../db/client.ts'

// The display names a page of records points at (owners, companies, people, deals, pipelines),
// in ONE statement: a list page used to send one small query per kind, and at a million
// rows each round trip costs more than the lookup itself.

export type RefKind = 'user' | 'company' | 'person' | 'deal' | 'pipeline'
export type RefIds = Partial<Record<RefKind, (string | null)[]>>
export type RefNames = Record<RefKind, Map<string, string>>

const distinct = (ids: (string | null)[] | undefined) => [
  ...new Set((ids ?? []).filter((x): x is string => !!x)),
]

// One array parameter per kind, not one per id: cheaper to build, same statement text.
const uuidList = (ids: string[]) => sql`${sql.param(ids)}::uuid[]`

export async function refNames(db: DbOrTx, workspaceId: string, wanted: RefIds): Promise<RefNames> {
  const out: RefNames = {
    user: new Map(),
    company: new Map(),
    person: new Map(),
    deal: new Map(),
    pipeline: new Map(),
  }
  const parts: SQL[] = []
  const users = distinct(wanted.user)
  if (users.length) {
    // Users are not tenant rows: membership decides who may be an owner, not this lookup.
    parts.push(
      sql`select 'user' as kind, id::text as id, name from users where id = any(${sql.param(users)}::text[])`,
    )
  }
  const companies = distinct(wanted.company)
  if (companies.length) {
    parts.push(sql`select 'company', id::text, name from companies
      where workspace_id = ${workspaceId} and id = any(${uuidList(companies)})`)
  }
  const people = distinct(wanted.person)
  if (people.length) {
    parts.push(sql`select 'person', id::text, trim(first_name || ' ' || last_name) from people
      where workspace_id = ${workspaceId} and id = any(${uuidList(people)})`)
  }
  const dealIds = distinct(wanted.deal)
  if (dealIds.length) {
    parts.push(sql`select 'deal', id::text, title from deals
      where workspace_id = ${workspaceId} and id = any(${uuidList(dealIds)})`)
  }
  const pipelines = distinct(wanted.pipeline)
  if (pipelines.length) {
    parts.push(sql`select 'pipeline', id::text, name from pipelines
      where workspace_id = ${workspaceId} and id = any(${uuidList(pipelines)})`)
  }
  if (!parts.length) return out
  const rows = await queryRows<{ kind: RefKind; id: string; name: string }>(
    db,
    sql.join(parts, sql` union all `),
  )
  for (const r of rows) out[r.kind].set(r.id, r.name)
  return out
}
