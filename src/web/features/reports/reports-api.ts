import { keepPreviousData, useQuery } from '@tanstack/react-query'
import type { Dataset } from '../../../server/features/analytics/dataset.schema.ts'
import type {
  Report,
  ReportDefinition,
  ReportField,
} from '../../../server/features/reports/reports.schema.ts'
import { api } from '../../lib/api.ts'
import { canManage, canWrite } from '../../lib/session.ts'

// Saved reports (mine and the shared ones), running a draft, the fields a report can
// group by and measure, and pins on the home dashboard.

export type { Dataset, Report, ReportDefinition, ReportField }

export const reportsKey = ['reports']
export const reportKey = (id: string) => ['reports', id]

export function useReports() {
  return useQuery({
    queryKey: reportsKey,
    queryFn: ({ signal }) => api<{ data: Report[] }>('/api/v1/reports', { signal }).then((r) => r.data),
  })
}

export function useReport(id: string | undefined) {
  return useQuery({
    queryKey: reportKey(id ?? ''),
    queryFn: ({ signal }) => api<Report>(`/api/v1/reports/${id}`, { signal }),
    enabled: Boolean(id),
    // A report being edited is not refreshed behind the user's back; a 412 says when to reload.
    staleTime: Number.POSITIVE_INFINITY,
  })
}

/** What a report of an object can group by (date fields with buckets) and measure. */
export type ReportFields = {
  groupBy: (ReportField & { date: boolean })[]
  measure: ReportField[]
}

export function readReportFields(answer: { data: ReportField[] }): ReportFields {
  return {
    groupBy: answer.data.filter((f) => f.groupable).map((f) => ({ ...f, date: f.buckets.length > 0 })),
    measure: answer.data.filter((f) => f.measures.some((m) => m !== 'count')),
  }
}

export function useReportFields(object: ReportDefinition['object']) {
  return useQuery({
    queryKey: ['report-fields', object],
    queryFn: ({ signal }) =>
      api<{ data: ReportField[] }>(`/api/v1/reports/fields?object=${object}`, { signal }),
    select: readReportFields,
    staleTime: 60_000,
  })
}

/** The live preview: runs the draft (debounced by the caller); the last figures stay while the next load. */
export function useRunReport(definition: ReportDefinition | null) {
  return useQuery({
    queryKey: ['report-run', definition],
    queryFn: ({ signal }) =>
      api<Dataset>('/api/v1/reports/run', { method: 'POST', body: { definition }, signal }),
    enabled: definition !== null,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 30_000,
  })
}

export const createReport = (body: { name: string; shared: boolean; definition: ReportDefinition }) =>
  api<Report>('/api/v1/reports', { method: 'POST', body })

export const updateReport = (
  report: Pick<Report, 'id' | 'version'>,
  patch: { name?: string; shared?: boolean; definition?: ReportDefinition },
) => api<Report>(`/api/v1/reports/${report.id}`, { method: 'PATCH', body: patch, version: report.version })

export const deleteReport = (id: string) => api<void>(`/api/v1/reports/${id}`, { method: 'DELETE' })

export const pinReport = (id: string, pinned: boolean) =>
  api<void>(`/api/v1/reports/${id}/pin`, { method: pinned ? 'PUT' : 'DELETE' })

export const csvUrl = (id: string, excel = false) =>
  `/api/v1/reports/${id}/result.csv${excel ? '?excel=true' : ''}`

/**
 * May this user change or delete the report? (The server's rule, for showing the buttons:
 * its owner, while it may still write when it is shared; an admin, when it is shared.)
 */
export function canEditReport(r: Pick<Report, 'ownerId' | 'shared'>, userId: string, role: string) {
  if (r.ownerId === userId) return !r.shared || canWrite(role)
  return r.shared && canManage(role)
}
