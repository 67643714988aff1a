import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { ApiError, api } from '../../lib/api.ts'
import {
  type Draft,
  errorsByControl,
  fromDefinition,
  missing,
  newDraft,
  sameDefinition,
  toDefinition,
} from './draft.ts'
import type { ControlErrors } from './report-controls.tsx'
import {
  createReport,
  type Report,
  type ReportDefinition,
  reportKey,
  reportsKey,
  updateReport,
  useReportFields,
  useRunReport,
} from './reports-api.ts'

// The builder's working state: the draft, the definition it makes, the live run (a moment
// after the last change), the errors the server found, and saving (create, or PATCH with
// the version the user started from: a 412 means someone else saved in between).
const DEBOUNCE_MS = 400

function useDebounced<T>(value: T, ms: number): T {
  const [current, setCurrent] = useState(value)
  const json = JSON.stringify(value)
  // biome-ignore lint/correctness/useExhaustiveDependencies: compared by content, not identity
  useEffect(() => {
    const timer = setTimeout(() => setCurrent(value), ms)
    return () => clearTimeout(timer)
  }, [json, ms])
  return current
}

const problemErrors = (err: unknown): ControlErrors =>
  err instanceof ApiError && err.problem.errors ? errorsByControl(err.problem.errors) : {}

export function useReportDraft(report: Report | undefined) {
  const queryClient = useQueryClient()
  const [initial] = useState<Draft>(() => (report ? fromDefinition(report.definition) : newDraft()))
  const [draft, setDraftState] = useState<Draft>(initial)
  const [saveErrors, setSaveErrors] = useState<ControlErrors>({})
  const [stale, setStale] = useState(false)
  const fields = useReportFields(draft.object)
  const isDate = (key: string) => fields.data?.groupBy.some((f) => f.key === key && f.date) ?? false
  const waitingFor = missing(draft)
  // Until the field list is in, a date field would be sent without its bucket: wait for it.
  const definition: ReportDefinition | null = waitingFor || !fields.data ? null : toDefinition(draft, isDate)
  const debounced = useDebounced(definition, DEBOUNCE_MS)
  const run = useRunReport(debounced)
  const dirty = !report || (definition !== null && !sameDefinition(definition, report.definition))

  // Worth keeping: a saved report changed, or a new one the user has started on.
  const touched = !report
    ? JSON.stringify(draft) !== JSON.stringify(initial)
    : definition === null
      ? JSON.stringify(draft) !== JSON.stringify(fromDefinition(report.definition))
      : dirty

  const setDraft = (next: Draft) => {
    setDraftState(next)
    setSaveErrors({})
  }

  const errors: ControlErrors = { ...problemErrors(run.error), ...saveErrors }

  async function guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work()
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) setStale(true)
      setSaveErrors(problemErrors(err))
      throw err
    }
  }

  const saved = (r: Report) => {
    queryClient.setQueryData(reportKey(r.id), r)
    void queryClient.invalidateQueries({ queryKey: reportsKey, exact: true })
    // The dashboard shows pinned reports by their saved definition.
    void queryClient.invalidateQueries({ queryKey: [...reportKey(r.id), 'result'] })
    void queryClient.invalidateQueries({ queryKey: ['dashboard', 'pins'] })
    return r
  }

  /** A new report (also "Save as a new report" of someone else's). */
  const create = (name: string, shared: boolean) =>
    guard(() => createReport({ name, shared, definition: toDefinition(draft, isDate) })).then(saved)

  /** Saves the definition onto the version the user loaded. */
  const update = () => {
    if (!report) throw new Error('update without a report')
    return guard(() => updateReport(report, { definition: toDefinition(draft, isDate) })).then(saved)
  }

  /** Name and sharing only: the draft's changes stay unsaved until "Save changes". */
  const rename = (name: string, shared: boolean) => {
    if (!report) throw new Error('rename without a report')
    return guard(() => updateReport(report, { name, shared })).then(saved)
  }

  /** After a 412: the newest version replaces the draft (the user chose to drop theirs). */
  async function reload() {
    if (!report) return
    const fresh = await queryClient.fetchQuery({
      queryKey: reportKey(report.id),
      queryFn: () => api<Report>(`/api/v1/reports/${report.id}`),
      staleTime: 0,
    })
    setDraftState(fromDefinition(fresh.definition))
    setSaveErrors({})
    setStale(false)
  }

  return {
    draft,
    setDraft,
    fields,
    waitingFor,
    run,
    /** The preview is behind the draft (typing, loading). */
    pending: run.isFetching || JSON.stringify(debounced) !== JSON.stringify(definition),
    errors,
    dirty,
    touched,
    stale,
    dismissStale: () => setStale(false),
    create,
    update,
    rename,
    reload,
  }
}
