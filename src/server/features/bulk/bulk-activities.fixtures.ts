import { sql } from 'drizzle-orm'
import { expect } from 'vitest'
import { queryRows } from '../../db/client.ts'
import { as, type TestApp, type User } from '../../test/harness.ts'
import { rebuildActivityDaily } from '../analytics/activity-daily.ts'

// Helpers of the activity bulk tests: activities made through the API or straight in the
// database, their rows and timeline events, and the activity_daily check.
export function activityFixtures(t: () => TestApp) {
  async function activity(user: User, body: Record<string, unknown>) {
    const res = await as(t().app, user).post('/api/v1/activities', body)
    expect(res.statusCode, res.body).toBe(201)
    return res.json() as { id: string; version: number }
  }

  const task = (user: User, personId: string, title: string, extra: Record<string, unknown> = {}) =>
    activity(user, { type: 'task', personId, title, dueAt: '2026-05-01T09:00:00Z', ...extra })

  /** Activity rows straight from the database. */
  async function activityRows(ids: string[]) {
    return queryRows<{
      id: string
      type: string
      version: number
      assignee_id: string | null
      done_at: Date | null
      deleted: boolean
    }>(
      t().database.db,
      sql`select id, type, version, assignee_id, done_at, deleted_at is not null as deleted
          from activities where id = any(${`{${ids.join(',')}}`}::uuid[]) order by id`,
    )
  }

  /** The timeline events about one activity, oldest first, as stored. */
  async function eventsOf(activityId: string) {
    return queryRows<{
      subject_type: string
      kind: string
      label: string
      actor_id: string
      person_id: string | null
      company_id: string | null
      deal_id: string | null
      activity_id: string | null
      changes: { field: string; from: unknown; to: unknown }[] | null
    }>(
      t().database.db,
      sql`select subject_type, kind, label, actor_id, person_id, company_id, deal_id, activity_id, changes
          from timeline_events where subject_id = ${activityId}::uuid order by id`,
    )
  }

  /**
   * `n` activities made straight in the database (tasks and calls in turn, on several
   * days), then the workspace's rollup rebuilt so it starts exact.
   */
  async function manyActivities(user: User, personId: string, n: number, prefix: string) {
    const made = await queryRows<{ id: string }>(
      t().database.db,
      sql`insert into activities (workspace_id, id, type, title, person_id, occurred_at, due_at,
            call_direction, assignee_id, created_by)
          select ${user.workspaceId}, gen_random_uuid(),
                 case when g % 2 = 0 then 'task' else 'call' end, ${prefix} || ' ' || g, ${personId},
                 timestamptz '2026-03-01 08:00+00' + (g % 7) * interval '1 day',
                 case when g % 2 = 0 then timestamptz '2026-06-01 08:00+00' end,
                 case when g % 2 = 1 then 'inbound' end,
                 case when g % 2 = 0 then ${user.userId} end, ${user.userId}
          from generate_series(1, ${n}) g
          returning id`,
    )
    await rebuildActivityDaily(t().database.db, user.workspaceId)
    return made.map((r) => r.id)
  }

  async function rollup(workspaceId: string) {
    return queryRows<{ day: string; type: string; owner_id: string; n: number }>(
      t().database.db,
      sql`select to_char(day, 'YYYY-MM-DD') as day, type, owner_id, n from activity_daily
          where workspace_id = ${workspaceId} order by 1, 2, 3`,
    )
  }

  /** activity_daily as maintained equals a fresh rebuild from the activities; returns the cells. */
  async function expectRollupExact(workspaceId: string) {
    const maintained = await rollup(workspaceId)
    await rebuildActivityDaily(t().database.db, workspaceId)
    expect(maintained).toEqual(await rollup(workspaceId))
    return maintained
  }

  return { activity, task, activityRows, eventsOf, manyActivities, rollup, expectRollupExact }
}
