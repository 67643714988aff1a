import { useQuery } from '@tanstack/react-query'
import type { Job, JobStatus } from '../../../server/features/jobs/jobs.schema.ts'
import { api } from '../../lib/api.ts'

// Background work on the server (bulk actions, imports) as the web app follows it.
export type { Job, JobStatus }

export const isJobActive = (status: JobStatus | undefined) =>
  status === undefined || status === 'queued' || status === 'running'

/** Follows one job: asks for it every second until it is done, failed or cancelled. */
export function useJob(jobId: string | undefined) {
  return useQuery({
    queryKey: ['jobs', jobId],
    queryFn: ({ signal }) => api<Job>(`/api/v1/jobs/${jobId}`, { signal }),
    enabled: Boolean(jobId),
    staleTime: 0,
    refetchInterval: (query) => (isJobActive(query.state.data?.status) ? 1000 : false),
    // Keep following while the tab is in the background: the result toast is still wanted.
    refetchIntervalInBackground: true,
  })
}

/** Whole percent done, or undefined while the total is not known yet. */
export function jobPercent(done: number, total: number | null): number | undefined {
  if (total === null) return undefined
  if (total <= 0) return 100
  return Math.min(100, Math.max(0, Math.floor((done / total) * 100)))
}
