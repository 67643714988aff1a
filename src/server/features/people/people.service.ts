import { uuidv7 } from 'uuidv7'
import type { DbOrTx } from '../../db/client.ts'
import type { Ctx } from '../../http/context.ts'
import { AppError, invalid, notFound, preconditionFailed } from '../../http/errors.ts'
import { assertCan, assertMember } from '../../http/permissions.ts'
import { findCompanyRow } from '../companies/companies.queries.ts'
import { findDuplicate, replaceContacts } from '../contacts/contacts.queries.ts'
import { duplicateError, normalizeEmails, normalizePhones, searchText } from '../contacts/contacts.rules.ts'
import { customFieldNames, flatCustom, nextCustom } from '../custom-fields/custom-values.ts'
import { countList, listPlan } from '../filters/list-where.ts'
import { encodeListCursor } from '../filters/sort.ts'
import { resolveTagIds } from '../tags/tags.service.ts'
import { diffFields, listTimeline, recordEvent } from '../timeline/timeline.service.ts'
import {
  findPersonRow,
  insertPersonRow,
  type PersonRow,
  presentDetailedPeople,
  presentPeople,
  selectPeoplePage,
  updatePersonRow,
} from './people.queries.ts'
import type { PeopleListQuery, Person, PersonCreateInput, PersonUpdateInput } from './people.schema.ts'

// People use cases. Each starts with the authorization check, validates what the schema
// cannot (phones against the workspace country, owner and company), and writes the
// change and its timeline event in one transaction.

export async function listPeople(ctx: Ctx, query: PeopleListQuery) {
  assertCan(ctx, 'read')
  const plan = await listPlan(ctx, 'person', query)
  const { items, next } = await selectPeoplePage(ctx.db, plan, query.limit)
  return {
    data: await presentDetailedPeople(ctx.db, ctx.workspace.id, items),
    nextCursor: next ? encodeListCursor(next) : null,
  }
}

/** How many people the list holds with these parameters, up to 10,000. */
export async function countPeople(ctx: Ctx, query: PeopleListQuery) {
  assertCan(ctx, 'read')
  return countList(ctx, 'person', query)
}

export async function getPerson(ctx: Ctx, id: string): Promise<Person> {
  assertCan(ctx, 'read')
  const row = await findPersonRow(ctx.db, ctx.workspace.id, id)
  if (!row) throw notFound('Person')
  return one(ctx.db, ctx, row)
}

const fullName = (r: { firstName: string; lastName: string }) => `${r.firstName} ${r.lastName}`.trim()

/**
 * Creates a person; replaying a create with the same client id returns the first one.
 * A phone or email another person already has answers 409 unless `allowDuplicate`.
 */
export async function createPerson(
  ctx: Ctx,
  input: PersonCreateInput,
  allowDuplicate = false,
): Promise<{ person: Person; created: boolean }> {
  assertCan(ctx, 'write')
  const phones = normalizePhones(input.phones ?? [], ctx.workspace.country)
  const emails = normalizeEmails(input.emails ?? [])
  const ownerId = input.ownerId === undefined ? ctx.userId : input.ownerId
  await assertMember(ctx, ownerId)
  const firstName = input.firstName
  const lastName = input.lastName ?? ''
  const companyId = input.companyId ?? null
  return ctx.db.transaction(async (tx) => {
    const id = input.id ?? uuidv7()
    const replay = await findPersonRow(tx, ctx.workspace.id, id)
    if (replay) return { person: await one(tx, ctx, replay), created: false }
    await assertCompanyExists(tx, ctx, companyId)
    const tagIds = await resolveTagIds(tx, ctx, input.tagIds ?? [])
    const custom = (await nextCustom(tx, ctx, 'person', {}, input.custom)) ?? {}
    if (!allowDuplicate) {
      const dup = await findDuplicate(tx, 'person', ctx.workspace.id, phones, emails, null)
      if (dup) throw duplicateError(dup, phones, emails)
    }
    const row = await insertPersonRow(tx, {
      workspaceId: ctx.workspace.id,
      id,
      firstName,
      lastName,
      jobTitle: input.jobTitle || null,
      source: input.source ?? null,
      city: input.city || null,
      ownerId,
      companyId,
      sortName: fullName({ firstName, lastName }).toLowerCase(),
      searchText: searchText([firstName, lastName], phones, emails),
      tagIds,
      custom,
      createdBy: ctx.userId,
    })
    if (!row) throw new AppError(409, 'id_taken', 'This id is already in use')
    await replaceContacts(tx, 'person', ctx.workspace.id, id, phones, emails)
    await recordEvent(tx, ctx, {
      subjectType: 'person',
      subjectId: id,
      kind: 'created',
      label: fullName(row),
      links: { personId: id, companyId },
    })
    return { person: await one(tx, ctx, row), created: true }
  })
}

export async function updatePerson(
  ctx: Ctx,
  id: string,
  expectedVersion: number,
  input: PersonUpdateInput,
  allowDuplicate = false,
): Promise<Person> {
  assertCan(ctx, 'write')
  const phones = input.phones && normalizePhones(input.phones, ctx.workspace.country)
  const emails = input.emails && normalizeEmails(input.emails)
  if (input.ownerId !== undefined) await assertMember(ctx, input.ownerId)
  return ctx.db.transaction(async (tx) => {
    const current = await findPersonRow(tx, ctx.workspace.id, id, true)
    if (!current) throw notFound('Person')
    if (current.deletedAt)
      throw new AppError(409, 'deleted', 'Restore this person from the trash before editing')
    if (current.version !== expectedVersion) throw preconditionFailed()
    if (input.companyId !== undefined) await assertCompanyExists(tx, ctx, input.companyId)
    const tagIds = input.tagIds && (await resolveTagIds(tx, ctx, input.tagIds))
    const custom = await nextCustom(tx, ctx, 'person', current.custom, input.custom)
    if (!allowDuplicate && (phones || emails)) {
      const dup = await findDuplicate(tx, 'person', ctx.workspace.id, phones ?? [], emails ?? [], id)
      if (dup) throw duplicateError(dup, phones ?? [], emails ?? [])
    }
    const before = await one(tx, ctx, current)
    const firstName = input.firstName ?? current.firstName
    const lastName = input.lastName ?? current.lastName
    const contacts = { phones: phones ?? before.phones, emails: emails ?? before.emails }
    const row = await updatePersonRow(tx, ctx.workspace.id, id, expectedVersion, {
      firstName,
      lastName,
      ...(input.jobTitle !== undefined ? { jobTitle: input.jobTitle || null } : {}),
      ...(input.ownerId !== undefined ? { ownerId: input.ownerId } : {}),
      ...(input.source !== undefined ? { source: input.source } : {}),
      ...(input.city !== undefined ? { city: input.city || null } : {}),
      ...(input.companyId !== undefined ? { companyId: input.companyId } : {}),
      ...(tagIds ? { tagIds } : {}),
      ...(custom ? { custom } : {}),
      sortName: fullName({ firstName, lastName }).toLowerCase(),
      searchText: searchText([firstName, lastName], contacts.phones, contacts.emails),
    })
    if (!row) throw preconditionFailed()
    await replaceContacts(tx, 'person', ctx.workspace.id, id, phones, emails)
    const after = await one(tx, ctx, row)
    const changes = diffFields(flat(before), flat(after), [
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
      ...customFieldNames(before.custom, after.custom),
    ])
    if (changes.length) {
      const companyMoved = changes.some((c) => c.field === 'company')
      await recordEvent(tx, ctx, {
        subjectType: 'person',
        subjectId: id,
        kind: 'updated',
        label: fullName(row),
        changes,
        links: { personId: id, companyId: companyMoved ? row.companyId : null },
      })
    }
    return after
  })
}

// The person as the timeline shows field values: names for references, lists as text.
const flat = (p: Person): Record<string, unknown> => ({
  firstName: p.firstName,
  lastName: p.lastName,
  jobTitle: p.jobTitle,
  owner: p.owner?.name ?? null,
  company: p.company?.name ?? null,
  source: p.source,
  city: p.city,
  phones: p.phones.map((x) => x.e164).join(', ') || null,
  emails: p.emails.map((x) => x.email).join(', ') || null,
  tags: p.tags.map((x) => x.name).join(', ') || null,
  ...flatCustom(p.custom),
})

/** Moves a person to the trash. `expectedVersion` is checked when the client sends one. */
export async function deletePerson(ctx: Ctx, id: string, expectedVersion: number | null): Promise<Person> {
  return setDeleted(ctx, id, expectedVersion, true)
}

export async function restorePerson(ctx: Ctx, id: string, expectedVersion: number | null): Promise<Person> {
  return setDeleted(ctx, id, expectedVersion, false)
}

async function setDeleted(ctx: Ctx, id: string, expectedVersion: number | null, deleted: boolean) {
  assertCan(ctx, 'write')
  return ctx.db.transaction(async (tx) => {
    const current = await findPersonRow(tx, ctx.workspace.id, id, true)
    if (!current) throw notFound('Person')
    if (expectedVersion !== null && current.version !== expectedVersion) throw preconditionFailed()
    if (!!current.deletedAt === deleted) return one(tx, ctx, current)
    const row = await updatePersonRow(tx, ctx.workspace.id, id, current.version, {
      deletedAt: deleted ? new Date() : null,
    })
    if (!row) throw preconditionFailed()
    await recordEvent(tx, ctx, {
      subjectType: 'person',
      subjectId: id,
      kind: deleted ? 'deleted' : 'restored',
      label: fullName(row),
      links: { personId: id },
    })
    return one(tx, ctx, row)
  })
}

async function one(db: DbOrTx, ctx: Ctx, row: PersonRow): Promise<Person> {
  const [person] = await presentPeople(db, ctx.workspace.id, [row])
  return person!
}

async function assertCompanyExists(db: DbOrTx, ctx: Ctx, companyId: string | null) {
  if (companyId === null) return
  const company = await findCompanyRow(db, ctx.workspace.id, companyId)
  if (!company || company.deletedAt) {
    throw invalid([{ field: 'companyId', code: 'not_found', message: 'No such company in this workspace' }])
  }
}

/** The person's timeline: 404 for a person outside the workspace, like every route. */
export async function personTimeline(
  ctx: Ctx,
  id: string,
  query: { limit: number; cursor?: string | undefined },
) {
  assertCan(ctx, 'read')
  if (!(await findPersonRow(ctx.db, ctx.workspace.id, id))) throw notFound('Person')
  return listTimeline(ctx, { personId: id }, query)
}
