import * as z from 'zod'

// A background job as the API shows it (`GET /jobs/:id`); the web app polls it for progress.
// A pure schema module (the web app may import it): the statuses mirror JOB_STATUSES of the table.
export const JOB_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const

export const jobOutput = z
  .object({
    id: z.uuid(),
    kind: z.string().describe('What the job does: `bulk`, `import`, …'),
    status: z.enum(JOB_STATUSES),
    done: z.number().int().describe('Records handled so far'),
    total: z.number().int().nullable().describe('Records to handle; null until known'),
    result: z.record(z.string(), z.unknown()).nullable().describe('What the job reports when done'),
    error: z.string().nullable().describe('Why the job failed, for people to read'),
    createdAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Job' })

export const jobParams = z.object({ id: z.uuid() })

export type Job = z.infer<typeof jobOutput>
export type JobStatus = (typeof JOB_STATUSES)[number]
