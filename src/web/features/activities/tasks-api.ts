import { type QueryClient, useInfiniteQuery, useQuery } from '@tanstack/react-query'
import type * as z from 'zod'
import type {
  Activity,
  myTaskCountsOutput,
  TaskBucket,
} from '../../../server/features/activities/activities.schema.ts'
import { api, isStatus } from '../../lib/api.ts'
import { useMe } from '../../lib/session.ts'
import type { Page } from '../../lib/types.ts'

// Server state of activities and "my tasks". Every key starts with 'tasks' so that one
// invalidation of ['tasks'] refreshes the lists and the badge in the navigation.
export type { Activity, TaskBucket }
export type TaskCounts = z.infer<typeof myTaskCountsOutput>

export function useTaskCounts() {
  // Only inside a workspace: on "create your first workspace" there are no tasks to count.
  const hasWorkspace = Boolean(useMe().data?.workspace)
  return useQuery({
    queryKey: ['tasks', 'counts'],
    queryFn: () => api<TaskCounts>('/api/v1/tasks/mine/counts'),
    refetchInterval: 60_000,
    enabled: hasWorkspace,
  })
}

export function useMyTasks(bucket: TaskBucket) {
  return useInfiniteQuery({
    queryKey: ['tasks', 'mine', bucket],
    initialPageParam: '',
    queryFn: ({ pageParam, signal }) =>
      api<Page<Activity>>(
        `/api/v1/tasks/mine?bucket=${bucket}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`,
        { signal },
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })
}

/**
 * Ticks a task done or open. PATCH needs the current version: the caller's copy if it has
 * one, else a fresh GET; if someone changed the task meanwhile (412), read it again and
 * retry once — "done" is a fact, not an edit that could overwrite theirs.
 */
export async function setTaskDone(id: string, done: boolean, version?: number): Promise<Activity> {
  const path = `/api/v1/activities/${id}`
  const patch = async (v?: number) =>
    api<Activity>(path, {
      method: 'PATCH',
      body: { done },
      version: v ?? (await api<Activity>(path)).version,
    })
  try {
    return await patch(version)
  } catch (err) {
    if (!isStatus(err, 412)) throw err
    return patch()
  }
}

/** After an activity changed: the task lists, the badge and every loaded timeline. */
export async function refreshActivityViews(qc: QueryClient) {
  await Promise.all([
    qc.invalidateQueries({ queryKey: ['tasks'] }),
    qc.invalidateQueries({ predicate: (q) => q.queryKey[2] === 'timeline' }),
  ])
}
