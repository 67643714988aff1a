import { uuidv7 } from 'uuidv7'
import type { DbOrTx } from '../../db/client.ts'
import type { Ctx } from '../../http/context.ts'
import { AppError, notFound, preconditionFailed } from '../../http/errors.ts'
import { assertCan, assertMember } from '../../http/permissions.ts'
import { findDuplicate, replaceContacts } from '../contacts/contacts.queries.ts'
import { duplicateError, normalizeEmails, normalizePhones, searchText } from '../contacts/contacts.rules.ts'
import { customFieldNames, flatCustom, nextCustom } from '../custom-fields/custom-values.ts'
import { countList, listPlan } from '../filters/list-where.ts'
import { encodeListCursor } from '../filters/sort.ts'
import { resolveTagIds } from '../tags/tags.service.ts'
import { diffFields, listTimeline, recordEvent } from '../timeline/timeline.service.ts'
import {
  type CompanyRow,
  findCompanyByDomain,
  findCompanyRow,
  insertCompanyRow,
  presentCompanies,
  presentDetailedCompanies,
  selectCompaniesPage,
  updateCompanyRow,
} from './companies.queries.ts'
import type {
  CompaniesListQuery,
  Company,
  CompanyCreateInput,
  CompanyUpdateInput,
} from './companies.schema.ts'

// Company use cases: the people pattern, plus a match on the website domain.

export async function listCompanies(ctx: Ctx, query: CompaniesListQuery) {
  assertCan(ctx, 'read')
  const plan = await listPlan(ctx, 'company', query)
  const { items, next } = await selectCompaniesPage(ctx.db, plan, query.limit)
  return {
    data: await presentDetailedCompanies(ctx.db, ctx.workspace.id, items),
    nextCursor: next ? encodeListCursor(next) : null,
  }
}

/** How many companies the list holds with these parameters, up to 10,000. */
export async function countCompanies(ctx: Ctx, query: CompaniesListQuery) {
  assertCan(ctx, 'read')
  return countList(ctx, 'company', query)
}

export async function getCompany(ctx: Ctx, id: string): Promise<Company> {
  assertCan(ctx, 'read')
  const row = await findCompanyRow(ctx.db, ctx.workspace.id, id)
  if (!row) throw notFound('Company')
  return one(ctx.db, ctx, row)
}

export async function createCompany(
  ctx: Ctx,
  input: CompanyCreateInput,
  allowDuplicate = false,
): Promise<{ company: Company; created: boolean }> {
  assertCan(ctx, 'write')
  const phones = normalizePhones(input.phones ?? [], ctx.workspace.country)
  const emails = normalizeEmails(input.emails ?? [])
  const ownerId = input.ownerId === undefined ? ctx.userId : input.ownerId
  await assertMember(ctx, ownerId)
  const domain = input.domain || null
  return ctx.db.transaction(async (tx) => {
    const id = input.id ?? uuidv7()
    const replay = await findCompanyRow(tx, ctx.workspace.id, id)
    if (replay) return { company: await one(tx, ctx, replay), created: false }
    const tagIds = await resolveTagIds(tx, ctx, input.tagIds ?? [])
    const custom = (await nextCustom(tx, ctx, 'company', {}, input.custom)) ?? {}
    if (!allowDuplicate) await assertNoDuplicate(tx, ctx, null, domain, phones, emails)
    const row = await insertCompanyRow(tx, {
      workspaceId: ctx.workspace.id,
      id,
      name: input.name,
      domain,
      industry: input.industry || null,
      size: input.size ?? null,
      city: input.city || null,
      region: input.region || null,
      country: input.country ?? null,
      ownerId,
      sortName: input.name.toLowerCase(),
      searchText: searchText([input.name, domain, input.city], phones, emails),
      tagIds,
      custom,
      createdBy: ctx.userId,
    })
    if (!row) throw new AppError(409, 'id_taken', 'This id is already in use')
    await replaceContacts(tx, 'company', ctx.workspace.id, id, phones, emails)
    await recordEvent(tx, ctx, {
      subjectType: 'company',
      subjectId: id,
      kind: 'created',
      label: row.name,
      links: { companyId: id },
    })
    return { company: await one(tx, ctx, row), created: true }
  })
}

export async function updateCompany(
  ctx: Ctx,
  id: string,
  expectedVersion: number,
  input: CompanyUpdateInput,
  allowDuplicate = false,
): Promise<Company> {
  assertCan(ctx, 'write')
  const phones = input.phones && normalizePhones(input.phones, ctx.workspace.country)
  const emails = input.emails && normalizeEmails(input.emails)
  if (input.ownerId !== undefined) await assertMember(ctx, input.ownerId)
  return ctx.db.transaction(async (tx) => {
    const current = await findCompanyRow(tx, ctx.workspace.id, id, true)
    if (!current) throw notFound('Company')
    if (current.deletedAt)
      throw new AppError(409, 'deleted', 'Restore this company from the trash before editing')
    if (current.version !== expectedVersion) throw preconditionFailed()
    const domain = input.domain === undefined ? current.domain : input.domain || null
    const tagIds = input.tagIds && (await resolveTagIds(tx, ctx, input.tagIds))
    const custom = await nextCustom(tx, ctx, 'company', current.custom, input.custom)
    if (!allowDuplicate) {
      await assertNoDuplicate(
        tx,
        ctx,
        id,
        input.domain === undefined ? null : domain,
        phones ?? [],
        emails ?? [],
      )
    }
    const before = await one(tx, ctx, current)
    const name = input.name ?? current.name
    const city = input.city === undefined ? current.city : input.city || null
    const row = await updateCompanyRow(tx, ctx.workspace.id, id, expectedVersion, {
      name,
      domain,
      city,
      ...(input.industry !== undefined ? { industry: input.industry || null } : {}),
      ...(input.size !== undefined ? { size: input.size } : {}),
      ...(input.region !== undefined ? { region: input.region || null } : {}),
      ...(input.country !== undefined ? { country: input.country } : {}),
      ...(input.ownerId !== undefined ? { ownerId: input.ownerId } : {}),
      ...(tagIds ? { tagIds } : {}),
      ...(custom ? { custom } : {}),
      sortName: name.toLowerCase(),
      searchText: searchText([name, domain, city], phones ?? before.phones, emails ?? before.emails),
    })
    if (!row) throw preconditionFailed()
    await replaceContacts(tx, 'company', ctx.workspace.id, id, phones, emails)
    const after = await one(tx, ctx, row)
    const changes = diffFields(flat(before), flat(after), [
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
      ...customFieldNames(before.custom, after.custom),
    ])
    if (changes.length) {
      await recordEvent(tx, ctx, {
        subjectType: 'company',
        subjectId: id,
        kind: 'updated',
        label: row.name,
        changes,
        links: { companyId: id },
      })
    }
    return after
  })
}

const flat = (c: Company): Record<string, unknown> => ({
  name: c.name,
  domain: c.domain,
  industry: c.industry,
  size: c.size,
  city: c.city,
  region: c.region,
  country: c.country,
  owner: c.owner?.name ?? null,
  phones: c.phones.map((x) => x.e164).join(', ') || null,
  emails: c.emails.map((x) => x.email).join(', ') || null,
  tags: c.tags.map((x) => x.name).join(', ') || null,
  ...flatCustom(c.custom),
})

export async function deleteCompany(ctx: Ctx, id: string, expectedVersion: number | null) {
  return setDeleted(ctx, id, expectedVersion, true)
}

export async function restoreCompany(ctx: Ctx, id: string, expectedVersion: number | null) {
  return setDeleted(ctx, id, expectedVersion, false)
}

async function setDeleted(
  ctx: Ctx,
  id: string,
  expectedVersion: number | null,
  deleted: boolean,
): Promise<Company> {
  assertCan(ctx, 'write')
  return ctx.db.transaction(async (tx) => {
    const current = await findCompanyRow(tx, ctx.workspace.id, id, true)
    if (!current) throw notFound('Company')
    if (expectedVersion !== null && current.version !== expectedVersion) throw preconditionFailed()
    if (!!current.deletedAt === deleted) return one(tx, ctx, current)
    const row = await updateCompanyRow(tx, ctx.workspace.id, id, current.version, {
      deletedAt: deleted ? new Date() : null,
    })
    if (!row) throw preconditionFailed()
    await recordEvent(tx, ctx, {
      subjectType: 'company',
      subjectId: id,
      kind: deleted ? 'deleted' : 'restored',
      label: row.name,
      links: { companyId: id },
    })
    return one(tx, ctx, row)
  })
}

async function assertNoDuplicate(
  tx: DbOrTx,
  ctx: Ctx,
  exceptId: string | null,
  domain: string | null,
  phones: ReturnType<typeof normalizePhones>,
  emails: ReturnType<typeof normalizeEmails>,
) {
  if (domain) {
    const same = await findCompanyByDomain(tx, ctx.workspace.id, domain, exceptId)
    if (same) {
      throw new AppError(
        409,
        'duplicate',
        `${same.name} already has this website; send allowDuplicate=true to save anyway`,
        [{ field: 'domain', code: 'duplicate_record', message: `${same.name} already has this website` }],
        { existing: same },
      )
    }
  }
  const dup = await findDuplicate(tx, 'company', ctx.workspace.id, phones, emails, exceptId)
  if (dup) throw duplicateError(dup, phones, emails)
}

async function one(db: DbOrTx, ctx: Ctx, row: CompanyRow): Promise<Company> {
  const [company] = await presentCompanies(db, ctx.workspace.id, [row])
  return company!
}

export async function companyTimeline(
  ctx: Ctx,
  id: string,
  query: { limit: number; cursor?: string | undefined },
) {
  assertCan(ctx, 'read')
  if (!(await findCompanyRow(ctx.db, ctx.workspace.id, id))) throw notFound('Company')
  return listTimeline(ctx, { companyId: id }, query)
}
