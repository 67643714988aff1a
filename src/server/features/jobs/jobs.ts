import type { FastifyBaseLogger } from 'fastify'
import { uuidv7 } from 'uuidv7'
import type { Db, DbOrTx } from '../../db/client.ts'
import type { Ctx } from '../../http/context.ts'
import { AppError, notFound } from '../../http/errors.ts'
import { assertCan } from '../../http/permissions.ts'
import type { Role } from '../workspaces/regions.ts'
import { getRole } from '../workspaces/workspaces.queries.ts'
import {
  claimJob,
  findJob,
  findWorkspace,
  finishJob,
  insertJob,
  type JobRow,
  jobStatus,
  releaseJob,
  saveCheckpoint,
} from './jobs.queries.ts'
import type { Job } from './jobs.schema.ts'

// Background jobs in the database (bulk actions, imports). Several processes may run
// them side by side: a job is claimed with SKIP LOCKED and held by a lease that each
// checkpoint renews. A handler writes its own resume point (`state`) through
// `checkpoint()` inside each batch transaction, so when a process dies mid-job another
// one picks it up once the lease expires and continues exactly where the last batch
// committed. Handlers must not keep a transaction open across other work: on PGlite
// there is one connection, and every query outside the transaction waits for it.
export type { JobRow }

export type JobRun = {
  db: Db
  /** The job's creator in the job's workspace, with their role as it is now. */
  ctx: Ctx
  job: JobRow
  /** Call inside each batch transaction: saves the resume point and progress, renews the lease. */
  checkpoint(tx: DbOrTx, state: Record<string, unknown>, done: number, total?: number): Promise<void>
  /** Whether someone cancelled the job; check it between batches (never inside a transaction). */
  cancelled(): Promise<boolean>
}

export type JobHandler = (run: JobRun) => Promise<Record<string, unknown> | undefined>

type Logger = Pick<FastifyBaseLogger, 'error' | 'warn' | 'info'>

/** A claimed job is failed instead of run once it has been started this many times. */
export const MAX_ATTEMPTS = 5
const POLL_MS = 1000

const handlers = new Map<string, JobHandler>()
const wakers = new Set<() => void>()

/** Registers the handler of a kind of job (at module load, before the runner starts). */
export function registerJobKind(kind: string, handler: JobHandler) {
  handlers.set(kind, handler)
}

/**
 * Queues a job for the current workspace and user; runners in this process start it at
 * once. Pass `tx` to queue it atomically with other writes (it runs after the commit).
 */
export async function enqueueJob(
  ctx: Ctx,
  kind: string,
  payload: Record<string, unknown>,
  total?: number,
  tx: DbOrTx = ctx.db,
): Promise<JobRow> {
  const job = await insertJob(tx, {
    workspaceId: ctx.workspace.id,
    id: uuidv7(),
    kind,
    payload,
    total: total ?? null,
    createdBy: ctx.userId,
  })
  for (const wake of wakers) wake()
  return job
}

/** A job of the current workspace, for `GET /jobs/:id`. */
export async function getJob(ctx: Ctx, id: string): Promise<Job> {
  assertCan(ctx, 'read')
  const job = await findJob(ctx.db, ctx.workspace.id, id)
  if (!job) throw notFound('Job')
  return {
    id: job.id,
    kind: job.kind,
    status: job.status as Job['status'],
    done: job.done,
    total: job.total,
    result: job.result,
    error: job.error,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  }
}

/**
 * Runs every runnable job to completion, one after the other, and answers how many it
 * ran. For tests and scripts; `workspaceId` keeps parallel test files off each other's jobs.
 */
export async function runJobsOnce(
  db: Db,
  opts: { workspaceId?: string; logger?: Logger } = {},
): Promise<number> {
  let ran = 0
  for (;;) {
    const job = await claimJob(db, [...handlers.keys()], opts.workspaceId ?? null)
    if (!job) return ran
    await executeJob(db, job, { logger: opts.logger, stopping: () => false })
    ran++
  }
}

/**
 * The polling loop of `npm start`: one job at a time per process, every second, and at
 * once when this process queues one. `stop()` lets the current batch end and gives the
 * job back to the queue. (`workspaceId` and `pollMs` are for tests.)
 */
export function startJobRunner(
  db: Db,
  logger: Logger,
  opts: { workspaceId?: string; pollMs?: number } = {},
): { stop(): Promise<void> } {
  let stopping = false
  // Set by a poke that arrives while a claim is under way, so it is not lost.
  let poked = false
  let wake: (() => void) | null = null
  const poke = () => {
    poked = true
    wake?.()
  }
  wakers.add(poke)
  const loop = (async () => {
    while (!stopping) {
      poked = false
      try {
        const job = await claimJob(db, [...handlers.keys()], opts.workspaceId ?? null)
        if (job) {
          await executeJob(db, job, { logger, stopping: () => stopping })
          continue
        }
      } catch (err) {
        logger.error({ err }, 'job runner: a job could not be claimed or ended')
      }
      if (stopping || poked) continue
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, opts.pollMs ?? POLL_MS)
        wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
      wake = null
    }
  })()
  return {
    async stop() {
      stopping = true
      wakers.delete(poke)
      wake?.()
      await loop
    },
  }
}

// Thrown by checkpoint() when another runner has taken the job over (our lease expired).
class LeaseLost extends Error {}
// Thrown by checkpoint()/cancelled() while the runner stops: the batch rolls back and the
// job goes back to the queue, to continue from its last checkpoint after the restart.
class RunnerStopping extends Error {}

async function executeJob(
  db: Db,
  job: JobRow,
  opts: { logger?: Logger | undefined; stopping: () => boolean },
) {
  const handler = handlers.get(job.kind)!
  if (job.attempts > MAX_ATTEMPTS) {
    await finishJob(db, job, { status: 'failed', error: `Stopped after ${MAX_ATTEMPTS} attempts` })
    opts.logger?.warn({ jobId: job.id, kind: job.kind }, 'job given up after too many attempts')
    return
  }
  const ctx = await jobCtx(db, job)
  if (!ctx) {
    await finishJob(db, job, {
      status: 'failed',
      error: 'The person who started this job no longer has access to this workspace',
    })
    return
  }
  const run: JobRun = {
    db,
    ctx,
    job,
    async checkpoint(tx, state, done, total) {
      if (opts.stopping()) throw new RunnerStopping()
      if (!(await saveCheckpoint(tx, job, { state, done, total }))) throw new LeaseLost()
    },
    async cancelled() {
      if (opts.stopping()) throw new RunnerStopping()
      return (await jobStatus(db, job)) === 'cancelled'
    },
  }
  try {
    const result = await handler(run)
    await finishJob(db, job, { status: 'done', result: result ?? null })
  } catch (err) {
    if (err instanceof LeaseLost) return
    if (err instanceof RunnerStopping) {
      await releaseJob(db, job)
      return
    }
    // Shutting down closes the database under the handler: leave the job to its lease.
    if (opts.stopping()) return
    // Users see the messages the app wrote for them (AppError); anything else is logged.
    if (!(err instanceof AppError)) opts.logger?.error({ err, jobId: job.id, kind: job.kind }, 'job failed')
    const error = err instanceof AppError ? err.message : 'Something went wrong on our side'
    await finishJob(db, job, { status: 'failed', error })
  }
}

/** The creator's context in the job's workspace, or null when they lost access to it. */
async function jobCtx(db: Db, job: JobRow): Promise<Ctx | null> {
  if (!job.createdBy) return null
  const [workspace, role] = await Promise.all([
    findWorkspace(db, job.workspaceId),
    getRole(db, job.workspaceId, job.createdBy),
  ])
  if (!workspace || !role) return null
  return { db, userId: job.createdBy, workspace, role: role as Role }
}
