import { sql } from 'drizzle-orm'
import { expect } from 'vitest'
import { queryRows } from '../../db/client.ts'
import { as, type TestApp, type User } from '../../test/harness.ts'
import { registerJobKind, runJobsOnce } from '../jobs/jobs.ts'
import { bulkJob } from './bulk.service.ts'

// Helpers of the bulk tests: requests, and rows and events read straight from the database.
export function bulkFixtures(t: () => TestApp) {
  const bulk = (user: User, path: string, body: unknown) =>
    as(t().app, user).post(`/api/v1/${path}/bulk`, body)

  /**
   * Runs the queued bulk job in a process that dies at its second batch's checkpoint (that
   * batch rolls back), then leaves the job as a crash does: still running, its lease run out.
   */
  async function crashAtSecondBatch(user: User, jobId: string) {
    registerJobKind('bulk', (run) => {
      let checkpoints = 0
      return bulkJob({
        ...run,
        async checkpoint(tx, state, done, total) {
          if (++checkpoints === 2) throw new Error('process killed')
          await run.checkpoint(tx, state, done, total)
        },
      })
    })
    try {
      await runJobsOnce(t().database.db, { workspaceId: user.workspaceId })
    } finally {
      registerJobKind('bulk', bulkJob)
    }
    await t().database.db.execute(
      sql`update jobs set status = 'running', error = null, finished_at = null,
            locked_until = now() - interval '1 second'
          where workspace_id = ${user.workspaceId} and id = ${jobId}`,
    )
  }

  async function person(user: User, firstName: string) {
    const res = await as(t().app, user).post('/api/v1/people?allowDuplicate=true', { firstName })
    expect(res.statusCode, res.body).toBe(201)
    return res.json() as { id: string; version: number }
  }

  async function tag(user: User, name: string) {
    const res = await as(t().app, user).post('/api/v1/tags', {
      name: `${name} ${crypto.randomUUID().slice(0, 8)}`,
    })
    expect(res.statusCode, res.body).toBe(201)
    return res.json() as { id: string; name: string }
  }

  async function timeline(user: User, path: string, id: string): Promise<Event[]> {
    const res = await as(t().app, user).get(`/api/v1/${path}/${id}/timeline`)
    expect(res.statusCode, res.body).toBe(200)
    return res.json().data
  }

  /** Table rows straight from the database (tag_ids, version, deleted_at …). */
  async function rows(table: 'people' | 'companies' | 'deals', ids: string[]) {
    return queryRows<{
      id: string
      version: number
      owner_id: string | null
      tag_ids: string[]
      deleted: boolean
      status?: string
      stage_id?: string
      lost_reason?: string | null
      closed_at?: Date | null
    }>(
      t().database.db,
      sql`select *, to_jsonb(tag_ids) as tag_ids, deleted_at is not null as deleted
          from ${sql.identifier(table)} where id = any(${`{${ids.join(',')}}`}::uuid[]) order by id`,
    )
  }

  /** `n` people made straight in the database, for the large selections. */
  async function manyPeople(user: User, n: number, prefix: string): Promise<string[]> {
    const made = await queryRows<{ id: string }>(
      t().database.db,
      sql`insert into people (workspace_id, id, first_name, last_name, sort_name, search_text, owner_id, created_by)
          select ${user.workspaceId}, gen_random_uuid(), ${prefix} || g, '', lower(${prefix}) || g,
                 lower(${prefix}) || g, ${user.userId}, ${user.userId}
          from generate_series(1, ${n}) g
          returning id`,
    )
    return made.map((r) => r.id)
  }

  async function eventsPerRecord(workspaceId: string, ids: string[], kind: string) {
    const counts = await queryRows<{ subject_id: string; n: number }>(
      t().database.db,
      sql`select subject_id, count(*)::int as n from timeline_events
          where workspace_id = ${workspaceId} and kind = ${kind}
            and subject_id = any(${`{${ids.join(',')}}`}::uuid[])
          group by subject_id`,
    )
    return new Map(counts.map((c) => [c.subject_id, Number(c.n)]))
  }
  return { bulk, person, tag, timeline, rows, manyPeople, eventsPerRecord, crashAtSecondBatch }
}

export type Event = {
  kind: string
  label: string
  changes: { field: string; from: unknown; to: unknown }[] | null
}
