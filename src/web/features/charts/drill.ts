import { useNavigate } from '@tanstack/react-router'
import type { DatasetRow } from '../../../server/features/analytics/dataset.schema.ts'

// A click on a bar, slice or table row opens the list of the records behind it, filtered
// the way list URLs are (`?filters=[...]`, see lists/list-url.ts).
export type Drill = NonNullable<DatasetRow['drill']>

export const DRILL_PATHS = {
  person: '/people',
  company: '/companies',
  deal: '/deals/list',
  activity: '/activities',
} as const

export type DrillPath = (typeof DRILL_PATHS)[Drill['object']]

export function drillTarget(drill: Drill): { to: DrillPath; search: { filters?: Drill['filters'] } } {
  return {
    to: DRILL_PATHS[drill.object],
    search: { filters: drill.filters.length ? drill.filters : undefined },
  }
}

/** onDrill for a ChartCard: opens the row's list, when it has one. */
export function useDrillToList() {
  const navigate = useNavigate()
  return (row: DatasetRow) => {
    if (row.drill) void navigate(drillTarget(row.drill))
  }
}
