import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type * as z from 'zod'
import { focusFirstError } from '../../components/ui/field.tsx'
import { ApiError, api } from '../../lib/api.ts'
import { type FieldErrors, fromProblem, fromZod } from '../../lib/errors.ts'
import type { Collection } from '../../lib/records.ts'

// The create/edit cycle every record form shares: check with the shared zod schema, send
// (POST with a client id, or PATCH with If-Match), put server errors next to fields,
// and after a 412 let the user keep their changes or take the newer version.
export function useRecordForm<V, R extends { id: string; version: number }>(opts: {
  collection: Collection
  record: R | undefined
  initial: V
  schema: z.ZodType
  toBody: (v: V) => Record<string, unknown>
  fromRecord: (r: R) => V
  onSaved: (r: R) => Promise<unknown> | undefined
}) {
  const qc = useQueryClient()
  const [values, setValues] = useState<V>(opts.initial)
  const [version, setVersion] = useState(opts.record?.version)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [problem, setProblem] = useState<ApiError>()
  const [busy, setBusy] = useState(false)
  const base = `/api/v1/${opts.collection}`

  async function save(allowDuplicate = false) {
    const body = opts.toBody(values)
    const checked = opts.schema.safeParse(body)
    if (!checked.success) {
      setErrors(fromZod(checked.error))
      return focusFirstError()
    }
    setBusy(true)
    setErrors({})
    setProblem(undefined)
    try {
      const qs = allowDuplicate ? '?allowDuplicate=true' : ''
      const saved = opts.record
        ? await api<R>(`${base}/${opts.record.id}${qs}`, { method: 'PATCH', body, version })
        : await api<R>(`${base}${qs}`, { method: 'POST', body: { id: crypto.randomUUID(), ...body } })
      qc.setQueryData([opts.collection, saved.id], saved)
      await qc.invalidateQueries({ queryKey: [opts.collection, 'list'] })
      await qc.invalidateQueries({ queryKey: [opts.collection, saved.id, 'timeline'] })
      await opts.onSaved(saved)
    } catch (err) {
      setErrors(fromProblem(err))
      if (err instanceof ApiError) setProblem(err)
      focusFirstError()
    } finally {
      setBusy(false)
    }
  }

  async function latest() {
    if (!opts.record) throw new Error('no record')
    return api<R>(`${base}/${opts.record.id}`)
  }

  return {
    values,
    setValues,
    errors,
    problem,
    busy,
    save,
    /** After a 412: take the newer version number and keep what the user typed. */
    keepMine: async () => {
      setVersion((await latest()).version)
      setProblem(undefined)
    },
    takeTheirs: async () => {
      const r = await latest()
      setValues(opts.fromRecord(r))
      setVersion(r.version)
      setProblem(undefined)
    },
  }
}
