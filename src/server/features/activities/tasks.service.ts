import type { Ctx } from '../../http/context.ts'
import { decodeCursor, encodeCursor } from '../../http/cursor.ts'
import { assertCan } from '../../http/permissions.ts'
import { countMyTasks, dayBounds, presentActivities, selectMyTasks } from './activities.queries.ts'
import type { MyTasksQuery } from './activities.schema.ts'

// "My tasks": the caller's open tasks, by due date, in three buckets. "Today" is the
// calendar day of the workspace's time zone (a shop in Addis and its owner abroad see the
// same list); a task due earlier today is still "today", not overdue.

/** The time zone, or UTC if it is not one the runtime knows (settings accept any text). */
export function safeTimeZone(timeZone: string) {
  try {
    new Intl.DateTimeFormat('en', { timeZone })
    return timeZone
  } catch {
    return 'UTC'
  }
}

const zoneOf = (ctx: Ctx) => safeTimeZone(ctx.workspace.timeZone)

export async function myTasks(ctx: Ctx, query: MyTasksQuery, now = new Date()) {
  assertCan(ctx, 'read')
  const bounds = await dayBounds(ctx.db, zoneOf(ctx), now)
  const { rows, next } = await selectMyTasks(ctx.db, ctx.workspace.id, ctx.userId, {
    bucket: query.bucket,
    bounds,
    limit: query.limit,
    after: query.cursor ? decodeCursor(query.cursor, true) : null,
  })
  return {
    data: await presentActivities(ctx.db, ctx.workspace.id, rows),
    nextCursor: next ? encodeCursor(next) : null,
  }
}

export async function myTaskCounts(ctx: Ctx, now = new Date()) {
  assertCan(ctx, 'read')
  return countMyTasks(ctx.db, ctx.workspace.id, ctx.userId, await dayBounds(ctx.db, zoneOf(ctx), now))
}
