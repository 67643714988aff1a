import { sql } from 'drizzle-orm'
import { uuidv7 } from 'uuidv7'
import type { DbOrTx } from '../../db/client.ts'
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
import { json, loadPeopleValues, type PersonValues, savePeopleValues } from './record-values.ts'
import type { FailedRow, PersonDraft } from './rows.ts'

// One batch of a people import, in as few round trips as possible whatever the batch
// size, rows passed as JSON parameters: one statement looks up duplicates and companies,
// one creates the companies the batch needs (when it needs any), one writes the rest
// (people, phones, emails, timeline, row log). A million rows cost a thousand batches,
// not millions of statements. Updates of duplicates (rare) take a few more statements.

/** Existing live people by phone and email, companies by domain and name (see findByKeys). */
async function lookup(tx: DbOrTx, ws: string, drafts: PersonDraft[], withPeople: boolean) {
  const rows = await findByKeys(tx, ws, 'person', {
    phones: withPeople ? [...new Set(drafts.flatMap((d) => d.phones.map((p) => p.e164)))] : [],
    emails: withPeople ? [...new Set(drafts.flatMap((d) => d.emails.map((e) => e.toLowerCase())))] : [],
    domains: [...new Set(drafts.map((d) => d.companyDomain).filter((x): x is string => !!x))],
    names: [...new Set(drafts.map((d) => d.company?.toLowerCase()).filter((x): x is string => !!x))],
  })
  const people = new Map<string, string>()
  const companies = new Map<string, string>()
  // The oldest record wins when several match.
  for (const r of rows) {
    const map = r.k.startsWith('p:') || r.k.startsWith('e:') ? people : companies
    if (!map.has(r.k)) map.set(r.k, r.id)
  }
  return { people, companies }
}

type NewCompany = { id: string; n: string; d: string | null; s: string; t: string }

/**
 * The company of each row: matched by website domain first, then by name
 * (case-insensitive), else created once (and logged, so a revert removes it too).
 */
function resolveCompanies(drafts: PersonDraft[], found: Map<string, string>, log: LogRow[]) {
  const byDraft = new Map<PersonDraft, string>()
  const created: NewCompany[] = []
  for (const d of drafts) {
    if (!d.company && !d.companyDomain) continue
    const name = d.company?.toLowerCase()
    const domainKey = d.companyDomain ? `d:${d.companyDomain}` : null
    const nameKey = name ? `n:${name}` : null
    let id = (domainKey && found.get(domainKey)) || (nameKey && found.get(nameKey)) || null
    if (!id) {
      id = uuidv7()
      const display = d.company ?? d.companyDomain!
      // sort_name and search_text as the companies service writes them.
      const text = [display, d.companyDomain].filter(Boolean).join(' ').toLowerCase()
      created.push({ id, n: display, d: d.companyDomain, s: display.toLowerCase(), t: text })
      log.push({ rowNo: d.rowNo, type: 'company', action: 'created', recordId: id })
    }
    if (domainKey && !found.has(domainKey)) found.set(domainKey, id)
    if (nameKey && !found.has(nameKey)) found.set(nameKey, id)
    byDraft.set(d, id)
  }
  return { byDraft, created }
}

/**
 * A PostgreSQL array literal (`{"a","b"}`) for a list inside a JSON parameter: declared
 * text and cast, it costs PostgreSQL a fraction of what converting a JSON array does.
 */
const pgArray = (values: string[]) => `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`

const fullName = (d: { firstName: string; lastName: string }) => `${d.firstName} ${d.lastName}`.trim()

/** search_text exactly as contacts.rules searchText() writes it, from the phone parse already made. */
export const personSearchText = (d: PersonDraft) =>
  [
    ...[d.firstName, d.lastName].filter(Boolean),
    ...d.emails,
    ...d.phones.flatMap((p) => [p.e164.slice(1), p.national]),
  ]
    .join(' ')
    .toLowerCase()

/**
 * Companies this batch creates, with their timeline events and row log, as one statement
 * (atomic on its own). In a pipeline it commits before the batch's transaction starts, so
 * the people of this batch and of the next ones only point at committed companies. A
 * resumed import finds them again by domain or name; one that a user has renamed or
 * deleted meanwhile is created anew and logged in its place.
 */
async function createCompanies(db: DbOrTx, plan: Plan, created: NewCompany[], log: LogRow[]) {
  if (!created.length) return
  const { ctx } = plan
  const ws = ctx.workspace.id
  await runAsOne(db, [
    sql`insert into companies (workspace_id, id, name, domain, owner_id, sort_name, search_text, created_by)
      select ${ws}, x.id, x.n, x.d, ${ctx.userId}, x.s, x.t, ${ctx.userId}
      from json_to_recordset(${json(created)}) as x(id uuid, n text, d text, s text, t text)`,
    eventsPart(
      ctx,
      'created',
      created.map((c) => ({ type: 'company', id: c.id, label: c.n, personId: null, companyId: c.id })),
    ),
    logPart(plan, log, { replace: true }).part,
  ])
}

/**
 * The first step of a batch: duplicates looked up and decided (`pending`: the created
 * keys of batches still in flight), tags and companies created. On `db`, outside the
 * batch's transaction in a pipeline; in the batch's transaction otherwise.
 */
export async function preparePeopleBatch(
  db: DbOrTx,
  plan: Plan,
  rows: (PersonDraft | FailedRow)[],
  pending: Map<string, string>[],
): Promise<PreparedBatch> {
  const { ctx } = plan
  const drafts = rows.filter((r): r is PersonDraft => r.kind === 'person')
  const found = await lookup(db, ctx.workspace.id, drafts, plan.mode !== 'create')
  const decisions = decide(plan.mode, rows, withPending(found.people, pending))
  const { creates, updates, log } = arrange(decisions, 'person')
  const writing = [...creates.values(), ...[...updates.values()].flat()]
  const companyLog: LogRow[] = []
  const companies = resolveCompanies(writing, found.companies, companyLog)
  const tags = await resolveTags(db, ctx, writing)
  await createCompanies(db, plan, companies.created, companyLog)
  const lastRow = rows.length ? rows[rows.length - 1]!.rowNo : 0
  return {
    lastRow,
    created: createdKeys(plan.mode, creates),
    write: (tx) => writePeople(tx, plan, { creates, updates, log, companyOf: companies.byDraft, tags }),
  }
}

/**
 * The second step, in the batch's transaction: people, phones, emails, timeline and row
 * log in one statement; updates of existing people (rare) take a few more.
 */
async function writePeople(
  tx: DbOrTx,
  plan: Plan,
  w: {
    creates: Map<string, PersonDraft>
    updates: Map<string, PersonDraft[]>
    log: LogRow[]
    companyOf: Map<PersonDraft, string>
    tags: Map<string, string>
  },
): Promise<Counts> {
  const { ctx } = plan
  const ws = ctx.workspace.id
  const { companyOf, tags } = w
  // One JSON document per new person, for all five inserts: its phones and emails, its
  // timeline event and its row number ride along, so the batch's parameters name each
  // person once (less to build, send and parse than one document per table). The people
  // created are logged as one import_created row for the batch, not a row each.
  const people = [...w.creates].map(([id, d]) => ({
    id,
    // The row that created the person (rows merged into it later are logged as updates).
    r: d.rowNo,
    f: d.firstName,
    l: d.lastName,
    j: d.jobTitle,
    so: d.source,
    ci: d.city,
    o: d.ownerId ?? ctx.userId,
    c: companyOf.get(d) ?? null,
    s: fullName(d).toLowerCase(),
    t: personSearchText(d),
    // Lists as array literals, custom values only when there are any: cheaper to read.
    g: pgArray(tagIdsOf(d, tags)),
    u: Object.keys(d.custom).length ? d.custom : null,
    ph: pgArray(d.phones.map((p) => p.e164)),
    em: pgArray(d.emails),
    ev: uuidv7(),
  }))

  // Updates of existing people: each row's before-image is the person as the rows before
  // it left them (read and locked first), logged for revert.
  const log = w.log.filter((r) => r.action !== 'created')
  const changes: { id: string; before: PersonValues; after: PersonValues }[] = []
  if (w.updates.size) {
    const current = await loadPeopleValues(tx, ws, [...w.updates.keys()])
    for (const [id, list] of w.updates) {
      const original = current.get(id)!
      let values = original
      for (const d of list) {
        log.push({ rowNo: d.rowNo, type: 'person', action: 'updated', recordId: id, before: values })
        values = mergePerson(values, d, companyOf.get(d), tagIdsOf(d, tags))
      }
      changes.push({ id, before: original, after: values })
    }
  }

  log.sort((a, b) => a.rowNo - b.rowNo)
  const { part, counts } = logPart(plan, log)
  counts.created += people.length
  // Foreign keys are checked at the end of the statement: phones may point at people
  // inserted by a sibling part. The label is the name as revert.job.ts labels it.
  await tx.execute(sql`with x as (
      select * from json_to_recordset(${json(people)}) as x(id uuid, r int, f text, l text, j text, so text,
        ci text, o text, c uuid, s text, t text, g text, u jsonb, ph text, em text, ev uuid)
    ), people as (
      insert into people (workspace_id, id, first_name, last_name, job_title, source, city, owner_id,
        company_id, sort_name, search_text, tag_ids, custom, created_by)
      select ${ws}, x.id, x.f, x.l, x.j, x.so, x.ci, x.o, x.c, x.s, x.t, x.g::uuid[], coalesce(x.u, '{}'),
        ${ctx.userId}
      from x
    ), phones as (
      insert into person_phones (workspace_id, person_id, position, e164)
      select ${ws}, x.id, y.n - 1, y.v from x, unnest(x.ph::text[]) with ordinality as y(v, n)
    ), emails as (
      insert into person_emails (workspace_id, person_id, position, email)
      select ${ws}, x.id, y.n - 1, y.v from x, unnest(x.em::text[]) with ordinality as y(v, n)
    ), events as (
      insert into timeline_events (workspace_id, id, actor_id, subject_type, subject_id, kind, label,
        person_id, company_id)
      select ${ws}, x.ev, ${ctx.userId}, 'person', x.id, 'created', trim(x.f || ' ' || x.l), x.id, x.c from x
    ), created as (${createdPart(plan, sql`x`)})
    ${part}`)
  // After the insert: an updated person may move to a company created just now.
  await savePeopleValues(tx, ctx, changes)
  return counts
}

/** An update adds what the file has and keeps the rest: blank cells never erase a value. */
function mergePerson(
  before: PersonValues,
  d: PersonDraft,
  companyId: string | undefined,
  tagIds: string[],
): PersonValues {
  const phones = [...before.phones]
  for (const p of d.phones)
    if (!phones.some((x) => x.e164 === p.e164)) phones.push({ e164: p.e164, label: null })
  const emails = [...before.emails]
  for (const e of d.emails) {
    if (!emails.some((x) => x.email.toLowerCase() === e.toLowerCase())) emails.push({ email: e, label: null })
  }
  return {
    firstName: d.firstName,
    lastName: d.lastName || before.lastName,
    jobTitle: d.jobTitle ?? before.jobTitle,
    source: d.source ?? before.source ?? null,
    city: d.city ?? before.city ?? null,
    companyId: companyId ?? before.companyId,
    ownerId: d.ownerId ?? before.ownerId,
    tagIds: [...new Set([...before.tagIds, ...tagIds])],
    custom: { ...before.custom, ...d.custom },
    phones: phones.slice(0, 10),
    emails: emails.slice(0, 10),
  }
}
