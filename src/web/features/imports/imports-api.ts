import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type * as z from 'zod'
import type { fieldOutput } from '../../../server/features/filters/filter.schema.ts'
import type { Import } from '../../../server/features/imports/imports.schema.ts'
import { api, isStatus } from '../../lib/api.ts'
import type { ImportObject, Mapping } from './mapping.ts'

// Server state of imports: the history, one import (polled while it works), upload,
// start and undo. Shapes follow /work/notes/contracts.md ("Import").
export type { Import }
export type ImportStatus = Import['status']
export type Duplicates = Import['duplicates']
export type ImportSource = NonNullable<Import['source']>

/** A field of the catalog (GET /api/v1/fields): custom fields are import targets too. */
export type CatalogField = z.infer<typeof fieldOutput>

/** Statuses during which the server works on the import and the page polls it. */
export const ACTIVE: ReadonlySet<ImportStatus> = new Set(['queued', 'running', 'reverting'])

export const collectionOf = (object: ImportObject) => (object === 'person' ? 'people' : 'companies')

export function useImports() {
  return useQuery({
    queryKey: ['imports', 'list'],
    queryFn: ({ signal }) => api<{ data: Import[] }>('/api/v1/imports', { signal }),
    // The history shows live statuses too, more slowly than the import's own page.
    refetchInterval: (q) => (q.state.data?.data.some((i) => ACTIVE.has(i.status)) ? 5000 : false),
  })
}

export function useImport(id: string) {
  return useQuery({
    queryKey: ['imports', id],
    queryFn: ({ signal }) => api<Import>(`/api/v1/imports/${id}`, { signal }),
    refetchInterval: (q) => (q.state.data && ACTIVE.has(q.state.data.status) ? 1000 : false),
  })
}

export function useImportFields(object: ImportObject) {
  return useQuery({
    queryKey: ['imports', 'fields', object],
    queryFn: ({ signal }) => api<{ data: CatalogField[] }>(`/api/v1/fields?object=${object}`, { signal }),
    staleTime: 60_000,
  })
}

export function useUploadImport() {
  const onSuccess = useImportSaved()
  return useMutation({
    mutationFn: ({ object, file }: { object: ImportObject; file: File }) => {
      const form = new FormData()
      form.append('object', object)
      form.append('file', file, file.name)
      return api<Import>('/api/v1/imports', { method: 'POST', body: form })
    },
    onSuccess,
  })
}

/** After upload, start or undo the answer is the import itself: it replaces the cached one. */
function useImportSaved() {
  const qc = useQueryClient()
  return (imp: Import) => {
    qc.setQueryData(['imports', imp.id], imp)
    void qc.invalidateQueries({ queryKey: ['imports', 'list'] })
  }
}

export function useStartImport(id: string) {
  const qc = useQueryClient()
  const onSuccess = useImportSaved()
  return useMutation({
    mutationFn: (body: { mapping: Mapping; duplicates: Duplicates }) =>
      api<Import>(`/api/v1/imports/${id}/start`, { method: 'POST', body }),
    onSuccess,
    // Started meanwhile (another tab, a colleague): reloading it shows its progress.
    onError: (err) => {
      if (isStatus(err, 409)) void qc.invalidateQueries({ queryKey: ['imports', id] })
    },
  })
}

export function useRevertImport(id: string) {
  const onSuccess = useImportSaved()
  return useMutation({
    mutationFn: () => api<Import>(`/api/v1/imports/${id}/revert`, { method: 'POST', body: {} }),
    onSuccess,
  })
}
