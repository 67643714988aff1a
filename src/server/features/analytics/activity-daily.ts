import { type SQL, sql } from 'drizzle-orm'
import { type DbOrTx, queryRows } from '../../db/client.ts'
import { safeTimeZone } from '../activities/tasks.service.ts'

// activity_daily (db/schema/analytics.ts): live activities per day of occurred_at in the
// workspace time zone, type and owner (assignee, else creator, else ''). Kept exact by
// the services that write activities, explicitly and in their transaction (no triggers):
// each write subtracts the old row's cell and adds the new one's; whole-workspace
// changes (demo seeding, a new time zone, bench loads) rebuild it in one statement.
//
// Exactness under concurrency: adjusting reads the time zone under FOR SHARE on the
// workspace row and rebuilding takes FOR UPDATE on it, so a rebuild waits for the writers
// already adjusting (and then sees their rows), and later writers wait for it and add
// their cells on top of the rebuilt table.

/** The columns of an activity the rollup reads. */
export type ActivityCell = {
  type: string
  occurredAt: Date
  assigneeId: string | null
  createdBy: string | null
  deletedAt: Date | null
}

/** The dashboard's activity owner: the assignee, else who logged it ('' for none). */
export const ownerOf = (a: ActivityCell) => a.assigneeId ?? a.createdBy ?? ''

/** Owner expression over the activities table, matching ownerOf. */
export const OWNER_SQL = sql`coalesce(assignee_id, created_by, '')`

/** The day of an instant in `timeZone`, as PostgreSQL computes it (what rebuild uses). */
const daySql = (at: Date, timeZone: string): SQL =>
  sql`(${at.toISOString()}::timestamptz at time zone ${timeZone}::text)::date`

/**
 * The workspace's time zone, read under a row lock: FOR SHARE by adjusters (bulk actions
 * too), FOR UPDATE by a rebuild, so a rebuild and an adjustment never interleave.
 */
export async function lockedTimeZone(tx: DbOrTx, workspaceId: string, mode: 'share' | 'update') {
  const [row] = await queryRows<{ time_zone: string }>(
    tx,
    sql`select time_zone from workspaces where id = ${workspaceId}::uuid for ${sql.raw(mode)}`,
  )
  return safeTimeZone(row?.time_zone ?? 'UTC')
}

/**
 * Moves one activity's count from the cell of `before` to the cell of `after` (null, or
 * a deleted row, counts nowhere). Call it inside the transaction that writes the row.
 */
export async function adjustActivityDaily(
  tx: DbOrTx,
  workspace: { id: string; timeZone: string },
  before: ActivityCell | null,
  after: ActivityCell | null,
): Promise<void> {
  const from = before && !before.deletedAt ? before : null
  const to = after && !after.deletedAt ? after : null
  if (!from && !to) return
  if (
    from &&
    to &&
    from.type === to.type &&
    ownerOf(from) === ownerOf(to) &&
    from.occurredAt.getTime() === to.occurredAt.getTime()
  )
    return
  // The stored zone, not the caller's copy: it may have just changed (see the top).
  const timeZone = await lockedTimeZone(tx, workspace.id, 'share')
  const cells = [...(from ? [{ a: from, n: -1 }] : []), ...(to ? [{ a: to, n: 1 }] : [])].map(
    ({ a, n }) => sql`(${daySql(a.occurredAt, timeZone)}, ${a.type}::text, ${ownerOf(a)}::text, ${n}::int)`,
  )
  // Both cells in one statement; when they are the same day (a reassignment within the
  // day moves between owners, a move within the day nets to zero) `having` drops zeros.
  const changed = await queryRows<{ n: number }>(
    tx,
    sql`insert into activity_daily as t (workspace_id, day, type, owner_id, n)
      select ${workspace.id}::uuid, c.day, c.type, c.owner_id, sum(c.n)::int
      from (values ${sql.join(cells, sql`, `)}) as c(day, type, owner_id, n)
      group by c.day, c.type, c.owner_id
      having sum(c.n) <> 0
      on conflict (workspace_id, day, type, owner_id) do update set n = t.n + excluded.n
      returning t.n`,
  )
  if (from && changed.some((r) => Number(r.n) <= 0)) {
    await tx.execute(
      sql`delete from activity_daily
        where workspace_id = ${workspace.id}::uuid and day = ${daySql(from.occurredAt, timeZone)}
          and type = ${from.type} and owner_id = ${ownerOf(from)} and n <= 0`,
    )
  }
}

/** Recounts a workspace's rollup from its activities: one delete and one grouped insert. */
export async function rebuildActivityDaily(db: DbOrTx, workspaceId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const timeZone = await lockedTimeZone(tx, workspaceId, 'update')
    await tx.execute(sql`delete from activity_daily where workspace_id = ${workspaceId}::uuid`)
    await tx.execute(
      sql`insert into activity_daily (workspace_id, day, type, owner_id, n)
        select workspace_id, (occurred_at at time zone ${timeZone}::text)::date, type, ${OWNER_SQL}, count(*)::int
        from activities
        where workspace_id = ${workspaceId}::uuid and deleted_at is null
        group by 1, 2, 3, 4`,
    )
  })
}
