import { sql } from 'drizzle-orm'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { queryRows } from '../../db/client.ts'
import type { Ctx } from '../../http/context.ts'
import { AppError } from '../../http/errors.ts'
import { addMember, as, createTestApp, signUp, type TestApp, type User } from '../../test/harness.ts'
import type { Role } from '../workspaces/regions.ts'
import { claimJob, findWorkspace, type JobRow } from './jobs.queries.ts'
import { enqueueJob, registerJobKind, runJobsOnce, startJobRunner } from './jobs.ts'

let t: TestApp
let owner: User

beforeAll(async () => {
  t = await createTestApp()
  owner = await signUp(t.app)
})
afterAll(() => t.close())

const silent = pino({ level: 'silent' })

async function ctxOf(user: User, role: Role = 'owner'): Promise<Ctx> {
  const workspace = await findWorkspace(t.database.db, user.workspaceId)
  return { db: t.database.db, userId: user.userId, workspace: workspace!, role }
}

// A job of `n` steps, one checkpointed transaction each. `steps` records every step that
// committed, per job, so a test can see that none ran twice. `gate` lets a test pause it.
const steps = new Map<string, number[]>()
let gate: ((jobId: string, step: number) => Promise<void>) | null = null

registerJobKind('test-steps', async (run) => {
  const n = run.job.payload.n as number
  let i = (run.job.state.i as number | undefined) ?? 0
  while (i < n) {
    if (await run.cancelled()) return { stoppedAt: i }
    await gate?.(run.job.id, i)
    await run.db.transaction(async (tx) => {
      await tx.execute(sql`select 1`)
      await run.checkpoint(tx, { i: i + 1 }, i + 1, n)
    })
    steps.set(run.job.id, [...(steps.get(run.job.id) ?? []), i])
    i++
  }
  return { steps: n, by: run.ctx.userId, role: run.ctx.role }
})
registerJobKind('test-fails', async (run) => {
  if (run.job.payload.bug) throw new Error('relation "secret_table" does not exist')
  throw new AppError(400, 'empty_file', 'The file has no rows')
})

async function row(job: { workspaceId: string; id: string }) {
  const [r] = await queryRows<{ status: string; attempts: number; done: number; locked_until: Date | null }>(
    t.database.db,
    sql`select status, attempts, done, locked_until from jobs where workspace_id = ${job.workspaceId} and id = ${job.id}`,
  )
  return r!
}

const expireLease = (job: JobRow) =>
  t.database.db.execute(
    sql`update jobs set locked_until = now() - interval '1 minute' where workspace_id = ${job.workspaceId} and id = ${job.id}`,
  )

describe('jobs', () => {
  it('runs a queued job to the end and shows it at GET /jobs/:id', async () => {
    const job = await enqueueJob(await ctxOf(owner), 'test-steps', { n: 3 }, 3)
    const queued = await as(t.app, owner).get(`/api/v1/jobs/${job.id}`)
    expect(queued.statusCode).toBe(200)
    expect(queued.json()).toMatchObject({
      id: job.id,
      kind: 'test-steps',
      status: 'queued',
      done: 0,
      total: 3,
    })

    expect(await runJobsOnce(t.database.db, { workspaceId: owner.workspaceId })).toBe(1)
    const res = await as(t.app, owner).get(`/api/v1/jobs/${job.id}`)
    expect(res.json()).toMatchObject({
      status: 'done',
      done: 3,
      total: 3,
      result: { steps: 3, by: owner.userId, role: 'owner' },
      error: null,
    })
    expect(res.json().finishedAt).toEqual(expect.any(String))
    expect(steps.get(job.id)).toEqual([0, 1, 2])
    expect(await runJobsOnce(t.database.db, { workspaceId: owner.workspaceId })).toBe(0)
  })

  it('answers 404 for a job of another workspace and for an unknown id', async () => {
    const job = await enqueueJob(await ctxOf(owner), 'test-steps', { n: 1 })
    const stranger = await signUp(t.app)
    expect((await as(t.app, stranger).get(`/api/v1/jobs/${job.id}`)).statusCode).toBe(404)
    expect((await as(t.app, owner).get(`/api/v1/jobs/${crypto.randomUUID()}`)).statusCode).toBe(404)
    expect((await as(t.app, owner).get('/api/v1/jobs/nope')).statusCode).toBe(400)
    await runJobsOnce(t.database.db, { workspaceId: owner.workspaceId })
  })

  it('lets a viewer of the workspace follow a job', async () => {
    const viewer = await addMember(t.app, owner, 'viewer')
    const job = await enqueueJob(await ctxOf(owner), 'test-steps', { n: 1 })
    expect((await as(t.app, viewer).get(`/api/v1/jobs/${job.id}`)).statusCode).toBe(200)
    await runJobsOnce(t.database.db, { workspaceId: owner.workspaceId })
  })

  it('fails a job with the message written for people, never internals', async () => {
    const ctx = await ctxOf(owner)
    const mine = await enqueueJob(ctx, 'test-fails', {})
    const bug = await enqueueJob(ctx, 'test-fails', { bug: true })
    await runJobsOnce(t.database.db, { workspaceId: owner.workspaceId, logger: silent })
    const a = (await as(t.app, owner).get(`/api/v1/jobs/${mine.id}`)).json()
    expect(a).toMatchObject({ status: 'failed', error: 'The file has no rows', result: null })
    const b = (await as(t.app, owner).get(`/api/v1/jobs/${bug.id}`)).json()
    expect(b).toMatchObject({ status: 'failed', error: 'Something went wrong on our side' })
    expect(JSON.stringify(b)).not.toContain('secret_table')
  })

  it('leaves a job with a live lease alone and resumes it from its checkpoint once the lease expires', async () => {
    const user = await signUp(t.app)
    const job = await enqueueJob(await ctxOf(user), 'test-steps', { n: 4 }, 4)
    // A process claims the job, commits two steps, and dies.
    const claimed = (await claimJob(t.database.db, ['test-steps'], user.workspaceId))!
    expect(claimed).toMatchObject({ id: job.id, status: 'running', attempts: 1 })
    await t.database.db.execute(
      sql`update jobs set state = '{"i": 2}', done = 2 where workspace_id = ${job.workspaceId} and id = ${job.id}`,
    )
    expect(await runJobsOnce(t.database.db, { workspaceId: user.workspaceId })).toBe(0)
    expect((await row(job)).status).toBe('running')

    await expireLease(claimed)
    expect(await runJobsOnce(t.database.db, { workspaceId: user.workspaceId })).toBe(1)
    expect(steps.get(job.id)).toEqual([2, 3])
    expect(await row(job)).toMatchObject({ status: 'done', attempts: 2, done: 4, locked_until: null })
  })

  it('never gives one job to two runners working side by side', async () => {
    const user = await signUp(t.app)
    const ctx = await ctxOf(user)
    const queued = []
    for (let i = 0; i < 6; i++) queued.push(await enqueueJob(ctx, 'test-steps', { n: 3 }, 3))
    // On PostgreSQL these are separate connections of the pool, as two processes would be.
    const ran = await Promise.all([
      runJobsOnce(t.database.db, { workspaceId: user.workspaceId }),
      runJobsOnce(t.database.db, { workspaceId: user.workspaceId }),
      runJobsOnce(t.database.db, { workspaceId: user.workspaceId }),
    ])
    expect(ran.reduce((a, b) => a + b, 0)).toBe(6)
    for (const job of queued) {
      expect(steps.get(job.id)).toEqual([0, 1, 2])
      expect(await row(job)).toMatchObject({ status: 'done', attempts: 1 })
    }
  })

  it('queues a job inside the caller’s transaction: nothing is queued when it rolls back', async () => {
    const user = await signUp(t.app)
    const ctx = await ctxOf(user)
    let id = ''
    await t.database.db
      .transaction(async (tx) => {
        id = (await enqueueJob(ctx, 'test-steps', { n: 1 }, 1, tx)).id
        throw new Error('rolled back')
      })
      .catch(() => {})
    expect((await as(t.app, user).get(`/api/v1/jobs/${id}`)).statusCode).toBe(404)
    expect(await runJobsOnce(t.database.db, { workspaceId: user.workspaceId })).toBe(0)
  })

  it('gives a job up after 5 attempts', async () => {
    const user = await signUp(t.app)
    const job = await enqueueJob(await ctxOf(user), 'test-steps', { n: 1 })
    await t.database.db.execute(
      sql`update jobs set status = 'running', attempts = 5, locked_until = now() - interval '1 second'
          where workspace_id = ${job.workspaceId} and id = ${job.id}`,
    )
    await runJobsOnce(t.database.db, { workspaceId: user.workspaceId, logger: silent })
    const res = (await as(t.app, user).get(`/api/v1/jobs/${job.id}`)).json()
    expect(res).toMatchObject({ status: 'failed', error: 'Stopped after 5 attempts' })
    expect(steps.get(job.id)).toBeUndefined()
  })

  it('fails the job when its creator lost access to the workspace, and runs with the current role', async () => {
    const boss = await signUp(t.app)
    const member = await addMember(t.app, boss, 'member')
    const demoted = await addMember(t.app, boss, 'member')
    const gone = await enqueueJob(await ctxOf(member, 'member'), 'test-steps', { n: 1 })
    const kept = await enqueueJob(await ctxOf(demoted, 'member'), 'test-steps', { n: 1 })
    await t.database.db.execute(
      sql`delete from memberships where workspace_id = ${boss.workspaceId} and user_id = ${member.userId}`,
    )
    await t.database.db.execute(
      sql`update memberships set role = 'viewer' where workspace_id = ${boss.workspaceId} and user_id = ${demoted.userId}`,
    )
    expect(await runJobsOnce(t.database.db, { workspaceId: boss.workspaceId })).toBe(2)
    const a = (await as(t.app, boss).get(`/api/v1/jobs/${gone.id}`)).json()
    expect(a).toMatchObject({
      status: 'failed',
      error: 'The person who started this job no longer has access to this workspace',
    })
    expect(steps.get(gone.id)).toBeUndefined()
    const b = (await as(t.app, boss).get(`/api/v1/jobs/${kept.id}`)).json()
    expect(b).toMatchObject({ status: 'done', result: { role: 'viewer' } })
  })

  it('does not let a runner that lost its lease write any more', async () => {
    const user = await signUp(t.app)
    const job = await enqueueJob(await ctxOf(user), 'test-steps', { n: 3 }, 3)
    // While step 1 runs, another process takes the job over (its attempt number moves on).
    gate = async (id, step) => {
      if (id === job.id && step === 1) {
        await t.database.db.execute(
          sql`update jobs set attempts = attempts + 1 where workspace_id = ${job.workspaceId} and id = ${job.id}`,
        )
      }
    }
    try {
      await runJobsOnce(t.database.db, { workspaceId: user.workspaceId })
    } finally {
      gate = null
    }
    expect(steps.get(job.id)).toEqual([0])
    expect(await row(job)).toMatchObject({ status: 'running', done: 1 })
    await t.database.db.execute(
      sql`update jobs set status = 'cancelled' where workspace_id = ${job.workspaceId} and id = ${job.id}`,
    )
  })

  it('stops a running job between batches when asked to cancel, and keeps it cancelled', async () => {
    const user = await signUp(t.app)
    const job = await enqueueJob(await ctxOf(user), 'test-steps', { n: 5 }, 5)
    gate = async (id, step) => {
      if (id === job.id && step === 2) {
        await t.database.db.execute(
          sql`update jobs set status = 'cancelled' where workspace_id = ${job.workspaceId} and id = ${job.id}`,
        )
      }
    }
    try {
      await runJobsOnce(t.database.db, { workspaceId: user.workspaceId })
    } finally {
      gate = null
    }
    const res = (await as(t.app, user).get(`/api/v1/jobs/${job.id}`)).json()
    expect(res.status).toBe('cancelled')
    expect(res.finishedAt).toEqual(expect.any(String))
    expect(steps.get(job.id)).toEqual([0, 1, 2])
  })

  it('runs jobs in the background as soon as they are queued, and on stop gives the current one back', async () => {
    const user = await signUp(t.app)
    const ctx = await ctxOf(user)
    const runner = startJobRunner(t.database.db, silent, { workspaceId: user.workspaceId, pollMs: 60_000 })
    try {
      const quick = await enqueueJob(ctx, 'test-steps', { n: 2 }, 2)
      await waitFor(async () => (await row(quick)).status === 'done')

      // A long job: stop the runner while step 2 is under way.
      let stopping: Promise<void> | null = null
      const long = await enqueueJob(ctx, 'test-steps', { n: 5 }, 5)
      gate = async (id, step) => {
        if (id === long.id && step === 2) stopping = runner.stop()
      }
      await waitFor(async () => stopping !== null)
      await stopping
      gate = null
      expect(steps.get(long.id)).toEqual([0, 1])
      expect(await row(long)).toMatchObject({ status: 'queued', attempts: 0, done: 2, locked_until: null })

      await runJobsOnce(t.database.db, { workspaceId: user.workspaceId })
      expect(steps.get(long.id)).toEqual([0, 1, 2, 3, 4])
      expect(await row(long)).toMatchObject({ status: 'done', attempts: 1, done: 5 })
    } finally {
      gate = null
      await runner.stop()
    }
  })
})

async function waitFor(check: () => Promise<boolean>, ms = 10_000) {
  const until = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 20))
  }
}
