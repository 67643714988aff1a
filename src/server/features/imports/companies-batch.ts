import { sql } from 'drizzle-orm'
import { type DbOrTx, queryRows } from '../../db/client.ts'
import {
  arrange,
  type Counts,
  createdKeys,
  createdPart,
  decide,
  eventsPart,
  type LogRow,
  logPart,
  type Plan,
  type PreparedBatch,
  resolveTags,
  runAsOne,
  tagIdsOf,
  withPending,
} from './batch.ts'
import { findByKeys } from './lookup.ts'
import {
  type CompanyValues,
  contactsParts,
  json,
  loadCompanyValues,
  saveCompanyValues,
} from './record-values.ts'
import type { CompanyDraft, FailedRow } from './rows.ts'

// One batch of a companies import, in two steps as people-batch.ts: one lookup, one
// write. A company duplicates another with the same website domain, phone,
// email or name (case-insensitive).

/** Existing live companies by domain, name, phone and email (see findByKeys). */
async function existingCompanies(tx: DbOrTx, ws: string, drafts: CompanyDraft[]) {
  const rows = await findByKeys(tx, ws, 'company', {
    phones: [...new Set(drafts.flatMap((d) => d.phones.map((p) => p.e164)))],
    emails: [...new Set(drafts.flatMap((d) => d.emails.map((e) => e.toLowerCase())))],
    domains: [...new Set(drafts.map((d) => d.domain).filter((x): x is string => !!x))],
    names: [...new Set(drafts.map((d) => d.name.toLowerCase()))],
  })
  const out = new Map<string, string>()
  for (const r of rows) if (!out.has(r.k)) out.set(r.k, r.id)
  return out
}

const companySearchText = (d: CompanyDraft) =>
  [
    ...[d.name, d.domain, d.city].filter(Boolean),
    ...d.emails,
    ...d.phones.flatMap((p) => [p.e164.slice(1), p.national]),
  ]
    .join(' ')
    .toLowerCase()

/**
 * The first step of a batch, as in people-batch.ts: duplicates looked up and decided
 * (`pending`: the created keys of batches still in flight), tags created.
 */
export async function prepareCompaniesBatch(
  db: DbOrTx,
  plan: Plan,
  rows: (CompanyDraft | FailedRow)[],
  pending: Map<string, string>[],
): Promise<PreparedBatch> {
  const ws = plan.ctx.workspace.id
  const drafts = rows.filter((r): r is CompanyDraft => r.kind === 'company')
  const existing =
    plan.mode === 'create' ? new Map<string, string>() : await existingCompanies(db, ws, drafts)
  const decisions = decide(plan.mode, rows, withPending(existing, pending))
  const { creates, updates, log } = arrange(decisions, 'company')
  const tags = await resolveTags(db, plan.ctx, [...creates.values(), ...[...updates.values()].flat()])
  return {
    lastRow: rows.length ? rows[rows.length - 1]!.rowNo : 0,
    created: createdKeys(plan.mode, creates),
    write: (tx) => writeCompanies(tx, plan, { creates, updates, log, tags }),
  }
}

/** The second step, in the batch's transaction: one statement, and a few more for updates. */
async function writeCompanies(
  tx: DbOrTx,
  plan: Plan,
  w: {
    creates: Map<string, CompanyDraft>
    updates: Map<string, CompanyDraft[]>
    log: LogRow[]
    tags: Map<string, string>
  },
): Promise<Counts> {
  const { ctx } = plan
  const ws = ctx.workspace.id
  const { creates, updates, log, tags } = w
  const companies = [...creates].map(([id, d]) => ({
    id,
    n: d.name,
    d: d.domain,
    i: d.industry,
    z: d.size,
    ci: d.city,
    r: d.region,
    co: d.country,
    o: d.ownerId ?? ctx.userId,
    s: d.name.toLowerCase(),
    t: companySearchText(d),
    g: tagIdsOf(d, tags),
    u: d.custom,
  }))
  const changes: { id: string; before: CompanyValues; after: CompanyValues }[] = []
  if (updates.size) {
    const current = await loadCompanyValues(tx, ws, [...updates.keys()])
    for (const [id, list] of updates) {
      const original = current.get(id)!
      let values = original
      for (const d of list) {
        log.push({ rowNo: d.rowNo, type: 'company', action: 'updated', recordId: id, before: values })
        values = mergeCompany(values, d, tagIdsOf(d, tags))
      }
      changes.push({ id, before: original, after: values })
    }
  }

  // Created companies go to import_created, one row for the batch (as in people-batch.ts);
  // the rest per row.
  const rest = log.filter((r) => r.action !== 'created').sort((a, b) => a.rowNo - b.rowNo)
  const { part, counts } = logPart(plan, rest)
  counts.created += creates.size
  await runAsOne(tx, [
    sql`insert into companies (workspace_id, id, name, domain, industry, size, city, region, country,
        owner_id, sort_name, search_text, tag_ids, custom, created_by)
      select ${ws}, x.id, x.n, x.d, x.i, x.z, x.ci, x.r, x.co, x.o, x.s, x.t, x.g, x.u, ${ctx.userId}
      from json_to_recordset(${json(companies)}) as x(id uuid, n text, d text, i text, z text, ci text, r text,
        co text, o text, s text, t text, g uuid[], u jsonb)`,
    ...contactsParts(
      'company',
      ws,
      [...creates].map(([id, d]) => ({
        id,
        phones: d.phones.map((p) => ({ e164: p.e164, label: null })),
        emails: d.emails.map((email) => ({ email, label: null })),
      })),
    ),
    eventsPart(
      ctx,
      'created',
      companies.map((c) => ({ type: 'company', id: c.id, label: c.n, personId: null, companyId: c.id })),
    ),
    createdPart(
      plan,
      sql`json_to_recordset(${json([...creates].map(([id, d]) => ({ r: d.rowNo, id })))}) as x(r int, id uuid)`,
    ),
    part,
  ])
  await saveCompanyValues(tx, ctx, changes)
  return counts
}

function mergeCompany(before: CompanyValues, d: CompanyDraft, tagIds: string[]): CompanyValues {
  const phones = [...before.phones]
  for (const p of d.phones)
    if (!phones.some((x) => x.e164 === p.e164)) phones.push({ e164: p.e164, label: null })
  const emails = [...before.emails]
  for (const e of d.emails) {
    if (!emails.some((x) => x.email.toLowerCase() === e.toLowerCase())) emails.push({ email: e, label: null })
  }
  return {
    // Matched on the name in another case: the name as it was written first stays.
    name: d.name.toLowerCase() === before.name.toLowerCase() ? before.name : d.name,
    domain: d.domain ?? before.domain,
    industry: d.industry ?? before.industry,
    size: d.size ?? before.size,
    city: d.city ?? before.city,
    region: d.region ?? before.region,
    country: d.country ?? before.country,
    ownerId: d.ownerId ?? before.ownerId,
    tagIds: [...new Set([...before.tagIds, ...tagIds])],
    custom: { ...before.custom, ...d.custom },
    phones: phones.slice(0, 10),
    emails: emails.slice(0, 10),
  }
}
