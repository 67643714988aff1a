import { useQuery, useQueryClient } from '@tanstack/react-query'
import { ApiError, api } from '../../lib/api.ts'
import type { RecordTag, Tag, TagColor } from '../../lib/types.ts'

// Server state of the workspace's tags. Records carry their tags as {id, name, color};
// renaming or deleting a tag changes every record, so those caches are refreshed too.
export type { RecordTag, Tag, TagColor }

export const tagsKey = ['tags']

export function useTags(enabled = true) {
  return useQuery({
    queryKey: tagsKey,
    queryFn: ({ signal }) => api<{ data: Tag[] }>('/api/v1/tags', { signal }).then((r) => r.data),
    staleTime: 60_000,
    enabled,
  })
}

/**
 * Creates a tag; when one with that name exists already (409 `duplicate`, any case) the
 * existing tag is returned instead, which is what someone typing its name wanted.
 */
export async function createTag(name: string, color?: TagColor): Promise<Tag> {
  try {
    return await api<Tag>('/api/v1/tags', { method: 'POST', body: { name: name.trim(), color } })
  } catch (err) {
    const existing =
      err instanceof ApiError && err.problem.code === 'duplicate' ? err.problem.existing : undefined
    if (!existing) throw err
    // The problem names the existing tag; its colour and version come with it (else ask).
    const full = existing as Partial<Tag>
    if (full.color && full.version !== undefined) return full as Tag
    const { data } = await api<{ data: Tag[] }>('/api/v1/tags')
    const found = data.find((t) => t.id === existing.id)
    if (!found) throw err
    return found
  }
}

export const updateTag = (tag: Pick<Tag, 'id' | 'version'>, patch: { name?: string; color?: TagColor }) =>
  api<Tag>(`/api/v1/tags/${tag.id}`, { method: 'PATCH', body: patch, version: tag.version })

export const deleteTag = (tag: Pick<Tag, 'id' | 'version'>) =>
  api<void>(`/api/v1/tags/${tag.id}`, { method: 'DELETE', version: tag.version })

/** After a tag changed: the tag list, and every record list and page that shows tags. */
export function useRefreshTags() {
  const qc = useQueryClient()
  return async (recordsToo = false) => {
    await qc.invalidateQueries({ queryKey: tagsKey })
    if (recordsToo)
      for (const collection of ['people', 'companies', 'deals'])
        await qc.invalidateQueries({ queryKey: [collection] })
  }
}

/** Tags not chosen yet whose name contains what was typed (any case), by name as listed. */
export function matchingTags(tags: readonly Tag[], text: string, chosenIds: readonly string[]): Tag[] {
  const needle = text.trim().toLocaleLowerCase()
  return tags.filter((t) => !chosenIds.includes(t.id) && t.name.toLocaleLowerCase().includes(needle))
}

/** Whether "Create tag “x”" makes sense: something typed that no tag is already called. */
export function canCreateTag(tags: readonly Tag[], text: string): boolean {
  const name = text.trim()
  if (!name || name.length > 50) return false
  const lower = name.toLocaleLowerCase()
  return !tags.some((t) => t.name.toLocaleLowerCase() === lower)
}
