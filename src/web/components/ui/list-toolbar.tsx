import { Trans } from '@lingui/react/macro'
import { Trash2 } from 'lucide-react'
import { type ReactNode, useEffect, useId, useState } from 'react'
import { Button } from './button.tsx'

// Search box (as you type, a moment after the last key), sort menu and trash toggle above
// every record list. The page keeps the values in the URL.
export function ListToolbar<S extends string>(props: {
  q: string | undefined
  onQ: (q: string | undefined) => void
  searchLabel: string
  placeholder: string
  sort: S
  sorts: { value: S; label: string }[]
  onSort: (sort: S) => void
  trashed: boolean
  onTrashed: (trashed: boolean) => void
  children?: ReactNode
}) {
  const id = useId()
  const [q, setQ] = useState(props.q ?? '')
  const { onQ } = props
  useEffect(() => {
    const t = setTimeout(() => {
      if ((props.q ?? '') !== q) onQ(q || undefined)
    }, 250)
    return () => clearTimeout(t)
  }, [q, props.q, onQ])

  return (
    <div className="flex flex-wrap items-end gap-3">
      <div className="min-w-0 flex-1 basis-56">
        <label htmlFor={id} className="sr-only">
          {props.searchLabel}
        </label>
        <input
          id={id}
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder={props.placeholder}
          className="block min-h-11 w-full rounded-md border border-slate-400 bg-white px-3"
        />
      </div>
      {props.children}
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <Trans>Sort</Trans>
        <select
          value={props.sort}
          onChange={(e) => props.onSort(e.target.value as S)}
          className="min-h-11 rounded-md border border-slate-400 bg-white px-2"
        >
          {props.sorts.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      <Button variant="ghost" aria-pressed={props.trashed} onClick={() => props.onTrashed(!props.trashed)}>
        <Trash2 aria-hidden className="size-4" />
        {props.trashed ? <Trans>Leave the trash</Trans> : <Trans>Trash</Trans>}
      </Button>
    </div>
  )
}

/** The dashed box a list shows when it has nothing in it. */
export function EmptyBox({ children }: { children: ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-700">
      {children}
    </div>
  )
}

export function LoadMore({ show, busy, onClick }: { show: boolean; busy: boolean; onClick: () => void }) {
  if (!show) return null
  return (
    <div className="text-center">
      <Button variant="secondary" onClick={onClick} disabled={busy}>
        <Trans>Load more</Trans>
      </Button>
    </div>
  )
}
