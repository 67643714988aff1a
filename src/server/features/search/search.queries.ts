import { and, eq, inArray, type SQL, sql } from 'drizzle-orm'
import { type DbOrTx, queryRows } from '../../db/client.ts'
import { companies } from '../../db/schema/index.ts'
import { escapeLike } from '../people/people.queries.ts'

// SQL for global search, always scoped by workspace_id. The service turns what was typed
// into a Term; these functions rank ids and load the few columns a hit shows.

export type SearchKind = 'people' | 'companies' | 'deals'

/**
 * `contains`: substring of search_text; needs a word of 3+ characters, or pg_trgm has no
 * trigram to look up and the GIN scan reads the whole index (1.3 s at 1M rows).
 * `prefix`: start of a word, for shorter input, whose padded trigrams ("  a", " ab") the
 * index can use. `fuzzy`: also look for typos when substring matches run short.
 * `e164`: set when the input is a whole valid phone number, matched exactly.
 */
export type Term = { text: string; mode: 'contains' | 'prefix'; fuzzy: boolean; e164: string | null }

// Table and columns come from this fixed map, never from input. `name` is the lowercased
// display name (deals keep their lowercased title in search_text); `alt` is a second
// value that counts as an exact match (a company's domain).
const TARGETS: Record<SearchKind, { table: SQL; name: SQL; alt: SQL }> = {
  people: { table: sql`people`, name: sql`sort_name`, alt: sql`null::text` },
  companies: { table: sql`companies`, name: sql`sort_name`, alt: sql`domain` },
  deals: { table: sql`deals`, name: sql`search_text`, alt: sql`null::text` },
}

/**
 * How many matches are ranked at most. A common three-letter term ("abe") matches
 * ~200k of a million rows; ranking them all means fetching and sorting them all. So
 * the scan stops after this many rows and only those are ranked: below the cap (any
 * term a user has narrowed down) the ranking is exact; above it the hits are the best
 * of the first CANDIDATES matches in table order. With a term that common, most hits
 * are equally good prefix matches, and one more letter narrows it.
 */
export const CANDIDATES = 200

/** The pg_trgm word_similarity cut-off for typos: "abeeb" shares 3 of its 6 trigrams with "abebe". */
export const FUZZY_THRESHOLD = 0.5

/**
 * Makes the trigram index the plan, inside the search transaction only. Left alone, the
 * planner estimates `like '%term%'` from a small sample and picks, depending on the last
 * ANALYZE, either the GIN index or a walk of a btree (or the heap) until enough rows
 * turn up, which reads the whole workspace when the term is rarer than estimated
 * (perf-notes.md: "trigram plans are a coin toss"). Seen on PGlite: a typo search took
 * 134 ms on the workspace btree, 11 ms on the trigram index. With seq and plain index
 * scans off, and workspace_id compared as text (inWorkspace) so no btree serves it, a
 * bitmap scan of the trigram index is the only plan left: it costs what the term's
 * posting lists cost, and the heap scan on top stops at the LIMIT.
 * Trade-off: in a table shared by many workspaces the bitmap also holds the other
 * workspaces' matches, skipped one by one in the heap; a GIN index on
 * (workspace_id, search_text) would need btree_gin, which PGlite does not load yet.
 */
export async function forceTrigramPlans(tx: DbOrTx) {
  await tx.execute(sql`select
    set_config('enable_seqscan', 'off', true),
    set_config('enable_indexscan', 'off', true),
    set_config('enable_indexonlyscan', 'off', true),
    set_config('pg_trgm.word_similarity_threshold', ${String(FUZZY_THRESHOLD)}, true)`)
}

// Compared as text so that no btree on workspace_id can serve it: the trigram index is
// then the only way in (see forceTrigramPlans).
const inWorkspace = (workspaceId: string) => sql`workspace_id::text = ${workspaceId}`

// A word start is written as one regex rather than `like 'ab%' or like '% ab%'`: one
// bitmap scan of the trigram index instead of two (38 vs 73 ms for "ab" at 1M rows).
const matches = (term: Term) =>
  term.mode === 'contains'
    ? sql`search_text like ${`%${escapeLike(term.text)}%`}`
    : sql`search_text ~ ${`(^| )${term.text.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&')}`}`

/**
 * Substring (or word-start) matches, ranked: exact name 0, name prefix 1, a word (last
 * name, email, phone digits) starting with the term 2, anywhere else 3; then closest
 * name by trigram similarity. Plan seen, the same on PostgreSQL 15 (1M people in the
 * workspace, 1M in 20 others) and PGlite / PostgreSQL 18 (100k + 100k):
 *   Limit -> Sort (top-N heapsort) -> CTE Scan on hits
 *     CTE hits -> Limit (200 rows)
 *       -> Bitmap Heap Scan on people
 *            Recheck Cond: (search_text ~~ '%abe%')
 *            Filter: (deleted_at IS NULL AND workspace_id::text = '…')
 *            -> Bitmap Index Scan on people_search_trgm_idx
 * "abe" (194k matches at 1M): 36 ms on PostgreSQL, 21 ms on PGlite at 100k; a rare name
 * 0.1 ms. Companies and deals: the same plan on their *_search_trgm_idx.
 */
export function substringSql(kind: SearchKind, workspaceId: string, term: Term, limit: number): SQL {
  const t = TARGETS[kind]
  const p = escapeLike(term.text)
  return sql`with hits as materialized (
      select id, ${t.name} as name, ${t.alt} as alt, search_text
      from ${t.table}
      where ${inWorkspace(workspaceId)} and deleted_at is null and ${matches(term)}
      limit ${sql.raw(String(CANDIDATES))}
    )
    select id from hits
    order by
      case
        when name = ${term.text} or alt = ${term.text} then 0
        when name like ${`${p}%`} then 1
        when ' ' || search_text like ${`% ${p}%`} then 2
        else 3
      end,
      similarity(name, ${term.text}) desc, name, id
    limit ${limit}`
}

/**
 * Typo matches (`<%`: word_similarity at least FUZZY_THRESHOLD) that are not substring
 * matches, closest first. Same plan as above, with `Index Cond: (search_text %> 'abeeb')`
 * on the same trigram index: 59 ms on PostgreSQL at 1M (194k candidates for "abeeb"),
 * 12 ms on PGlite at 100k.
 */
export function fuzzySql(kind: SearchKind, workspaceId: string, term: Term, limit: number): SQL {
  const t = TARGETS[kind]
  return sql`with hits as materialized (
      select id, ${t.name} as name, search_text
      from ${t.table}
      where ${inWorkspace(workspaceId)} and deleted_at is null
        and ${term.text} <% search_text and not ${matches(term)}
      limit ${sql.raw(String(CANDIDATES))}
    )
    select id from hits
    order by word_similarity(${term.text}, search_text) desc, similarity(name, ${term.text}) desc, name, id
    limit ${limit}`
}

// Phone tables with their btree on (workspace_id, e164): a whole number is one lookup,
// where its digits in search_text share trigrams ("251", "519") with every phone of
// the country, so the GIN scan would read long posting lists.
const PHONES: Record<'people' | 'companies', { phones: SQL; key: SQL }> = {
  people: { phones: sql`person_phones`, key: sql`person_id` },
  companies: { phones: sql`company_phones`, key: sql`company_id` },
}

/**
 * Records with exactly this phone, by name. Plan seen on both databases (0.1 ms, where
 * the digits through the trigram index took 62 ms at 1M rows):
 *   Limit -> Sort -> Nested Loop
 *     -> Bitmap Heap Scan on person_phones -> Bitmap Index Scan on person_phones_e164_idx
 *     -> Bitmap Heap Scan on people -> Bitmap Index Scan on people_workspace_id_id_pk
 */
export function phoneSql(
  kind: 'people' | 'companies',
  workspaceId: string,
  e164: string,
  limit: number,
): SQL {
  const t = TARGETS[kind]
  const p = PHONES[kind]
  return sql`select r.id from ${p.phones} x
    join ${t.table} r on r.workspace_id = x.workspace_id and r.id = x.${p.key}
    where x.workspace_id = ${workspaceId} and x.e164 = ${e164} and r.deleted_at is null
    order by r.${t.name}, r.id
    limit ${limit}`
}

/** Ranked ids of one record type: substring matches, then typos to fill up to `limit`. */
export async function rankedIds(
  tx: DbOrTx,
  kind: SearchKind,
  workspaceId: string,
  term: Term,
  limit: number,
): Promise<string[]> {
  const found = await queryRows<{ id: string }>(tx, substringSql(kind, workspaceId, term, limit))
  const ids = found.map((r) => r.id)
  if (!term.fuzzy || ids.length >= limit) return ids
  const more = await queryRows<{ id: string }>(tx, fuzzySql(kind, workspaceId, term, limit - ids.length))
  return [...ids, ...more.map((r) => r.id)]
}

// What a hit shows, for a handful of ids (at most 20 per type).

export async function personHitRows(db: DbOrTx, workspaceId: string, ids: string[]) {
  if (!ids.length) return []
  // The first phone and email by position; a person has at most ten of each.
  return queryRows<{
    id: string
    first_name: string
    last_name: string
    job_title: string | null
    company: string | null
    phone: string | null
    email: string | null
  }>(
    db,
    sql`select p.id, p.first_name, p.last_name, p.job_title, c.name as company,
          (select e164 from person_phones x
            where x.workspace_id = p.workspace_id and x.person_id = p.id order by position limit 1) as phone,
          (select email from person_emails x
            where x.workspace_id = p.workspace_id and x.person_id = p.id order by position limit 1) as email
        from people p
        left join companies c on c.workspace_id = p.workspace_id and c.id = p.company_id
        where p.workspace_id = ${workspaceId}
          and p.id in (${sql.join(
            ids.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`,
  )
}

export async function companyHitRows(db: DbOrTx, workspaceId: string, ids: string[]) {
  if (!ids.length) return []
  return db
    .select({ id: companies.id, name: companies.name, domain: companies.domain, city: companies.city })
    .from(companies)
    .where(and(eq(companies.workspaceId, workspaceId), inArray(companies.id, ids)))
}

export async function dealHitRows(db: DbOrTx, workspaceId: string, ids: string[]) {
  if (!ids.length) return []
  return queryRows<{
    id: string
    title: string
    amount_minor: string | number
    currency: string
    stage: string | null
  }>(
    db,
    sql`select d.id, d.title, d.amount_minor, d.currency, s.name as stage
        from deals d
        left join stages s on s.workspace_id = d.workspace_id and s.id = d.stage_id
        where d.workspace_id = ${workspaceId}
          and d.id in (${sql.join(
            ids.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`,
  )
}
