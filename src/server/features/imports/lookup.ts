import { sql } from 'drizzle-orm'
import { type DbOrTx, queryRows } from '../../db/client.ts'
import type { ContactOwner } from '../contacts/contacts.queries.ts'
import { CONTACTS } from './record-values.ts'

export type LookupKeys = { phones: string[]; emails: string[]; domains: string[]; names: string[] }

/**
 * Existing live records of a workspace by duplicate key: `p:` E.164 phone and `e:`
 * lowercased email of people (`contacts: 'person'`) or companies, `d:` domain and `n:`
 * lowercased name of companies. Rows come oldest record first (ids are time-ordered).
 *
 * One index probe per key, however large the batch and whatever the statistics say:
 * - unnest + LATERAL … OFFSET 0 keeps the planner from scanning a table instead;
 * - the workspace is compared as `(select $ws)`, a value the planner cannot see: a
 *   workspace its statistics have not met yet (a first import, before ANALYZE) would
 *   otherwise look empty, and the planner then filtered the whole workspace per key;
 * - liveness is a scalar subquery (a primary-key probe), never a join.
 */
export async function findByKeys(tx: DbOrTx, ws: string, contacts: ContactOwner, keys: LookupKeys) {
  const { phones, emails, domains, names } = keys
  if (!phones.length && !emails.length && !domains.length && !names.length) return []
  const t = CONTACTS[contacts]
  const w = sql`(select ${ws}::uuid)`
  const live = sql`(select r.deleted_at is null from ${t.records} r where r.workspace_id = c.workspace_id
    and r.id = c.${t.key})`
  return queryRows<{ k: string; id: string }>(
    tx,
    sql`select 'p:' || k.v as k, x.id from unnest(${sql.param(phones)}::text[]) as k(v), lateral (
          select c.${t.key} as id from ${t.phones} c
          where c.workspace_id = ${w} and c.e164 = k.v and ${live} offset 0) x
        union all
        select 'e:' || k.v, x.id from unnest(${sql.param(emails)}::text[]) as k(v), lateral (
          select c.${t.key} as id from ${t.emails} c
          where c.workspace_id = ${w} and lower(c.email) = k.v and ${live} offset 0) x
        union all
        select 'd:' || k.v, x.id from unnest(${sql.param(domains)}::text[]) as k(v), lateral (
          select id from companies where workspace_id = ${w} and domain = k.v and deleted_at is null offset 0) x
        union all
        select 'n:' || k.v, x.id from unnest(${sql.param(names)}::text[]) as k(v), lateral (
          select id from companies where workspace_id = ${w} and sort_name = k.v and deleted_at is null offset 0) x
        order by 2`,
  )
}
