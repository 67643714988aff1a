import { uuidv7 } from 'uuidv7'
import type { DbOrTx } from '../../db/client.ts'
import { allQueries } from '../../db/parallel.ts'
import type { activities } from '../../db/schema/index.ts'
import type { Ctx } from '../../http/context.ts'
import { AppError, type FieldError, invalid, notFound, preconditionFailed } from '../../http/errors.ts'
import { assertCan, assertMember } from '../../http/permissions.ts'
import { adjustActivityDaily } from '../analytics/activity-daily.ts'
import { findDealRow } from '../deals/deals.queries.ts'
import { assertLinks } from '../deals/deals.rules.ts'
import { countList, listPlan } from '../filters/list-where.ts'
import { encodeListCursor } from '../filters/sort.ts'
import { findPersonRow } from '../people/people.queries.ts'
import { diffFields, recordEvent } from '../timeline/timeline.service.ts'
import {
  type ActivityRow,
  findActivityRow,
  insertActivityRow,
  moveActivityEvent,
  presentActivities,
  presentDetailedActivities,
  selectActivitiesPage,
  updateActivityRow,
} from './activities.queries.ts'
import type {
  ActivitiesListQuery,
  Activity,
  ActivityCreateInput,
  ActivityType,
  ActivityUpdateInput,
} from './activities.schema.ts'

// Activity use cases. An activity belongs on the timelines of what it links to: creating
// one writes an 'activity' event carrying the person, company and deal (the deal's person
// and company, or the person's company, fill in what the activity leaves out).

export async function listActivities(ctx: Ctx, query: ActivitiesListQuery) {
  assertCan(ctx, 'read')
  const plan = await listPlan(ctx, 'activity', query)
  const { items, next } = await selectActivitiesPage(ctx.db, plan, query.limit)
  return {
    data: presentDetailedActivities(items),
    nextCursor: next ? encodeListCursor(next) : null,
  }
}

/** How many activities the list holds with these parameters, up to 10,000. */
export async function countActivities(ctx: Ctx, query: ActivitiesListQuery) {
  assertCan(ctx, 'read')
  return countList(ctx, 'activity', query)
}

export async function getActivity(ctx: Ctx, id: string): Promise<Activity> {
  assertCan(ctx, 'read')
  const row = await findActivityRow(ctx.db, ctx.workspace.id, id)
  if (!row) throw notFound('Activity')
  return one(ctx.db, ctx, row)
}

type Links = { personId: string | null; companyId: string | null; dealId: string | null }

function requireLink(links: Links) {
  if (!links.personId && !links.companyId && !links.dealId) {
    throw invalid([
      { field: 'personId', code: 'link_required', message: 'Link it to a person, a company or a deal' },
    ])
  }
}

export async function createActivity(
  ctx: Ctx,
  input: ActivityCreateInput,
): Promise<{ activity: Activity; created: boolean }> {
  assertCan(ctx, 'write')
  const assigneeId = input.type === 'task' ? (input.assigneeId ?? ctx.userId) : null
  await assertMember(ctx, assigneeId, 'assigneeId')
  const links = {
    personId: input.personId ?? null,
    companyId: input.companyId ?? null,
    dealId: input.dealId ?? null,
  }
  requireLink(links)
  return ctx.db.transaction(async (tx) => {
    const id = input.id ?? uuidv7()
    const replay = await findActivityRow(tx, ctx.workspace.id, id)
    if (replay) return { activity: await one(tx, ctx, replay), created: false }
    await assertLinks(tx, ctx, links)
    const row = await insertActivityRow(tx, {
      workspaceId: ctx.workspace.id,
      id,
      type: input.type,
      title: input.title || null,
      body: input.body ?? null,
      ...links,
      ...typeColumns(input),
      assigneeId,
      createdBy: ctx.userId,
    })
    if (!row) throw new AppError(409, 'id_taken', 'This id is already in use')
    await adjustActivityDaily(tx, ctx.workspace, null, row)
    await recordEvent(tx, ctx, {
      subjectType: 'activity',
      subjectId: id,
      kind: 'activity',
      label: activityLabel(row),
      activityId: id,
      links: await timelineLinks(tx, ctx, row),
      occurredAt: eventTime(row),
    })
    return { activity: await one(tx, ctx, row), created: true }
  })
}

type Columns = Partial<typeof activities.$inferInsert>

function typeColumns(input: ActivityCreateInput): Columns {
  switch (input.type) {
    case 'note':
      return { occurredAt: input.occurredAt ? new Date(input.occurredAt) : new Date() }
    case 'call':
      return {
        occurredAt: input.occurredAt ? new Date(input.occurredAt) : new Date(),
        callDirection: input.direction,
        callDurationSeconds: input.durationSeconds ?? null,
        callOutcome: input.outcome ?? null,
      }
    case 'meeting':
      return {
        occurredAt: new Date(input.startsAt),
        meetingEndAt: new Date(input.endsAt),
        meetingPlace: input.place || null,
      }
    case 'task':
      return { dueAt: new Date(input.dueAt), doneAt: input.done ? new Date() : null }
  }
}

const LINKS = ['personId', 'companyId', 'dealId'] as const
const FIELDS: Record<ActivityType, (keyof ActivityUpdateInput)[]> = {
  note: ['title', 'body', ...LINKS, 'occurredAt'],
  call: ['title', 'body', ...LINKS, 'occurredAt', 'direction', 'durationSeconds', 'outcome'],
  meeting: ['title', 'body', ...LINKS, 'startsAt', 'endsAt', 'place'],
  task: ['title', 'body', ...LINKS, 'dueAt', 'assigneeId', 'done'],
}

export async function updateActivity(
  ctx: Ctx,
  id: string,
  expectedVersion: number,
  input: ActivityUpdateInput,
): Promise<Activity> {
  assertCan(ctx, 'write')
  if (input.assigneeId !== undefined) await assertMember(ctx, input.assigneeId, 'assigneeId')
  return ctx.db.transaction(async (tx) => {
    const current = await findActivityRow(tx, ctx.workspace.id, id, true)
    if (!current) throw notFound('Activity')
    if (current.deletedAt) throw new AppError(409, 'deleted', 'Restore this activity before editing it')
    if (current.version !== expectedVersion) throw preconditionFailed()
    const set = updateColumns(current, input)
    const links = {
      personId: input.personId === undefined ? current.personId : input.personId,
      companyId: input.companyId === undefined ? current.companyId : input.companyId,
      dealId: input.dealId === undefined ? current.dealId : input.dealId,
    }
    requireLink(links)
    await assertLinks(tx, ctx, {
      personId: input.personId ?? null,
      companyId: input.companyId ?? null,
      dealId: input.dealId ?? null,
    })
    const before = await one(tx, ctx, current)
    const row = await updateActivityRow(tx, ctx.workspace.id, id, expectedVersion, set)
    if (!row) throw preconditionFailed()
    await adjustActivityDaily(tx, ctx.workspace, current, row)
    const after = await one(tx, ctx, row)
    const changes = diffFields(flat(before), flat(after), [
      'title',
      'body',
      'person',
      'company',
      'deal',
      'occurredAt',
      'direction',
      'durationSeconds',
      'outcome',
      'endsAt',
      'place',
      'dueAt',
      'assignee',
      'done',
    ])
    if (!changes.length) return after
    const eventLinks = await timelineLinks(tx, ctx, row)
    await moveActivityEvent(tx, ctx.workspace.id, id, { ...eventLinks, occurredAt: eventTime(row) })
    await recordEvent(tx, ctx, {
      subjectType: 'activity',
      subjectId: id,
      kind: 'updated',
      label: activityLabel(row),
      activityId: id,
      changes,
      links: eventLinks,
    })
    return after
  })
}

/** The columns an update writes, after checking each field fits the activity's type. */
function updateColumns(current: ActivityRow, input: ActivityUpdateInput): Columns {
  const type = current.type as ActivityType
  const errors: FieldError[] = Object.keys(input)
    .filter((k) => !FIELDS[type].includes(k as keyof ActivityUpdateInput))
    .map((field) => ({ field, code: 'not_for_type', message: `A ${type} has no ${field}` }))
  if (type === 'note' && input.body !== undefined && !input.body?.trim())
    errors.push({ field: 'body', code: 'required', message: 'Write something' })
  if (type === 'task' && input.title !== undefined && !input.title)
    errors.push({ field: 'title', code: 'required', message: 'A task needs a title' })
  const startsAt = input.startsAt ? new Date(input.startsAt) : current.occurredAt
  const endsAt = input.endsAt ? new Date(input.endsAt) : current.meetingEndAt
  if (type === 'meeting' && endsAt && endsAt <= startsAt)
    errors.push({ field: 'endsAt', code: 'too_small', message: 'A meeting ends after it starts' })
  if (errors.length) throw invalid(errors)

  const set: Columns = {}
  if (input.title !== undefined) set.title = input.title || null
  if (input.body !== undefined) set.body = input.body
  for (const link of LINKS) if (input[link] !== undefined) set[link] = input[link]
  if (input.occurredAt) set.occurredAt = new Date(input.occurredAt)
  if (input.direction) set.callDirection = input.direction
  if (input.durationSeconds !== undefined) set.callDurationSeconds = input.durationSeconds
  if (input.outcome !== undefined) set.callOutcome = input.outcome
  if (input.startsAt) set.occurredAt = startsAt
  if (input.endsAt) set.meetingEndAt = endsAt
  if (input.place !== undefined) set.meetingPlace = input.place || null
  if (input.dueAt) set.dueAt = new Date(input.dueAt)
  if (input.assigneeId) set.assigneeId = input.assigneeId
  // Done keeps its first time: ticking an already done task again changes nothing.
  if (input.done !== undefined) set.doneAt = input.done ? (current.doneAt ?? new Date()) : null
  return set
}

// The activity as the timeline shows field values: names for references, a long body cut.
const flat = (a: Activity) => ({
  title: a.title,
  body: a.body && a.body.length > 140 ? `${a.body.slice(0, 140)}…` : a.body,
  person: a.person?.name ?? null,
  company: a.company?.name ?? null,
  deal: a.deal?.name ?? null,
  occurredAt: a.occurredAt,
  direction: a.direction,
  durationSeconds: a.durationSeconds,
  outcome: a.outcome,
  endsAt: a.endsAt,
  place: a.place,
  dueAt: a.dueAt,
  assignee: a.assignee?.name ?? null,
  done: a.done,
})

export async function deleteActivity(ctx: Ctx, id: string, expectedVersion: number | null) {
  return setDeleted(ctx, id, expectedVersion, true)
}

export async function restoreActivity(ctx: Ctx, id: string, expectedVersion: number | null) {
  return setDeleted(ctx, id, expectedVersion, false)
}

async function setDeleted(
  ctx: Ctx,
  id: string,
  expectedVersion: number | null,
  deleted: boolean,
): Promise<Activity> {
  assertCan(ctx, 'write')
  return ctx.db.transaction(async (tx) => {
    const current = await findActivityRow(tx, ctx.workspace.id, id, true)
    if (!current) throw notFound('Activity')
    if (expectedVersion !== null && current.version !== expectedVersion) throw preconditionFailed()
    if (!!current.deletedAt === deleted) return one(tx, ctx, current)
    const row = await updateActivityRow(tx, ctx.workspace.id, id, current.version, {
      deletedAt: deleted ? new Date() : null,
    })
    if (!row) throw preconditionFailed()
    await adjustActivityDaily(tx, ctx.workspace, current, row)
    await recordEvent(tx, ctx, {
      subjectType: 'activity',
      subjectId: id,
      kind: deleted ? 'deleted' : 'restored',
      label: activityLabel(row),
      activityId: id,
      links: await timelineLinks(tx, ctx, row),
    })
    return one(tx, ctx, row)
  })
}

async function one(db: DbOrTx, ctx: Ctx, row: ActivityRow): Promise<Activity> {
  const [activity] = await presentActivities(db, ctx.workspace.id, [row])
  return activity!
}

/** Which timelines show the activity: its own links, filled in from its deal and person. */
async function timelineLinks(db: DbOrTx, ctx: Ctx, row: ActivityRow): Promise<Links> {
  const ws = ctx.workspace.id
  const [person, deal] = await allQueries(db, [
    async () => (row.personId && !row.companyId ? findPersonRow(db, ws, row.personId) : null),
    async () => (row.dealId ? findDealRow(db, ws, row.dealId) : null),
  ])
  return {
    personId: row.personId ?? deal?.personId ?? null,
    companyId: row.companyId ?? deal?.companyId ?? person?.companyId ?? null,
    dealId: row.dealId,
  }
}

// A past note or call sits on the timeline when it happened; anything planned, at creation.
const eventTime = (row: ActivityRow) => (row.occurredAt < new Date() ? row.occurredAt : new Date())

/** A short label: the title, else the first line of the note (markdown marks dropped), else the type. */
export function activityLabel(row: { type: string; title: string | null; body: string | null }) {
  const line = (row.body ?? '')
    .split('\n')
    .map((l) => l.replace(/^[\s#>*+-]+/, '').trim())
    .find(Boolean)
  const text = row.title || line || row.type
  return text.length > 120 ? `${text.slice(0, 119)}…` : text
}
