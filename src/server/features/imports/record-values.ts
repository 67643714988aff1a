import { type SQL, sql } from 'drizzle-orm'
import { uuidv7 } from 'uuidv7'
import { type DbOrTx, queryRows } from '../../db/client.ts'
import type { Ctx } from '../../http/context.ts'
import type { ContactOwner } from '../contacts/contacts.queries.ts'
import { type EmailValue, type PhoneValue, searchText } from '../contacts/contacts.rules.ts'
import { customFieldNames, flatCustom } from '../custom-fields/custom-values.ts'
import { namesOfCompanies, ownerNames } from '../people/people.queries.ts'
import { diffFields } from '../timeline/timeline.service.ts'

// The editable values of existing people and companies, read and written many records at
// a time: what an import that updates duplicates changes, what it keeps as the
// before-image (import_rows.before), and what a revert writes back. Each save bumps the
// version, refreshes sort_name and search_text like the services do, replaces phones and
// emails, and records an 'updated' timeline event with the field changes.

type Shared = {
  ownerId: string | null
  tagIds: string[]
  custom: Record<string, unknown>
  phones: PhoneValue[]
  emails: EmailValue[]
}
export type PersonValues = Shared & {
  firstName: string
  lastName: string
  jobTitle: string | null
  companyId: string | null
  // Optional: before-images logged by imports older than these fields have neither.
  source?: string | null
  city?: string | null
}
export type CompanyValues = Shared & {
  name: string
  domain: string | null
  industry: string | null
  size: string | null
  city: string | null
  region: string | null
  country: string | null
}
export type Change<V> = { id: string; before: V; after: V }

export const json = (value: unknown) => sql`${JSON.stringify(value)}::json`
const idArray = (ids: string[]) => sql`${sql.param(ids)}::uuid[]`

/** The contact tables of people and of companies, and the column that points at the record. */
export const CONTACTS = {
  person: {
    records: sql.raw('people'),
    phones: sql.raw('person_phones'),
    emails: sql.raw('person_emails'),
    key: sql.raw('person_id'),
  },
  company: {
    records: sql.raw('companies'),
    phones: sql.raw('company_phones'),
    emails: sql.raw('company_emails'),
    key: sql.raw('company_id'),
  },
}

async function contactsOf(db: DbOrTx, owner: ContactOwner, ws: string, ids: string[]) {
  const t = CONTACTS[owner]
  const [phones, emails] = [
    await queryRows<{ id: string; e164: string; label: string | null }>(
      db,
      sql`select ${t.key} as id, e164, label from ${t.phones}
          where workspace_id = ${ws} and ${t.key} = any(${idArray(ids)}) order by ${t.key}, position`,
    ),
    await queryRows<{ id: string; email: string; label: string | null }>(
      db,
      sql`select ${t.key} as id, email, label from ${t.emails}
          where workspace_id = ${ws} and ${t.key} = any(${idArray(ids)}) order by ${t.key}, position`,
    ),
  ]
  const out = new Map<string, { phones: PhoneValue[]; emails: EmailValue[] }>()
  const of = (id: string) => out.get(id) ?? out.set(id, { phones: [], emails: [] }).get(id)!
  for (const p of phones) of(p.id).phones.push({ e164: p.e164, label: p.label })
  for (const e of emails) of(e.id).emails.push({ email: e.email, label: e.label })
  return out
}

/** Writes many records' phones and emails (the lists replace what they had). */
export async function replaceContactsMany(
  db: DbOrTx,
  owner: ContactOwner,
  ws: string,
  list: { id: string; phones: PhoneValue[]; emails: EmailValue[] }[],
) {
  if (!list.length) return
  const t = CONTACTS[owner]
  const ids = list.map((r) => r.id)
  await db.execute(
    sql`delete from ${t.phones} where workspace_id = ${ws} and ${t.key} = any(${idArray(ids)})`,
  )
  await db.execute(
    sql`delete from ${t.emails} where workspace_id = ${ws} and ${t.key} = any(${idArray(ids)})`,
  )
  await insertContacts(db, owner, ws, list)
}

/** The statements that insert phones and emails of records that have none yet (new records). */
export function contactsParts(
  owner: ContactOwner,
  ws: string,
  list: { id: string; phones: PhoneValue[]; emails: EmailValue[] }[],
): SQL[] {
  const t = CONTACTS[owner]
  const phones = list.flatMap((r) => r.phones.map((p, n) => ({ r: r.id, n, v: p.e164, l: p.label })))
  const emails = list.flatMap((r) => r.emails.map((e, n) => ({ r: r.id, n, v: e.email, l: e.label })))
  return [
    sql`insert into ${t.phones} (workspace_id, ${t.key}, position, e164, label)
      select ${ws}, x.r, x.n, x.v, x.l from json_to_recordset(${json(phones)}) as x(r uuid, n int, v text, l text)`,
    sql`insert into ${t.emails} (workspace_id, ${t.key}, position, email, label)
      select ${ws}, x.r, x.n, x.v, x.l from json_to_recordset(${json(emails)}) as x(r uuid, n int, v text, l text)`,
  ]
}

async function insertContacts(
  db: DbOrTx,
  owner: ContactOwner,
  ws: string,
  list: { id: string; phones: PhoneValue[]; emails: EmailValue[] }[],
) {
  for (const part of contactsParts(owner, ws, list)) await db.execute(part)
}

type Row = {
  id: string
  owner_id: string | null
  tag_ids: string[]
  custom: Record<string, unknown>
  deleted_at: unknown
} & Record<string, unknown>

async function lockRows(db: DbOrTx, table: SQL, ws: string, ids: string[]) {
  return queryRows<Row>(
    db,
    sql`select * from ${table} where workspace_id = ${ws} and id = any(${idArray(ids)}) order by id for update`,
  )
}

/** Live people's current values, locked for this transaction. */
export async function loadPeopleValues(db: DbOrTx, ws: string, ids: string[]) {
  const out = new Map<string, PersonValues>()
  if (!ids.length) return out
  const rows = await lockRows(db, sql.raw('people'), ws, ids)
  const contacts = await contactsOf(db, 'person', ws, ids)
  for (const r of rows) {
    if (r.deleted_at) continue
    out.set(r.id, {
      firstName: r.first_name as string,
      lastName: r.last_name as string,
      jobTitle: r.job_title as string | null,
      companyId: r.company_id as string | null,
      source: r.source as string | null,
      city: r.city as string | null,
      ownerId: r.owner_id,
      tagIds: r.tag_ids ?? [],
      custom: r.custom ?? {},
      ...(contacts.get(r.id) ?? { phones: [], emails: [] }),
    })
  }
  return out
}

export async function loadCompanyValues(db: DbOrTx, ws: string, ids: string[]) {
  const out = new Map<string, CompanyValues>()
  if (!ids.length) return out
  const rows = await lockRows(db, sql.raw('companies'), ws, ids)
  const contacts = await contactsOf(db, 'company', ws, ids)
  for (const r of rows) {
    if (r.deleted_at) continue
    const s = (k: string) => r[k] as string | null
    out.set(r.id, {
      name: r.name as string,
      domain: s('domain'),
      industry: s('industry'),
      size: s('size'),
      city: s('city'),
      region: s('region'),
      country: s('country'),
      ownerId: r.owner_id,
      tagIds: r.tag_ids ?? [],
      custom: r.custom ?? {},
      ...(contacts.get(r.id) ?? { phones: [], emails: [] }),
    })
  }
  return out
}

const personName = (v: PersonValues) => `${v.firstName} ${v.lastName}`.trim()

export async function savePeopleValues(db: DbOrTx, ctx: Ctx, changes: Change<PersonValues>[]) {
  if (!changes.length) return
  const ws = ctx.workspace.id
  const rows = changes.map(({ id, after: v }) => ({
    id,
    f: v.firstName,
    l: v.lastName,
    j: v.jobTitle,
    so: v.source ?? null,
    ci: v.city ?? null,
    o: v.ownerId,
    c: v.companyId,
    g: v.tagIds,
    u: v.custom,
    s: personName(v).toLowerCase(),
    t: searchText([v.firstName, v.lastName], v.phones, v.emails),
  }))
  await db.execute(sql`update people p set first_name = x.f, last_name = x.l, job_title = x.j, source = x.so,
      city = x.ci, owner_id = x.o, company_id = x.c, tag_ids = x.g, custom = x.u, sort_name = x.s, search_text = x.t,
      version = p.version + 1, updated_at = now()
    from json_to_recordset(${json(rows)}) as x(id uuid, f text, l text, j text, so text, ci text, o text, c uuid, g uuid[],
      u jsonb, s text, t text)
    where p.workspace_id = ${ws} and p.id = x.id`)
  await replaceContactsMany(
    db,
    'person',
    ws,
    changes.map(({ id, after }) => ({ id, ...after })),
  )
  const names = await referenceNames(db, ws, changes)
  const flat = (v: PersonValues): Record<string, unknown> => ({
    firstName: v.firstName,
    lastName: v.lastName,
    jobTitle: v.jobTitle,
    owner: v.ownerId ? (names.owners.get(v.ownerId) ?? null) : null,
    company: v.companyId ? (names.companies.get(v.companyId) ?? null) : null,
    source: v.source ?? null,
    city: v.city ?? null,
    ...shared(v, names.tags),
  })
  // In the order the people service records them.
  const fields = [
    'firstName',
    'lastName',
    'jobTitle',
    'owner',
    'company',
    'source',
    'city',
    'phones',
    'emails',
    'tags',
  ]
  await recordUpdates(
    db,
    ctx,
    changes.map((c) => {
      const list = diffFields(flat(c.before), flat(c.after), [
        ...fields,
        ...customFieldNames(c.before.custom, c.after.custom),
      ])
      const companyMoved = list.some((x) => x.field === 'company')
      return {
        subjectType: 'person',
        id: c.id,
        label: personName(c.after),
        changes: list,
        personId: c.id,
        companyId: companyMoved ? c.after.companyId : null,
      }
    }),
  )
}

export async function saveCompanyValues(db: DbOrTx, ctx: Ctx, changes: Change<CompanyValues>[]) {
  if (!changes.length) return
  const ws = ctx.workspace.id
  const rows = changes.map(({ id, after: v }) => ({
    id,
    n: v.name,
    d: v.domain,
    i: v.industry,
    z: v.size,
    ci: v.city,
    r: v.region,
    co: v.country,
    o: v.ownerId,
    g: v.tagIds,
    u: v.custom,
    s: v.name.toLowerCase(),
    t: searchText([v.name, v.domain, v.city], v.phones, v.emails),
  }))
  await db.execute(sql`update companies c set name = x.n, domain = x.d, industry = x.i, size = x.z, city = x.ci,
      region = x.r, country = x.co, owner_id = x.o, tag_ids = x.g, custom = x.u, sort_name = x.s,
      search_text = x.t, version = c.version + 1, updated_at = now()
    from json_to_recordset(${json(rows)}) as x(id uuid, n text, d text, i text, z text, ci text, r text, co text,
      o text, g uuid[], u jsonb, s text, t text)
    where c.workspace_id = ${ws} and c.id = x.id`)
  await replaceContactsMany(
    db,
    'company',
    ws,
    changes.map(({ id, after }) => ({ id, ...after })),
  )
  const names = await referenceNames(db, ws, changes)
  const flat = (v: CompanyValues): Record<string, unknown> => ({
    name: v.name,
    domain: v.domain,
    industry: v.industry,
    size: v.size,
    city: v.city,
    region: v.region,
    country: v.country,
    owner: v.ownerId ? (names.owners.get(v.ownerId) ?? null) : null,
    ...shared(v, names.tags),
  })
  const fields = [
    'name',
    'domain',
    'industry',
    'size',
    'city',
    'region',
    'country',
    'owner',
    'phones',
    'emails',
    'tags',
  ]
  await recordUpdates(
    db,
    ctx,
    changes.map((c) => ({
      subjectType: 'company',
      id: c.id,
      label: c.after.name,
      changes: diffFields(flat(c.before), flat(c.after), [
        ...fields,
        ...customFieldNames(c.before.custom, c.after.custom),
      ]),
      personId: null,
      companyId: c.id,
    })),
  )
}

const shared = (v: Shared, tags: Map<string, string>) => ({
  phones: v.phones.map((x) => x.e164).join(', ') || null,
  emails: v.emails.map((x) => x.email).join(', ') || null,
  tags:
    v.tagIds
      .map((id) => tags.get(id))
      .filter(Boolean)
      .sort()
      .join(', ') || null,
  ...flatCustom(v.custom),
})

async function referenceNames(
  db: DbOrTx,
  ws: string,
  changes: Change<Shared & { companyId?: string | null }>[],
) {
  const all = changes.flatMap((c) => [c.before, c.after])
  const tagIds = [...new Set(all.flatMap((v) => v.tagIds))]
  const [owners, companies, tags] = await Promise.all([
    ownerNames(
      db,
      all.map((v) => v.ownerId),
    ),
    namesOfCompanies(
      db,
      ws,
      all.map((v) => v.companyId ?? null),
    ),
    tagIds.length
      ? queryRows<{ id: string; name: string }>(
          db,
          sql`select id, name from tags where workspace_id = ${ws} and id = any(${idArray(tagIds)})`,
        )
      : Promise.resolve([]),
  ])
  return { owners, companies, tags: new Map(tags.map((t) => [t.id, t.name])) }
}

type UpdateEvent = {
  subjectType: 'person' | 'company'
  id: string
  label: string
  changes: ReturnType<typeof diffFields>
  personId: string | null
  companyId: string | null
}

/** 'updated' timeline events, one statement for all (records without a change get none). */
async function recordUpdates(db: DbOrTx, ctx: Ctx, events: UpdateEvent[]) {
  const rows = events
    .filter((e) => e.changes.length)
    .map((e) => ({
      id: uuidv7(),
      t: e.subjectType,
      s: e.id,
      l: e.label,
      c: e.changes,
      p: e.personId,
      co: e.companyId,
    }))
  if (!rows.length) return
  await db.execute(sql`insert into timeline_events
      (workspace_id, id, actor_id, subject_type, subject_id, kind, label, changes, person_id, company_id)
    select ${ctx.workspace.id}, x.id, ${ctx.userId}, x.t, x.s, 'updated', x.l, x.c, x.p, x.co
    from json_to_recordset(${json(rows)}) as x(id uuid, t text, s uuid, l text, c jsonb, p uuid, co uuid)`)
}
