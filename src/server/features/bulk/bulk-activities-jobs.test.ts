import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { queryRows } from '../../db/client.ts'
import { addMember, as, createTestApp, signUp, type TestApp, type User } from '../../test/harness.ts'
import { runJobsOnce } from '../jobs/jobs.ts'
import { bulkFixtures } from './bulk.fixtures.ts'
import { activityFixtures } from './bulk-activities.fixtures.ts'

// Activity bulk actions beyond 200 records: a background job, batch by batch, that keeps
// activity_daily exact and reports the activities it skipped (not tasks).
let t: TestApp

beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

const { bulk, eventsPerRecord, crashAtSecondBatch } = bulkFixtures(() => t)
const { activityRows, manyActivities, expectRollupExact } = activityFixtures(() => t)

async function workspace() {
  const owner = await signUp(t.app)
  const member = await addMember(t.app, owner, 'member')
  const personId: string = (await as(t.app, owner).post('/api/v1/people', { firstName: 'Genet' })).json().id
  return { owner, member, personId }
}

async function runJob(user: User, jobId: string) {
  await runJobsOnce(t.database.db, { workspaceId: user.workspaceId })
  return (await as(t.app, user).get(`/api/v1/jobs/${jobId}`)).json()
}

describe('activity bulk actions as a job', () => {
  it('assigns the tasks of a whole filtered list in a job, counting the calls as skipped', async () => {
    const { owner, member, personId } = await workspace()
    const ids = await manyActivities(owner, personId, 700, 'Follow up')
    const res = await bulk(owner, 'activities', {
      selection: { all: true, q: 'follow up' },
      action: { type: 'assign', assigneeId: member.userId },
    })
    expect(res.statusCode, res.body).toBe(202)
    const job = await runJob(owner, res.json().jobId)
    expect(job).toMatchObject({
      status: 'done',
      done: 700,
      total: 700,
      result: { changed: 350, skipped: 350 },
      error: null,
    })
    const rows = await activityRows(ids)
    for (const r of rows.filter((x) => x.type === 'task')) {
      expect(r).toMatchObject({ assignee_id: member.userId, version: 2 })
    }
    for (const r of rows.filter((x) => x.type === 'call'))
      expect(r).toMatchObject({ assignee_id: null, version: 1 })
    const tasks = rows.filter((x) => x.type === 'task').map((x) => x.id)
    const events = await eventsPerRecord(owner.workspaceId, ids, 'updated')
    expect([...events.keys()].sort()).toEqual([...tasks].sort())
    expect([...events.values()].every((n) => n === 1)).toBe(true)
    const cells = await expectRollupExact(owner.workspaceId)
    expect(cells.filter((c) => c.type === 'task').every((c) => c.owner_id === member.userId)).toBe(true)
  })

  it('deletes and restores 250 picked activities in jobs, activity_daily exact after each', async () => {
    const { owner, personId } = await workspace()
    const ids = await manyActivities(owner, personId, 250, 'Visit')
    const deleted = await bulk(owner, 'activities', { selection: { ids }, action: { type: 'delete' } })
    expect(deleted.statusCode, deleted.body).toBe(202)
    expect(await runJob(owner, deleted.json().jobId)).toMatchObject({
      status: 'done',
      done: 250,
      total: 250,
      result: { changed: 250, skipped: 0 },
    })
    expect((await activityRows(ids)).every((r) => r.deleted && r.version === 2)).toBe(true)
    expect(await expectRollupExact(owner.workspaceId)).toEqual([])

    const restored = await bulk(owner, 'activities', { selection: { ids }, action: { type: 'restore' } })
    expect(await runJob(owner, restored.json().jobId)).toMatchObject({ status: 'done', done: 250 })
    expect((await activityRows(ids)).every((r) => !r.deleted && r.version === 3)).toBe(true)
    const cells = await expectRollupExact(owner.workspaceId)
    expect(cells.reduce((s, c) => s + Number(c.n), 0)).toBe(250)
  })

  it('resumes after a crash from the last committed batch: each task done exactly once', async () => {
    const { owner, personId } = await workspace()
    const ids = await manyActivities(owner, personId, 1200, 'Crash')
    const res = await bulk(owner, 'activities', {
      selection: { all: true, filters: [{ field: 'title', op: 'contains', value: 'crash' }] },
      action: { type: 'setDone', done: true },
    })
    const { jobId } = res.json()
    // The process dies in the middle of the second batch: that batch rolls back.
    await crashAtSecondBatch(owner, jobId)
    expect(await runJob(owner, jobId)).toMatchObject({
      status: 'done',
      done: 1200,
      result: { changed: 600, skipped: 600 },
    })
    const [row] = await queryRows<{ done: number; versions: number[] }>(
      t.database.db,
      sql`select count(*) filter (where done_at is not null)::int as done,
            array_agg(distinct version order by version) as versions
          from activities where workspace_id = ${owner.workspaceId} and type = 'task'`,
    )
    expect(row).toMatchObject({ done: 600, versions: [2] })
    const events = await eventsPerRecord(owner.workspaceId, ids, 'updated')
    expect(events.size).toBe(600)
    expect([...events.values()].every((n) => n === 1)).toBe(true)
  })
})
