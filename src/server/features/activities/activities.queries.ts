import { and, eq, isNull, sql } from 'drizzle-orm'
import { type DbOrTx, queryRows } from '../../db/client.ts'
import { keysetOrder, keysetPage, keysetWhere } from '../../db/keyset.ts'
import { activities, timelineEvents } from '../../db/schema/index.ts'
import type { Cursor } from '../../http/cursor.ts'
import { refNames } from '../contacts/ref-names.ts'
import type { ListPlan } from '../filters/list-where.ts'
import { pageOf } from '../filters/sort.ts'
import type { Activity, TaskBucket } from './activities.schema.ts'

// SQL for activities, always scoped by workspace_id.
export type ActivityRow = typeof activities.$inferSelect

export async function insertActivityRow(db: DbOrTx, row: typeof activities.$inferInsert) {
  const inserted = await db.insert(activities).values(row).onConflictDoNothing().returning()
  return inserted[0] ?? null
}

export async function findActivityRow(db: DbOrTx, workspaceId: string, id: string, forUpdate = false) {
  const q = db
    .select()
    .from(activities)
    .where(and(eq(activities.workspaceId, workspaceId), eq(activities.id, id)))
  const rows = forUpdate ? await q.for('update') : await q
  return rows[0] ?? null
}

export async function updateActivityRow(
  db: DbOrTx,
  workspaceId: string,
  id: string,
  expectedVersion: number,
  set: Partial<typeof activities.$inferInsert>,
) {
  const rows = await db
    .update(activities)
    .set({ ...set, version: sql`${activities.version} + 1`, updatedAt: sql`now()` })
    .where(
      and(
        eq(activities.workspaceId, workspaceId),
        eq(activities.id, id),
        eq(activities.version, expectedVersion),
      ),
    )
    .returning()
  return rows[0] ?? null
}

const ref = (id: string | null, names: Map<string, string>) => (id ? { id, name: names.get(id) ?? '' } : null)
const iso = (d: Date | null) => d?.toISOString() ?? null

export async function presentActivities(
  db: DbOrTx,
  workspaceId: string,
  rows: ActivityRow[],
): Promise<Activity[]> {
  const names = await refNames(db, workspaceId, {
    person: rows.map((r) => r.personId),
    company: rows.map((r) => r.companyId),
    deal: rows.map((r) => r.dealId),
    user: rows.flatMap((r) => [r.assigneeId, r.createdBy]),
  })
  const { person: personNames, company: companyNames, deal: dealTitles, user: users } = names
  return rows.map((r) => ({
    id: r.id,
    type: r.type as Activity['type'],
    title: r.title,
    body: r.body,
    person: ref(r.personId, personNames),
    company: ref(r.companyId, companyNames),
    deal: ref(r.dealId, dealTitles),
    occurredAt: r.occurredAt.toISOString(),
    direction: r.callDirection as Activity['direction'],
    durationSeconds: r.callDurationSeconds,
    outcome: r.callOutcome as Activity['outcome'],
    startsAt: r.type === 'meeting' ? r.occurredAt.toISOString() : null,
    endsAt: iso(r.meetingEndAt),
    place: r.meetingPlace,
    dueAt: iso(r.dueAt),
    assignee: ref(r.assigneeId, users),
    done: !!r.doneAt,
    doneAt: iso(r.doneAt),
    createdBy: ref(r.createdBy, users),
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    deletedAt: iso(r.deletedAt),
  }))
}

/** One page of the list; `plan` (where, filters, sort, cursor) comes from filters/list-where.ts. */
export async function selectActivitiesPage(db: DbOrTx, plan: ListPlan, limit: number) {
  const rows = await db
    .select({ row: activities, sortKey: plan.key })
    .from(activities)
    .where(plan.where)
    .orderBy(...plan.order)
    .limit(limit + 1)
  return pageOf(rows, limit)
}

/** Start of today and of tomorrow in `timeZone`, as instants (DST-safe: the database does the calendar). */
export async function dayBounds(db: DbOrTx, timeZone: string, now: Date) {
  const [row] = await queryRows<{ today: Date | string; tomorrow: Date | string }>(
    db,
    sql`select (date_trunc('day', ${now.toISOString()}::timestamptz at time zone ${timeZone}) at time zone ${timeZone}) as today,
               ((date_trunc('day', ${now.toISOString()}::timestamptz at time zone ${timeZone}) + interval '1 day')
                 at time zone ${timeZone}) as tomorrow`,
  )
  return { today: new Date(row!.today), tomorrow: new Date(row!.tomorrow) }
}

const openTasksOf = (workspaceId: string, assigneeId: string) =>
  and(
    eq(activities.workspaceId, workspaceId),
    eq(activities.assigneeId, assigneeId),
    eq(activities.type, 'task'),
    isNull(activities.doneAt),
    isNull(activities.deletedAt),
  )

const inBucket = (bucket: TaskBucket, b: { today: Date; tomorrow: Date }) =>
  bucket === 'overdue'
    ? sql`${activities.dueAt} < ${b.today.toISOString()}::timestamptz`
    : bucket === 'today'
      ? sql`${activities.dueAt} >= ${b.today.toISOString()}::timestamptz and ${activities.dueAt} < ${b.tomorrow.toISOString()}::timestamptz`
      : sql`${activities.dueAt} >= ${b.tomorrow.toISOString()}::timestamptz`

export async function selectMyTasks(
  db: DbOrTx,
  workspaceId: string,
  assigneeId: string,
  opts: { bucket: TaskBucket; bounds: { today: Date; tomorrow: Date }; limit: number; after: Cursor | null },
) {
  const spec = { column: activities.dueAt, id: activities.id, descending: false, isDate: true }
  const rows = await db
    .select()
    .from(activities)
    .where(
      and(
        openTasksOf(workspaceId, assigneeId),
        inBucket(opts.bucket, opts.bounds),
        keysetWhere(spec, opts.after),
      ),
    )
    .orderBy(...keysetOrder(spec))
    .limit(opts.limit + 1)
  return keysetPage(rows, opts.limit, (r) => [r.dueAt!.toISOString(), r.id])
}

export async function countMyTasks(
  db: DbOrTx,
  workspaceId: string,
  assigneeId: string,
  bounds: { today: Date; tomorrow: Date },
) {
  const [row] = await db
    .select({
      overdue: sql<number>`count(*) filter (where ${inBucket('overdue', bounds)})::int`,
      today: sql<number>`count(*) filter (where ${inBucket('today', bounds)})::int`,
      upcoming: sql<number>`count(*) filter (where ${inBucket('upcoming', bounds)})::int`,
    })
    .from(activities)
    .where(openTasksOf(workspaceId, assigneeId))
  return {
    overdue: Number(row?.overdue ?? 0),
    today: Number(row?.today ?? 0),
    upcoming: Number(row?.upcoming ?? 0),
  }
}

/**
 * The 'activity' event is the activity's place on the timelines: when its links or time
 * change, the event follows, so it shows on the right person, company and deal.
 */
export async function moveActivityEvent(
  db: DbOrTx,
  workspaceId: string,
  activityId: string,
  to: { personId: string | null; companyId: string | null; dealId: string | null; occurredAt: Date },
) {
  await db
    .update(timelineEvents)
    .set(to)
    .where(
      and(
        eq(timelineEvents.workspaceId, workspaceId),
        eq(timelineEvents.activityId, activityId),
        eq(timelineEvents.kind, 'activity'),
      ),
    )
}
