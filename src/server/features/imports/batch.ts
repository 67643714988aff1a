import { type SQL, sql } from 'drizzle-orm'
import { uuidv7 } from 'uuidv7'
import { type DbOrTx, queryRows } from '../../db/client.ts'
import type { Ctx } from '../../http/context.ts'
import { json } from './record-values.ts'
import type { CompanyDraft, FailedRow, PersonDraft } from './rows.ts'

// What the person and company batches share: the plan of one import run, the per-row
// log (import_rows), the log of created records (import_created, one row per batch) and
// the counters written with every batch, tags by name, and the duplicate keys a draft is
// matched on (in the database and in batches still in flight).

export type DuplicateMode = 'skip' | 'update' | 'create'

export type Plan = {
  ctx: Ctx
  importId: string
  object: 'person' | 'company'
  mode: DuplicateMode
}

export type Action = 'created' | 'updated' | 'skipped' | 'failed'
export type LogRow = {
  rowNo: number
  type: 'person' | 'company'
  action: Action
  recordId: string | null
  error?: string | null
  cells?: string[] | null
  before?: unknown
}

export type Counts = { created: number; updated: number; skipped: number; failed: number }

/**
 * One batch after its lookup and decisions: the companies and tags it needs exist, its
 * new records have their ids. `write` then writes its records and their row log in the
 * batch's transaction and answers the batch's counts.
 */
export type PreparedBatch = {
  lastRow: number
  /** Duplicate keys of the records this batch creates: the next batch's decide() counts them as existing. */
  created: Map<string, string>
  write(tx: DbOrTx): Promise<Counts>
}

/** Keys looked up by decide(): a Map of what the database holds, or that plus pending batches. */
export type KeyLookup = { get(key: string): string | undefined }

/**
 * What the database holds, then the records of batches still in flight: their rows are
 * not committed, so a lookup cannot see them, but they will be before this batch commits
 * (batches commit in order, and a failed batch fails every later one).
 */
export function withPending(found: Map<string, string>, pending: Map<string, string>[]): KeyLookup {
  if (!pending.length) return found
  return { get: (key) => found.get(key) ?? pending.find((m) => m.has(key))?.get(key) }
}

/** The duplicate keys of the records a batch creates, for the batches after it. */
export function createdKeys(mode: DuplicateMode, creates: Map<string, PersonDraft | CompanyDraft>) {
  const out = new Map<string, string>()
  // 'create' matches nothing, so there is nothing to carry.
  if (mode === 'create') return out
  for (const [id, d] of creates) for (const k of keysOf(d)) if (!out.has(k)) out.set(k, id)
  return out
}

/**
 * The per-row log (import_rows) as one statement, and the batch's counts. `replace`: a
 * company logged by an earlier attempt at this row that did not find it again (see
 * people-batch.ts) is logged anew.
 */
export function logPart(plan: Plan, log: LogRow[], opts: { replace?: boolean } = {}) {
  const counts: Counts = { created: 0, updated: 0, skipped: 0, failed: 0 }
  const rows = log.map((r) => {
    // A company created for a person row is logged, but the counts are about the rows.
    if (r.type === plan.object) counts[r.action]++
    return {
      r: r.rowNo,
      t: r.type,
      a: r.action,
      i: r.recordId,
      e: r.error ?? null,
      c: r.cells ?? null,
      b: r.before ?? null,
    }
  })
  const ws = plan.ctx.workspace.id
  const replace = opts.replace
    ? sql`on conflict (workspace_id, import_id, row_no, record_type)
        do update set action = excluded.action, record_id = excluded.record_id`
    : sql``
  const part = sql`insert into import_rows (workspace_id, import_id, row_no, record_type, action, record_id, error, cells, before)
    select ${ws}, ${plan.importId}, x.r, x.t, x.a, x.i, x.e, x.c, x.b
    from json_to_recordset(${json(rows)}) as x(r int, t text, a text, i uuid, e text, c jsonb, b jsonb)
    ${replace}`
  return { part, counts }
}

/**
 * The records of the import's own object that a batch creates, as one import_created row
 * (none when it creates none) instead of an import_rows row each. `from`: a relation `x`
 * with the creating row's number `r` and the record's `id`.
 */
export const createdPart = (plan: Plan, from: SQL) =>
  sql`insert into import_created (workspace_id, import_id, record_type, first_row, row_nos, ids)
    select ${plan.ctx.workspace.id}, ${plan.importId}, ${plan.object}, min(x.r), array_agg(x.r order by x.r),
      array_agg(x.id order by x.r)
    from ${from} having count(*) > 0`

/**
 * The import's progress, in the batch's transaction: rows done and counters. Written
 * after the records, so that in a pipeline a batch locks the imports row only once the
 * batch before it has committed.
 */
export async function saveProgress(tx: DbOrTx, plan: Plan, lastRow: number, counts: Counts) {
  await tx.execute(sql`update imports set done = ${lastRow}, created = created + ${counts.created},
      updated = updated + ${counts.updated}, skipped = skipped + ${counts.skipped}, failed = failed + ${counts.failed},
      updated_at = now()
    where workspace_id = ${plan.ctx.workspace.id} and id = ${plan.importId}`)
}

/**
 * Runs data-changing statements as one: `with s1 as (…), s2 as (…) last`. One round trip
 * per batch instead of one per table; foreign keys between the parts are checked at the
 * end of the statement, so phones may point at people inserted by a sibling part.
 */
export async function runAsOne(tx: DbOrTx, parts: SQL[]) {
  const last = parts[parts.length - 1]!
  const withs = parts.slice(0, -1).map((p, i) => sql`${sql.raw(`s${i}`)} as (${p})`)
  await tx.execute(withs.length ? sql`with ${sql.join(withs, sql`, `)} ${last}` : last)
}

export const failedLog = (f: FailedRow, type: 'person' | 'company'): LogRow => ({
  rowNo: f.rowNo,
  type,
  action: 'failed',
  recordId: null,
  error: f.error,
  cells: f.cells,
})

/** Tag ids by lowercased name; names the workspace does not have yet become tags. */
export async function resolveTags(tx: DbOrTx, ctx: Ctx, drafts: (PersonDraft | CompanyDraft)[]) {
  const wanted = new Map<string, string>()
  // A new tag is spelt as the file first spells it.
  for (const d of drafts)
    for (const n of d.tagNames) if (!wanted.has(n.toLowerCase())) wanted.set(n.toLowerCase(), n)
  const out = new Map<string, string>()
  if (!wanted.size) return out
  const ws = ctx.workspace.id
  const find = async () => {
    const rows = await queryRows<{ id: string; name: string }>(
      tx,
      sql`select id, name from tags where workspace_id = ${ws} and lower(name) = any(${sql.param([...wanted.keys()])}::text[])`,
    )
    for (const r of rows) out.set(r.name.toLowerCase(), r.id)
  }
  await find()
  const missing = [...wanted].filter(([key]) => !out.has(key)).map(([, name]) => ({ id: uuidv7(), n: name }))
  if (missing.length) {
    await tx.execute(sql`insert into tags (workspace_id, id, name)
      select ${ws}, x.id, x.n from json_to_recordset(${json(missing)}) as x(id uuid, n text)
      on conflict do nothing`)
    await find()
  }
  return out
}

export const tagIdsOf = (d: { tagNames: string[] }, tags: Map<string, string>) =>
  d.tagNames.map((n) => tags.get(n.toLowerCase())).filter((id): id is string => !!id)

/** The keys a record is matched on: phones, lowercased emails, and for companies domain and name. */
export function keysOf(d: PersonDraft | CompanyDraft): string[] {
  const keys = [...d.phones.map((p) => `p:${p.e164}`), ...d.emails.map((e) => `e:${e.toLowerCase()}`)]
  if (d.kind === 'company') {
    if (d.domain) keys.unshift(`d:${d.domain}`)
    keys.push(`n:${d.name.toLowerCase()}`)
  }
  return keys
}

export type Decision<D> =
  | { action: 'failed'; row: FailedRow }
  | { action: 'create'; row: D; id: string }
  | { action: 'skip'; row: D; id: string }
  /** `created`: the record is one this batch creates (an earlier row of the file). */
  | { action: 'update'; row: D; id: string; created: boolean }

/**
 * How each row of a batch is handled, in file order: create a record (its id chosen
 * here), or skip / update the record it duplicates. A row is matched on its keys in
 * order (phones, then emails; for companies the domain first and the name last), against
 * the records earlier rows of this batch create or update, then against `existing` (the
 * database and the batches still in flight): a repeat inside the file is found even
 * before anything is written.
 */
export function decide<D extends PersonDraft | CompanyDraft>(
  mode: DuplicateMode,
  rows: (D | FailedRow)[],
  existing: KeyLookup,
): Decision<D>[] {
  const out: Decision<D>[] = []
  const seen = new Map<string, { id: string; created: boolean }>()
  for (const row of rows) {
    if (row.kind === 'failed') {
      out.push({ action: 'failed', row })
      continue
    }
    if (mode === 'create') {
      out.push({ action: 'create', row, id: uuidv7() })
      continue
    }
    const keys = keysOf(row)
    let target: { id: string; created: boolean } | null = null
    for (const k of keys) {
      const inBatch = seen.get(k)
      const inDb = existing.get(k)
      target = inBatch ?? (inDb ? { id: inDb, created: false } : null)
      if (target) break
    }
    if (!target) {
      const id = uuidv7()
      out.push({ action: 'create', row, id })
      target = { id, created: true }
    } else if (mode === 'skip') {
      out.push({ action: 'skip', row, id: target.id })
      continue
    } else {
      out.push({ action: 'update', row, id: target.id, created: target.created })
    }
    // What this row creates or updates is found by its keys from now on.
    for (const k of keys) if (!seen.has(k)) seen.set(k, target)
  }
  return out
}

const union = <T>(a: T[], b: T[], key: (x: T) => string) => {
  const out = [...a]
  for (const x of b) if (!out.some((y) => key(y) === key(x))) out.push(x)
  return out.slice(0, 10)
}

/** Two rows of the file about one new record: the later one's values win, lists add up. */
export function mergeDrafts<D extends PersonDraft | CompanyDraft>(a: D, b: D): D {
  const merged = {
    ...a,
    phones: union(a.phones, b.phones, (p) => p.e164),
    emails: union(a.emails, b.emails, (e) => e.toLowerCase()),
    ownerId: b.ownerId ?? a.ownerId,
    tagNames: union(a.tagNames, b.tagNames, (t) => t.toLowerCase()),
    custom: { ...a.custom, ...b.custom },
  }
  if (merged.kind === 'person' && b.kind === 'person') {
    return {
      ...merged,
      firstName: b.firstName,
      lastName: b.lastName || merged.lastName,
      jobTitle: b.jobTitle ?? merged.jobTitle,
      company: b.company ?? merged.company,
      companyDomain: b.companyDomain ?? merged.companyDomain,
      city: b.city ?? merged.city,
      source: b.source ?? merged.source,
    }
  }
  if (merged.kind === 'company' && b.kind === 'company') {
    return {
      ...merged,
      name: b.name,
      domain: b.domain ?? merged.domain,
      industry: b.industry ?? merged.industry,
      size: b.size ?? merged.size,
      city: b.city ?? merged.city,
      region: b.region ?? merged.region,
      country: b.country ?? merged.country,
    }
  }
  return merged
}

/**
 * The decisions as work: new records (each with the rows merged into it), updates of
 * existing records (each with its rows in file order), and the log of skipped and failed
 * rows and of rows merged into a new record.
 */
export function arrange<D extends PersonDraft | CompanyDraft>(
  decisions: Decision<D>[],
  type: 'person' | 'company',
) {
  const creates = new Map<string, D>()
  const updates = new Map<string, D[]>()
  const log: LogRow[] = []
  for (const d of decisions) {
    if (d.action === 'failed') log.push(failedLog(d.row, type))
    else if (d.action === 'skip') log.push({ rowNo: d.row.rowNo, type, action: 'skipped', recordId: d.id })
    else if (d.action === 'create') {
      creates.set(d.id, d.row)
      log.push({ rowNo: d.row.rowNo, type, action: 'created', recordId: d.id })
    } else if (d.created) {
      // Nothing to restore on revert: the record goes away with the row that created it.
      creates.set(d.id, mergeDrafts(creates.get(d.id)!, d.row))
      log.push({ rowNo: d.row.rowNo, type, action: 'updated', recordId: d.id })
    } else {
      updates.set(d.id, [...(updates.get(d.id) ?? []), d.row])
    }
  }
  return { creates, updates, log }
}

export type EventRow = {
  type: 'person' | 'company'
  id: string
  label: string
  personId: string | null
  companyId: string | null
}

/** The statement that records 'created' or 'deleted' timeline events for many records. */
export function eventsPart(ctx: Ctx, kind: 'created' | 'deleted', events: EventRow[]): SQL {
  const rows = events.map((e) => ({
    id: uuidv7(),
    t: e.type,
    s: e.id,
    l: e.label,
    p: e.personId,
    c: e.companyId,
  }))
  return sql`insert into timeline_events (workspace_id, id, actor_id, subject_type, subject_id, kind, label, person_id, company_id)
    select ${ctx.workspace.id}, x.id, ${ctx.userId}, x.t, x.s, ${kind}, x.l, x.p, x.c
    from json_to_recordset(${json(rows)}) as x(id uuid, t text, s uuid, l text, p uuid, c uuid)`
}

export async function recordEvents(tx: DbOrTx, ctx: Ctx, kind: 'created' | 'deleted', events: EventRow[]) {
  if (events.length) await tx.execute(eventsPart(ctx, kind, events))
}

/**
 * Fresh planner statistics for the tables an import grows. A new workspace is missing
 * from the old statistics, so the planner takes it for a handful of rows and probes the
 * wrong index (every phone of the workspace, for each phone looked up); autovacuum only
 * catches up after a tenth of the table has changed. The import job runs this when its
 * own rows have grown eightfold (1k, 8k, 64k, 512k rows): four ANALYZEs per million rows.
 */
export async function refreshStatistics(db: DbOrTx, object: 'person' | 'company') {
  const tables =
    object === 'person'
      ? sql`people, person_phones, person_emails, companies`
      : sql`companies, company_phones, company_emails`
  // Only an optimisation: a database user that may not ANALYZE still imports.
  await db.execute(sql`analyze ${tables}`).catch(() => {})
}

/** The rows the statistics of the import's table counted when last refreshed (0: never). */
export async function countedRows(db: DbOrTx, object: 'person' | 'company') {
  const table = object === 'person' ? 'people' : 'companies'
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select greatest(reltuples, 0)::float8 as n from pg_class where oid = to_regclass(${table})`,
  ).catch(() => [])
  return Number(row?.n ?? 0)
}
