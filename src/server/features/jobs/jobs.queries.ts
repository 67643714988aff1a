import { and, eq, inArray, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../db/client.ts'
import { jobs, workspaces } from '../../db/schema/index.ts'

// SQL for the jobs table. A runner owns a job while `locked_until` is in the future; the
// claim increments `attempts`, and every later write of that runner is fenced on the
// attempt number it claimed, so a runner that lost its lease can never write again.
export type JobRow = typeof jobs.$inferSelect

export const LEASE_SECONDS = 60
const leaseEnd = () => sql`now() + ${sql.raw(`interval '${LEASE_SECONDS} seconds'`)}`

export async function insertJob(db: DbOrTx, row: typeof jobs.$inferInsert): Promise<JobRow> {
  const [job] = await db.insert(jobs).values(row).returning()
  return job!
}

export async function findJob(db: DbOrTx, workspaceId: string, id: string): Promise<JobRow | null> {
  const rows = await db
    .select()
    .from(jobs)
    .where(and(eq(jobs.workspaceId, workspaceId), eq(jobs.id, id)))
  return rows[0] ?? null
}

/**
 * Takes the oldest runnable job of one of `kinds`: queued, or running with an expired
 * lease (its process died). SKIP LOCKED lets several processes claim side by side.
 */
export async function claimJob(
  db: DbOrTx,
  kinds: string[],
  workspaceId: string | null,
): Promise<JobRow | null> {
  if (!kinds.length) return null
  const kindList = sql.join(
    kinds.map((k) => sql`${k}`),
    sql`, `,
  )
  const rows = await db
    .update(jobs)
    .set({
      status: 'running',
      attempts: sql`${jobs.attempts} + 1`,
      lockedUntil: leaseEnd(),
      updatedAt: sql`now()`,
    })
    .where(
      sql`(${jobs.workspaceId}, ${jobs.id}) = (
        select j.workspace_id, j.id from jobs j
        where (j.status = 'queued' or (j.status = 'running' and j.locked_until < now()))
          and j.kind in (${kindList})
          ${workspaceId ? sql`and j.workspace_id = ${workspaceId}` : sql``}
        order by j.created_at, j.id
        limit 1
        for update skip locked
      )`,
    )
    .returning()
  return rows[0] ?? null
}

const owned = (job: JobRow) =>
  and(
    eq(jobs.workspaceId, job.workspaceId),
    eq(jobs.id, job.id),
    inArray(jobs.status, ['running', 'cancelled']),
    eq(jobs.attempts, job.attempts),
  )

/** Saves progress and renews the lease; false when this runner no longer owns the job. */
export async function saveCheckpoint(
  db: DbOrTx,
  job: JobRow,
  progress: { state: Record<string, unknown>; done: number; total?: number | undefined },
): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({
      state: progress.state,
      done: progress.done,
      ...(progress.total !== undefined ? { total: progress.total } : {}),
      lockedUntil: leaseEnd(),
      updatedAt: sql`now()`,
    })
    .where(owned(job))
    .returning({ id: jobs.id })
  return rows.length > 0
}

/** Ends a job (a cancelled one stays cancelled, but gets its finish time). */
export async function finishJob(
  db: DbOrTx,
  job: JobRow,
  end: { status: 'done' | 'failed'; result?: Record<string, unknown> | null; error?: string | null },
) {
  await db
    .update(jobs)
    .set({
      status: sql`case when ${jobs.status} = 'cancelled' then ${jobs.status} else ${end.status} end`,
      result: end.result ?? null,
      error: end.error ?? null,
      lockedUntil: null,
      updatedAt: sql`now()`,
      finishedAt: sql`now()`,
    })
    .where(owned(job))
}

/** Gives a job back to the queue without counting the attempt (graceful shutdown). */
export async function releaseJob(db: DbOrTx, job: JobRow) {
  await db
    .update(jobs)
    .set({
      status: sql`case when ${jobs.status} = 'cancelled' then ${jobs.status} else 'queued' end`,
      attempts: sql`${jobs.attempts} - 1`,
      lockedUntil: null,
      updatedAt: sql`now()`,
    })
    .where(owned(job))
}

export async function jobStatus(db: DbOrTx, job: JobRow): Promise<string | null> {
  const rows = await db
    .select({ status: jobs.status })
    .from(jobs)
    .where(and(eq(jobs.workspaceId, job.workspaceId), eq(jobs.id, job.id)))
  return rows[0]?.status ?? null
}

export async function findWorkspace(db: DbOrTx, id: string) {
  const rows = await db.select().from(workspaces).where(eq(workspaces.id, id))
  return rows[0] ?? null
}
