import { and, eq, isNull, type SQL, sql } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import { type DbOrTx, qualified, queryRows } from '../../db/client.ts'
import { keysetOrder, keysetPage, keysetWhere } from '../../db/keyset.ts'
import { activities, companies, deals, people, timelineEvents, users } from '../../db/schema/index.ts'
import type { Cursor } from '../../http/cursor.ts'
import { refNames } from '../contacts/ref-names.ts'
import { listPage } from '../filters/list-page.ts'
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

const iso = (d: Date | null) => d?.toISOString() ?? null

/** The names an activity points at: its person, company, deal, assignee and creator. */
type ActivityDetails = {
  person: string | null
  company: string | null
  deal: string | null
  assignee: string | null
  createdBy: string | null
}
export type DetailedActivity = { row: ActivityRow; details: ActivityDetails }

/** Rows plus the names they point at, in the API's shape. */
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
  const name = (map: Map<string, string>, id: string | null) => (id ? (map.get(id) ?? null) : null)
  return presentDetailedActivities(
    rows.map((r) => ({
      row: r,
      details: {
        person: name(names.person, r.personId),
        company: name(names.company, r.companyId),
        deal: name(names.deal, r.dealId),
        assignee: name(names.user, r.assigneeId),
        createdBy: name(names.user, r.createdBy),
      },
    })),
  )
}

/** Activities read with their names (a list page from selectActivitiesPage, or presentActivities). */
export function presentDetailedActivities(items: DetailedActivity[]): Activity[] {
  const named = (id: string | null, label: string | null) => (id ? { id, name: label ?? '' } : null)
  return items.map(({ row: r, details: d }) => ({
    id: r.id,
    type: r.type as Activity['type'],
    title: r.title,
    body: r.body,
    person: named(r.personId, d.person),
    company: named(r.companyId, d.company),
    deal: named(r.dealId, d.deal),
    occurredAt: r.occurredAt.toISOString(),
    direction: r.callDirection as Activity['direction'],
    durationSeconds: r.callDurationSeconds,
    outcome: r.callOutcome as Activity['outcome'],
    startsAt: r.type === 'meeting' ? r.occurredAt.toISOString() : null,
    endsAt: iso(r.meetingEndAt),
    place: r.meetingPlace,
    dueAt: iso(r.dueAt),
    assignee: named(r.assigneeId, d.assignee),
    done: !!r.doneAt,
    doneAt: iso(r.doneAt),
    createdBy: named(r.createdBy, d.createdBy),
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    deletedAt: iso(r.deletedAt),
  }))
}

// A page's names in its own statement, one small index probe per row and table (as
// people.queries.ts does); evaluated after ORDER BY … LIMIT, for the page's rows only.
const inWorkspace = (table: SQL, id: AnyPgColumn, column: SQL) =>
  sql`(select ${column} from ${table} x where x.workspace_id = ${qualified(activities.workspaceId)} and x.id = ${qualified(id)})`
const userName = (id: AnyPgColumn) => sql`(select u.name from ${users} u where u.id = ${qualified(id)})`
const activityDetails = sql<ActivityDetails>`json_build_object(
  'person', ${inWorkspace(sql`${people}`, activities.personId, sql`trim(x.first_name || ' ' || x.last_name)`)},
  'company', ${inWorkspace(sql`${companies}`, activities.companyId, sql`x.name`)},
  'deal', ${inWorkspace(sql`${deals}`, activities.dealId, sql`x.title`)},
  'assignee', ${userName(activities.assigneeId)},
  'createdBy', ${userName(activities.createdBy)})`

/** One page of the list with each activity's names; `plan` (where, filters, sort, cursor) comes from filters/list-where.ts. */
export const selectActivitiesPage = listPage(activities, activityDetails)

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
