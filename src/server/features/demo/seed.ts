import { asc, eq } from 'drizzle-orm'
import type { Db, DbOrTx } from '../../db/client.ts'
import {
  companies,
  companyEmails,
  companyPhones,
  deals,
  memberships,
  people,
  personEmails,
  personPhones,
  timelineEvents,
  workspaces,
} from '../../db/schema/index.ts'
import { AppError, notFound } from '../../http/errors.ts'
import { searchText } from '../contacts/contacts.rules.ts'
import { endOfColumn, RANK_STEP } from '../deals/deals.queries.ts'
import { insertPipeline, loadPipelines } from '../deals/pipelines.queries.ts'
import type { Pipeline } from '../deals/pipelines.schema.ts'
import type { Locale } from '../workspaces/regions.ts'
import { DAY, mobileNumber, type Random, random } from './random.ts'
import { seedActivities } from './seed-activities.ts'
import {
  AMHARIC_FIRST,
  AMHARIC_LAST,
  AMOUNT_RANGE,
  CITIES,
  COMPANIES,
  type Country,
  CURRENCY_OF,
  DEAL_PRODUCTS,
  ENGLISH_FIRST,
  ENGLISH_LAST,
  JOB_TITLES,
  KENYAN_FIRST,
  KENYAN_LAST,
  LOST_REASONS,
  PARTNERSHIPS,
  SWAHILI_FIRST,
  TANZANIAN_LAST,
} from './seed-data.ts'
import {
  daysAgo,
  event,
  insertAll,
  type SeedCompany,
  type SeedDeal,
  type SeedPerson,
  type SeedState,
} from './seed-kit.ts'
import { personOrigin } from './seed-origin.ts'
import { seedExchangeRates } from './seed-rates.ts'

// A realistic East African sample workspace: 200 people, 40 companies, a second
// pipeline, 80 deals and 500 activities over the last year, with their timelines.
// Same seed, same data; everything goes in with a few batch inserts in one transaction.
const SEED = 0x6b69756e

export type DemoCounts = {
  people: number
  companies: number
  pipelines: number
  deals: number
  activities: number
  openTasks: { overdue: number; today: number; upcoming: number }
}

/** Fills an empty workspace with demo data; 409 when it already has people. */
export async function seedDemo(
  db: Db,
  workspaceId: string,
  userId: string,
  opts: { now?: Date } = {},
): Promise<DemoCounts> {
  const now = opts.now ?? new Date()
  return db.transaction(async (tx) => {
    // The row lock makes a second, concurrent seed wait and then see the people.
    const [ws] = await tx.select().from(workspaces).where(eq(workspaces.id, workspaceId)).for('update')
    if (!ws) throw notFound('Workspace')
    const [anyone] = await tx
      .select({ id: people.id })
      .from(people)
      .where(eq(people.workspaceId, workspaceId))
      .limit(1)
    if (anyone) {
      throw new AppError(409, 'workspace_not_empty', 'Demo data only goes into a workspace without people')
    }
    const members = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(eq(memberships.workspaceId, workspaceId))
      .orderBy(asc(memberships.createdAt))
    const owners = [userId, ...members.map((m) => m.userId).filter((id) => id !== userId)]
    const r = random(SEED)
    const s: SeedState = { r, now, workspaceId, owners, userId, phones: new Set<string>(), events: [] }

    const companyList = await seedCompanies(tx, s)
    const personList = await seedPeople(tx, s, companyList)
    const [sales] = await loadPipelines(tx, workspaceId)
    const partnershipsId = await insertPipeline(tx, workspaceId, partnershipStages(ws.locale as Locale))
    const partnerships = (await loadPipelines(tx, workspaceId, { id: partnershipsId }))[0]!
    const dealList = await seedDeals(tx, s, companyList, personList, [sales!, partnerships])
    const activityCounts = await seedActivities(tx, s, ws.timeZone, personList, companyList, dealList)
    await insertAll(tx, timelineEvents, s.events)
    await seedExchangeRates(tx, workspaceId, ws.currency)
    return {
      people: personList.length,
      companies: companyList.length,
      pipelines: 1,
      deals: dealList.length,
      ...activityCounts,
    }
  })
}

async function seedCompanies(tx: DbOrTx, s: SeedState): Promise<SeedCompany[]> {
  const list: SeedCompany[] = []
  const rows: (typeof companies.$inferInsert)[] = []
  const phoneRows: (typeof companyPhones.$inferInsert)[] = []
  const emailRows: (typeof companyEmails.$inferInsert)[] = []
  for (const [name, country, industry, domain] of COMPANIES) {
    const createdAt = daysAgo(s, 380, 540)
    const id = s.r.uuid(createdAt.getTime())
    const city = s.r.pick(CITIES[country])
    const phone = mobileNumber(s.r, country, s.phones)
    const email = domain ? `info@${domain}` : null
    rows.push({
      workspaceId: s.workspaceId,
      id,
      name,
      domain,
      industry,
      size: s.r.pick(['1-10', '11-50', '51-200', '201-1000'] as const),
      city,
      country,
      ownerId: s.r.pick(s.owners),
      sortName: name.toLowerCase(),
      searchText: searchText(
        [name, domain, city],
        [{ e164: phone, label: null }],
        email ? [{ email, label: null }] : [],
      ),
      createdBy: s.userId,
      createdAt,
      updatedAt: createdAt,
    })
    phoneRows.push({ workspaceId: s.workspaceId, companyId: id, position: 0, e164: phone, label: 'office' })
    if (email) emailRows.push({ workspaceId: s.workspaceId, companyId: id, position: 0, email, label: null })
    event(s, createdAt, {
      actorId: s.userId,
      subjectType: 'company',
      subjectId: id,
      kind: 'created',
      label: name,
      companyId: id,
    })
    list.push({ id, name, country, city, createdAt })
  }
  await insertAll(tx, companies, rows)
  await insertAll(tx, companyPhones, phoneRows)
  await insertAll(tx, companyEmails, emailRows)
  return list
}

function personName(r: Random, country: Country): { first: string; last: string; latin: [string, string] } {
  if (country === 'ET') {
    const [first, f] = r.pick(AMHARIC_FIRST)
    const [last, l] = r.pick(AMHARIC_LAST)
    return { first, last, latin: [f, l] }
  }
  const first = r.chance(0.35)
    ? r.pick(ENGLISH_FIRST)
    : r.pick(country === 'KE' ? KENYAN_FIRST : SWAHILI_FIRST)
  const last = r.chance(0.05) ? r.pick(ENGLISH_LAST) : r.pick(country === 'KE' ? KENYAN_LAST : TANZANIAN_LAST)
  return { first, last, latin: [first.toLowerCase(), last.toLowerCase()] }
}

async function seedPeople(tx: DbOrTx, s: SeedState, companyList: SeedCompany[]): Promise<SeedPerson[]> {
  const { r } = s
  const list: SeedPerson[] = []
  const rows: (typeof people.$inferInsert)[] = []
  const phoneRows: (typeof personPhones.$inferInsert)[] = []
  const emailRows: (typeof personEmails.$inferInsert)[] = []
  const emails = new Set<string>()
  // Source and city draw from their own stream: the rest of the data stays as it was.
  const origins = random(SEED + 1)
  for (let i = 0; i < 200; i++) {
    const country = r.weighted([
      ['ET', 40],
      ['KE', 35],
      ['TZ', 25],
    ] as const)
    const { first, last, latin } = personName(r, country)
    const company = r.chance(0.75) ? r.pick(companyList.filter((c) => c.country === country)) : null
    const createdAt = daysAgo(s, 5, 370)
    const id = r.uuid(createdAt.getTime())
    const { source, city } = personOrigin(origins, country, company?.city ?? null, createdAt, s.now)
    const phones = [mobileNumber(r, country, s.phones)]
    if (r.chance(0.2)) phones.push(mobileNumber(r, country, s.phones))
    const mail: string[] = []
    if (r.chance(0.6)) {
      const domain =
        COMPANIES.find(([n]) => n === company?.name)?.[3] ?? r.pick(['gmail.com', 'yahoo.com', 'outlook.com'])
      let address = `${latin[0]}.${latin[1]}@${domain}`
      for (let n = 2; emails.has(address); n++) address = `${latin[0]}.${latin[1]}${n}@${domain}`
      emails.add(address)
      mail.push(address)
    }
    rows.push({
      workspaceId: s.workspaceId,
      id,
      firstName: first,
      lastName: last,
      jobTitle: r.pick(JOB_TITLES),
      source,
      city,
      ownerId: r.pick(s.owners),
      companyId: company?.id ?? null,
      sortName: `${first} ${last}`.toLowerCase(),
      searchText: searchText(
        [first, last],
        phones.map((e164) => ({ e164, label: null })),
        mail.map((email) => ({ email, label: null })),
      ),
      createdBy: s.userId,
      createdAt,
      updatedAt: createdAt,
    })
    for (const [position, e164] of phones.entries()) {
      phoneRows.push({
        workspaceId: s.workspaceId,
        personId: id,
        position,
        e164,
        label: position ? 'work' : 'mobile',
      })
    }
    for (const [position, email] of mail.entries()) {
      emailRows.push({ workspaceId: s.workspaceId, personId: id, position, email, label: null })
    }
    const name = `${first} ${last}`
    event(s, createdAt, {
      actorId: s.userId,
      subjectType: 'person',
      subjectId: id,
      kind: 'created',
      label: name,
      personId: id,
      companyId: company?.id ?? null,
    })
    list.push({ id, name, companyId: company?.id ?? null, country, createdAt })
  }
  await insertAll(tx, people, rows)
  await insertAll(tx, personPhones, phoneRows)
  await insertAll(tx, personEmails, emailRows)
  return list
}

function partnershipStages(locale: Locale) {
  const names = PARTNERSHIPS[locale] ?? PARTNERSHIPS.en
  const shape = [
    [10, 'open'],
    [40, 'open'],
    [70, 'open'],
    [100, 'won'],
    [0, 'lost'],
  ] as const
  return {
    name: names.name,
    stages: shape.map(([probability, kind], i) => ({ name: names.stages[i]!, probability, kind })),
  }
}

async function seedDeals(
  tx: DbOrTx,
  s: SeedState,
  companyList: SeedCompany[],
  personList: SeedPerson[],
  pipelineList: Pipeline[],
): Promise<SeedDeal[]> {
  const { r, now } = s
  const list: SeedDeal[] = []
  const rows: (typeof deals.$inferInsert)[] = []
  const nextRank = new Map<string, number>()
  for (let i = 0; i < 80; i++) {
    const pipeline = pipelineList[i < 60 ? 0 : 1]!
    const company = r.pick(companyList)
    const staff = personList.filter((p) => p.companyId === company.id)
    const person = staff.length ? r.pick(staff) : null
    const currency = r.chance(0.15) ? 'USD' : CURRENCY_OF[company.country]
    const [min, max] = AMOUNT_RANGE[currency]
    const amountMinor = Math.round(r.int(min, max) / 100) * 100 * 100
    const open = pipeline.stages.filter((st) => st.kind === 'open')
    const stage = r.weighted([
      ...open.map((st) => [st, 68 / open.length] as const),
      ...pipeline.stages.filter((st) => st.kind === 'won').map((st) => [st, 20] as const),
      ...pipeline.stages.filter((st) => st.kind === 'lost').map((st) => [st, 12] as const),
    ])
    // After the company and person it is about; at least three days old.
    const earliest = Math.max(company.createdAt.getTime(), person?.createdAt.getTime() ?? 0)
    const createdAt = new Date(earliest + r.next() * (now.getTime() - 3 * DAY - earliest))
    const movedAt = new Date(createdAt.getTime() + r.int(0, now.getTime() - createdAt.getTime()))
    const closed = stage.kind !== 'open'
    const id = r.uuid(createdAt.getTime())
    // Below any deals the column already has.
    const rank = nextRank.get(stage.id) ?? (await endOfColumn(tx, s.workspaceId, stage.id))
    nextRank.set(stage.id, rank + RANK_STEP)
    const title = `${r.pick(DEAL_PRODUCTS)}: ${company.name}`
    const lostReason = stage.kind === 'lost' ? r.pick(LOST_REASONS) : null
    const expected = new Date(now.getTime() + r.int(-10, 120) * DAY).toISOString().slice(0, 10)
    rows.push({
      workspaceId: s.workspaceId,
      id,
      title,
      amountMinor,
      currency,
      pipelineId: pipeline.id,
      stageId: stage.id,
      rank,
      personId: person?.id ?? null,
      companyId: company.id,
      ownerId: r.pick(s.owners),
      expectedCloseDate: closed ? null : expected,
      status: stage.kind,
      lostReason,
      closedAt: closed ? movedAt : null,
      searchText: title.toLowerCase(),
      createdBy: s.userId,
      createdAt,
      updatedAt: stage.position > 0 ? movedAt : createdAt,
    })
    const links = { dealId: id, personId: person?.id ?? null, companyId: company.id }
    event(s, createdAt, {
      actorId: s.userId,
      subjectType: 'deal',
      subjectId: id,
      kind: 'created',
      label: title,
      ...links,
    })
    if (stage.position > 0) {
      // One stage change on the way, from the stage before (the last open one for a closed deal).
      const from = closed ? open[open.length - 1]! : pipeline.stages[stage.position - 1]!
      const changes = [{ field: 'stage', from: from.name, to: stage.name }]
      if (closed) changes.push({ field: 'status', from: 'open', to: stage.kind })
      event(s, movedAt, {
        actorId: r.pick(s.owners),
        subjectType: 'deal',
        subjectId: id,
        kind: 'stage_changed',
        label: title,
        changes,
        ...links,
      })
    }
    list.push({ id, personId: person?.id ?? null, companyId: company.id, createdAt })
  }
  await insertAll(tx, deals, rows)
  return list
}
