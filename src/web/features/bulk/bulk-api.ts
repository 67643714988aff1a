import type { BulkAction, BulkObject, BulkSelection } from '../../../server/features/bulk/bulk.schema.ts'
import { api } from '../../lib/api.ts'
import type { Collection } from '../../lib/records.ts'
import type { FilterCondition, Selection } from '../lists/list-state.ts'

// One bulk action on the people, companies, deals or activities a list has selected. Small
// selections are done in the request (200); large ones become a background job (202) to follow.
export type { BulkAction, BulkObject }
export type BulkParams = { q?: string; filters: FilterCondition[]; trashed?: boolean; pipelineId?: string }
/** `skipped` (activities): selected notes, calls and meetings that assign and done leave alone. */
export type BulkResult = { done: number; total: number; skipped?: number } | { jobId: string }

/** The server accepts at most this many ids; beyond it, "select all that match" is the way. */
export const MAX_IDS = 1000

const COLLECTIONS: Record<BulkObject, Collection> = {
  person: 'people',
  company: 'companies',
  deal: 'deals',
  activity: 'activities',
}

export const collectionOf = (object: BulkObject): Collection => COLLECTIONS[object]

/** How many records a finished bulk job skipped (its result's `skipped`; 0 when absent). */
export function skippedOf(result: Record<string, unknown> | null | undefined): number {
  const skipped = result?.skipped
  return typeof skipped === 'number' && Number.isFinite(skipped) && skipped > 0 ? skipped : 0
}

/**
 * The selection as the bulk endpoint takes it: the ticked ids, or "all" with the list's
 * own search, filters and trash switch (and pipeline, for deals) so the server selects
 * exactly what the list shows.
 */
export function bulkSelection(object: BulkObject, selection: Selection, params: BulkParams): BulkSelection {
  if ('ids' in selection) return { ids: selection.ids }
  const out: BulkSelection = { all: true, filters: params.filters }
  const q = params.q?.trim()
  if (q) out.q = q
  if (params.trashed) out.trashed = true
  if (object === 'deal' && params.pipelineId) out.pipelineId = params.pipelineId
  return out
}

export const runBulk = (object: BulkObject, selection: BulkSelection, action: BulkAction) =>
  api<BulkResult>(`/api/v1/${collectionOf(object)}/bulk`, { method: 'POST', body: { selection, action } })
