import { keepPreviousData, useQuery } from '@tanstack/react-query'
import type {
  ChartName,
  Kpi,
  KpiKey,
  KpisOutput,
} from '../../../server/features/analytics/dashboard.schema.ts'
import type { Dataset } from '../../../server/features/analytics/dataset.schema.ts'
import type { Report } from '../../../server/features/reports/reports.schema.ts'
import { api } from '../../lib/api.ts'
import type { DayRange } from './period.ts'

// Server state of the home dashboard. Every widget is its own query, so a slow chart never
// holds up the key figures or the other charts; while new filters load, the last figures
// stay on screen.
export type { ChartName, Dataset, Kpi, KpiKey, KpisOutput, Report }

export type DashboardFilters = DayRange & { ownerId?: string; pipelineId?: string }

function query(f: DashboardFilters) {
  const qs = new URLSearchParams({ from: f.from, to: f.to })
  if (f.ownerId) qs.set('ownerId', f.ownerId)
  if (f.pipelineId) qs.set('pipelineId', f.pipelineId)
  return qs.toString()
}

export function useKpis(f: DashboardFilters) {
  return useQuery({
    queryKey: ['dashboard', 'kpis', f],
    queryFn: ({ signal }) => api<KpisOutput>(`/api/v1/dashboard/kpis?${query(f)}`, { signal }),
    placeholderData: keepPreviousData,
  })
}

export function useDashboardChart(chart: ChartName, f: DashboardFilters) {
  return useQuery({
    queryKey: ['dashboard', 'chart', chart, f],
    queryFn: ({ signal }) => api<Dataset>(`/api/v1/dashboard/charts/${chart}?${query(f)}`, { signal }),
    placeholderData: keepPreviousData,
  })
}

export function usePins() {
  return useQuery({
    queryKey: ['dashboard', 'pins'],
    queryFn: ({ signal }) =>
      api<{ data: Report[] }>('/api/v1/dashboard/pins', { signal }).then((r) => r.data),
  })
}

export function useReportResult(id: string) {
  return useQuery({
    queryKey: ['reports', id, 'result'],
    queryFn: ({ signal }) => api<Dataset>(`/api/v1/reports/${id}/result`, { signal }),
  })
}
