import { sql } from 'drizzle-orm'
import { type DbOrTx, queryRows } from '../../db/client.ts'
import type { Ctx } from '../../http/context.ts'
import { lockedTimeZone, ownerOf } from '../analytics/activity-daily.ts'
import { ownerNames } from '../people/people.queries.ts'
import { type BulkEvent, type BulkRow, type EventOf, updateBatch } from './bulk.queries.ts'
import type { BulkAction } from './bulk.schema.ts'

// Bulk actions on activities: assign tasks, mark tasks done or not done, delete, restore.
// Each changes the rows as the single-record activity service does (same columns, same
// timeline events, version bumped) and keeps the activity_daily rollup exact in the
// same transaction: one grouped delta per batch instead of one adjustment per row.

/** Assign and done apply to tasks only: other activities in the selection are skipped. */
export const skipsActivity = (action: BulkAction, r: BulkRow) =>
  (action.type === 'assign' || action.type === 'setDone') && r.type !== 'task'

/** Whether the action changes this activity; trashed ones are only restored. */
export function changesActivity(action: BulkAction, r: BulkRow): boolean {
  switch (action.type) {
    case 'delete':
      return !r.deleted
    case 'restore':
      return r.deleted
    case 'assign':
      return !r.deleted && r.type === 'task' && r.ownerId !== action.assigneeId
    case 'setDone':
      return !r.deleted && r.type === 'task' && r.done !== action.done
    default:
      return false
  }
}

/** One rollup cell's change: +1 or -1 activity on its day (in the workspace zone), type and owner. */
type Delta = { at: string; type: string; owner: string; n: number }

const cell = (r: BulkRow, assigneeId: string | null, n: number): Delta => ({
  at: r.occurredAt,
  type: r.type,
  owner: ownerOf({
    type: r.type,
    occurredAt: new Date(r.occurredAt),
    assigneeId,
    createdBy: r.createdBy,
    deletedAt: null,
  }),
  n,
})

/** The set-based UPDATE of the batch's changing activities (never empty), and their timeline events. */
export async function changeActivities(
  tx: DbOrTx,
  ctx: Ctx,
  action: BulkAction,
  assigneeName: string | null,
  rows: BulkRow[],
  event: EventOf,
): Promise<BulkEvent[]> {
  const ws = ctx.workspace.id
  const ids = rows.map((r) => r.id)
  switch (action.type) {
    case 'assign': {
      const before = await ownerNames(
        tx,
        rows.map((r) => r.ownerId),
      )
      await updateBatch(tx, ws, 'activity', ids, sql`assignee_id = ${action.assigneeId}`)
      // The task's count moves from its old owner to the new assignee.
      await adjustDaily(
        tx,
        ws,
        rows.flatMap((r) => [cell(r, r.ownerId, -1), cell(r, action.assigneeId, 1)]),
      )
      return rows.map((r) =>
        event(r, 'updated', [
          { field: 'assignee', from: r.ownerId ? (before.get(r.ownerId) ?? '') : null, to: assigneeName },
        ]),
      )
    }
    case 'setDone':
      // Done keeps its first time, as a single edit does; the rollup does not count done.
      await updateBatch(
        tx,
        ws,
        'activity',
        ids,
        action.done ? sql`done_at = coalesce(done_at, now())` : sql`done_at = null`,
      )
      return rows.map((r) => event(r, 'updated', [{ field: 'done', from: r.done, to: action.done }]))
    case 'delete':
      await updateBatch(tx, ws, 'activity', ids, sql`deleted_at = now()`)
      await adjustDaily(
        tx,
        ws,
        rows.map((r) => cell(r, r.ownerId, -1)),
      )
      return rows.map((r) => event(r, 'deleted'))
    case 'restore':
      await updateBatch(tx, ws, 'activity', ids, sql`deleted_at = null`)
      await adjustDaily(
        tx,
        ws,
        rows.map((r) => cell(r, r.ownerId, 1)),
      )
      return rows.map((r) => event(r, 'restored'))
    default:
      return []
  }
}

/**
 * Adds the batch's deltas to activity_daily in one statement (cells netting to zero are
 * dropped) and removes the cells that reach zero. The time zone is read under FOR SHARE
 * on the workspace row, as adjustActivityDaily does, so a concurrent rebuild (which takes
 * FOR UPDATE) either waits for this batch or is waited for.
 */
async function adjustDaily(tx: DbOrTx, workspaceId: string, deltas: Delta[]) {
  if (!deltas.length) return
  const timeZone = await lockedTimeZone(tx, workspaceId, 'share')
  // In cell order, so two batches touching the same cells lock them in the same order.
  const changed = await queryRows<{ n: number }>(
    tx,
    sql`insert into activity_daily as t (workspace_id, day, type, owner_id, n)
      select ${workspaceId}::uuid, (c.at at time zone ${timeZone}::text)::date, c.type, c.owner, sum(c.n)::int
      from jsonb_to_recordset(${JSON.stringify(deltas)}::jsonb) as c(at timestamptz, type text, owner text, n int)
      group by 2, 3, 4
      having sum(c.n) <> 0
      order by 2, 3, 4
      on conflict (workspace_id, day, type, owner_id) do update set n = t.n + excluded.n
      returning t.n`,
  )
  if (changed.some((r) => Number(r.n) <= 0)) {
    await tx.execute(
      sql`delete from activity_daily
        where workspace_id = ${workspaceId}::uuid and n <= 0
          and (day, type, owner_id) in (
            select (c.at at time zone ${timeZone}::text)::date, c.type, c.owner
            from jsonb_to_recordset(${JSON.stringify(deltas)}::jsonb) as c(at timestamptz, type text, owner text)
          )`,
    )
  }
}
