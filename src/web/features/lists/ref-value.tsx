import { useLingui } from '@lingui/react/macro'
import { useQuery } from '@tanstack/react-query'
import { X } from 'lucide-react'
import { type KeyboardEvent, useEffect, useRef, useState } from 'react'
import { type Picked, RecordPicker } from '../../components/ui/record-picker.tsx'
import { api } from '../../lib/api.ts'
import type { Person } from '../../lib/types.ts'
import { fullName } from '../people/people-api.ts'

// Filter values that are companies or people: picked by name with the record picker (one,
// or several for "is any of"), and shown by name where only the id is kept.

/** A company's or person's name from its id (the record pages' cache entry). */
function useRefName(kind: 'company' | 'person', id: string): string | undefined {
  const collection = kind === 'company' ? 'companies' : 'people'
  const record = useQuery({
    queryKey: [collection, id],
    queryFn: ({ signal }) => api<Person | { name: string }>(`/api/v1/${collection}/${id}`, { signal }),
    enabled: Boolean(id),
    staleTime: 60_000,
  })
  const data = record.data
  if (!data) return undefined
  return 'firstName' in data ? fullName(data) : data.name
}

export function RefName({ kind, id }: { kind: 'company' | 'person'; id: string }) {
  return <>{useRefName(kind, id) ?? '…'}</>
}

const PICKER = {
  company: {
    path: '/api/v1/companies',
    toOption: (c: { id: string; name: string }): Picked => ({ id: c.id, name: c.name }),
  },
  person: {
    path: '/api/v1/people',
    toOption: (p: Person): Picked => ({ id: p.id, name: fullName(p) }),
  },
}

/**
 * The record picker closes its own list on Escape but lets the key reach the dialog,
 * which would close the whole filter panel: while its list is open, Escape stays here.
 */
function keepEscape(e: KeyboardEvent) {
  if (e.key === 'Escape' && (e.target as HTMLElement).getAttribute('aria-expanded') === 'true')
    e.preventDefault()
}

export function RefValue({
  kind,
  id,
  onChange,
  label,
}: {
  kind: 'company' | 'person'
  id: string
  onChange: (v: string) => void
  label: string
}) {
  const name = useRefName(kind, id)
  const picked = id ? { id, name: name ?? '' } : null
  return (
    <div onKeyDownCapture={keepEscape}>
      <RecordPicker
        label={label}
        value={picked}
        onChange={(v) => onChange(v?.id ?? '')}
        path={PICKER[kind].path}
        toOption={PICKER[kind].toOption as (row: never) => Picked}
      />
    </div>
  )
}

export function RefsValue({
  kind,
  ids,
  onChange,
  label,
}: {
  kind: 'company' | 'person'
  ids: string[]
  onChange: (v: string[]) => void
  label: string
}) {
  const { t } = useLingui()
  const box = useRef<HTMLDivElement>(null)
  const [round, setRound] = useState(0)
  // After a pick (the picker is new) or a removal (the chip is gone), typing goes on in the picker.
  const [refocus, setRefocus] = useState(false)
  useEffect(() => {
    if (!refocus) return
    box.current?.querySelector<HTMLElement>('input[role="combobox"]')?.focus()
    setRefocus(false)
  }, [refocus])
  return (
    <div ref={box} className="space-y-2" onKeyDownCapture={keepEscape}>
      {ids.length > 0 && (
        <ul className="flex flex-wrap gap-1.5">
          {ids.map((id) => (
            <li
              key={id}
              className="inline-flex items-center rounded-full border border-slate-300 bg-slate-100 pl-3 text-sm"
            >
              <RefName kind={kind} id={id} />
              <button
                type="button"
                className="inline-flex min-h-11 min-w-11 items-center justify-center rounded-full hover:bg-black/10"
                onClick={() => {
                  onChange(ids.filter((x) => x !== id))
                  setRefocus(true)
                }}
              >
                <X aria-hidden className="size-3.5" />
                <span className="sr-only">
                  {t`Remove`} <RefName kind={kind} id={id} />
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {/* Remounted after each pick so the search box starts empty again. */}
      <RecordPicker
        key={round}
        label={label}
        value={null}
        onChange={(v) => {
          if (v && !ids.includes(v.id)) onChange([...ids, v.id])
          setRound((r) => r + 1)
          setRefocus(true)
        }}
        path={PICKER[kind].path}
        toOption={PICKER[kind].toOption as (row: never) => Picked}
      />
    </div>
  )
}
