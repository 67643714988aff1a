import { and, eq, sql } from 'drizzle-orm'
import { uuidv7 } from 'uuidv7'
import type { DbOrTx } from '../../db/client.ts'
import { keysetOrder, keysetPage, keysetWhere } from '../../db/keyset.ts'
import { activities, type FieldChange, timelineEvents, users } from '../../db/schema/index.ts'
import type { Ctx } from '../../http/context.ts'
import { decodeCursor, encodeCursor } from '../../http/cursor.ts'
import { assertCan } from '../../http/permissions.ts'
import type { TimelineActivity, TimelineEvent } from './timeline.schema.ts'

export type SubjectType = 'person' | 'company' | 'deal' | 'activity'
export type EventKind = 'created' | 'updated' | 'deleted' | 'restored' | 'stage_changed' | 'activity'

export type TimelineLinks = { personId?: string | null; companyId?: string | null; dealId?: string | null }

/**
 * Writes one timeline (= audit) event. Call it inside the transaction of the change it
 * describes, from the service that makes the change.
 */
export async function recordEvent(
  tx: DbOrTx,
  ctx: Ctx,
  event: {
    subjectType: SubjectType
    subjectId: string
    kind: EventKind
    label: string
    links: TimelineLinks
    changes?: FieldChange[]
    activityId?: string
    /** Defaults to now; an activity logged after the fact is placed when it happened. */
    occurredAt?: Date
  },
) {
  await tx.insert(timelineEvents).values({
    workspaceId: ctx.workspace.id,
    id: uuidv7(),
    actorId: ctx.userId,
    subjectType: event.subjectType,
    subjectId: event.subjectId,
    kind: event.kind,
    label: event.label,
    personId: event.links.personId ?? null,
    companyId: event.links.companyId ?? null,
    dealId: event.links.dealId ?? null,
    activityId: event.activityId ?? null,
    changes: event.changes?.length ? event.changes : null,
    ...(event.occurredAt ? { occurredAt: event.occurredAt } : {}),
  })
}

/** The fields whose value differs between two versions of a record, as old → new. */
export function diffFields<T extends Record<string, unknown>>(
  before: T,
  after: T,
  fields: (keyof T & string)[],
) {
  const changes: FieldChange[] = []
  for (const field of fields) {
    const from = normalise(before[field])
    const to = normalise(after[field])
    if (JSON.stringify(from) !== JSON.stringify(to)) changes.push({ field, from, to })
  }
  return changes
}

const normalise = (v: unknown) => (v instanceof Date ? v.toISOString() : v === undefined ? null : v)

/** One record's timeline, newest first, keyset-paged. */
export async function listTimeline(
  ctx: Ctx,
  on: { personId: string } | { companyId: string } | { dealId: string },
  query: { limit: number; cursor?: string | undefined },
) {
  assertCan(ctx, 'read')
  const [column, id] =
    'personId' in on
      ? [timelineEvents.personId, on.personId]
      : 'companyId' in on
        ? [timelineEvents.companyId, on.companyId]
        : [timelineEvents.dealId, on.dealId]
  const spec = { column: timelineEvents.occurredAt, id: timelineEvents.id, descending: true, isDate: true }
  const rows = await ctx.db
    .select({ event: timelineEvents, actorName: users.name, ...activityColumns })
    .from(timelineEvents)
    .leftJoin(users, eq(users.id, timelineEvents.actorId))
    .leftJoin(
      activities,
      and(
        eq(activities.workspaceId, timelineEvents.workspaceId),
        eq(activities.id, timelineEvents.activityId),
      ),
    )
    .where(
      and(
        eq(timelineEvents.workspaceId, ctx.workspace.id),
        eq(column, id),
        // A trashed activity leaves the timeline (its 'deleted' event stays, as the audit).
        sql`not (${timelineEvents.kind} = 'activity' and ${activities.deletedAt} is not null)`,
        keysetWhere(spec, query.cursor ? decodeCursor(query.cursor, true) : null),
      ),
    )
    .orderBy(...keysetOrder(spec))
    .limit(query.limit + 1)
  const { rows: page, next } = keysetPage(rows, query.limit, (r) => [
    r.event.occurredAt.toISOString(),
    r.event.id,
  ])
  const data: TimelineEvent[] = page.map(({ event: e, actorName, ...a }) => ({
    id: e.id,
    occurredAt: e.occurredAt.toISOString(),
    kind: e.kind as TimelineEvent['kind'],
    subjectType: e.subjectType as TimelineEvent['subjectType'],
    subjectId: e.subjectId,
    label: e.label,
    actor: e.actorId ? { id: e.actorId, name: actorName ?? '' } : null,
    changes: e.changes,
    activityId: e.activityId,
    activity: presentActivity(a),
  }))
  return { data, nextCursor: next ? encodeCursor(next) : null }
}

// Only what the timeline draws; a note's body is cut to its first 280 characters.
const activityColumns = {
  aId: activities.id,
  aType: activities.type,
  aTitle: activities.title,
  aSummary: sql<string | null>`left(${activities.body}, 280)`,
  aOccurredAt: activities.occurredAt,
  aDirection: activities.callDirection,
  aDuration: activities.callDurationSeconds,
  aOutcome: activities.callOutcome,
  aEndsAt: activities.meetingEndAt,
  aPlace: activities.meetingPlace,
  aDueAt: activities.dueAt,
  aDoneAt: activities.doneAt,
  aDeletedAt: activities.deletedAt,
}

type ActivityColumns = {
  aId: string | null
  aType: string | null
  aTitle: string | null
  aSummary: string | null
  aOccurredAt: Date | null
  aDirection: string | null
  aDuration: number | null
  aOutcome: string | null
  aEndsAt: Date | null
  aPlace: string | null
  aDueAt: Date | null
  aDoneAt: Date | null
  aDeletedAt: Date | null
}

function presentActivity(a: ActivityColumns): TimelineActivity | null {
  if (!a.aId || !a.aOccurredAt) return null
  return {
    id: a.aId,
    type: a.aType as TimelineActivity['type'],
    title: a.aTitle,
    summary: a.aSummary,
    occurredAt: a.aOccurredAt.toISOString(),
    direction: a.aDirection as TimelineActivity['direction'],
    durationSeconds: a.aDuration,
    outcome: a.aOutcome,
    endsAt: a.aEndsAt?.toISOString() ?? null,
    place: a.aPlace,
    dueAt: a.aDueAt?.toISOString() ?? null,
    done: !!a.aDoneAt,
    deletedAt: a.aDeletedAt?.toISOString() ?? null,
  }
}
