import { Trans, useLingui } from '@lingui/react/macro'
import { ArrowUpDown, Filter, Trash2 } from 'lucide-react'
import { type ReactNode, type Ref, useEffect, useId, useRef, useState } from 'react'
import { Button } from '../../components/ui/button.tsx'
import { useFieldLabel } from './field-labels.ts'
import type { Field } from './fields-api.ts'

// The row above a list: search as you type (a moment after the last key), the filter
// panel's button, the column chooser (desktop), a sort menu (every sortable field, both
// ways) and the trash toggle.
export function ListBar({
  q,
  onQ,
  searchLabel,
  placeholder,
  filterCount,
  filterButton,
  onOpenFilters,
  sort,
  sorts,
  onSort,
  trashed,
  onTrashed,
  children,
}: {
  q: string | undefined
  /** Lists the API cannot search leave this out. */
  onQ?: (q: string | undefined) => void
  searchLabel: string
  placeholder: string
  filterCount: number
  filterButton: Ref<HTMLButtonElement>
  onOpenFilters: () => void
  sort: string
  sorts: { value: string; label: string }[]
  onSort: (sort: string) => void
  trashed: boolean
  onTrashed: (trashed: boolean) => void
  children?: ReactNode
}) {
  const { t } = useLingui()
  const id = useId()
  const sortId = useId()
  const [text, setText] = useState(q ?? '')
  // What this box last put in the URL: any other change of `q` came from elsewhere (a saved
  // view, Back) and is shown; our own arrives a moment later and must not undo keys typed since.
  const sent = useRef(q ?? '')
  useEffect(() => {
    if ((q ?? '') === sent.current) return
    sent.current = q ?? ''
    setText(q ?? '')
  }, [q])
  useEffect(() => {
    if (!onQ) return
    const timer = setTimeout(() => {
      if (sent.current === text) return
      sent.current = text
      onQ(text || undefined)
    }, 250)
    return () => clearTimeout(timer)
  }, [text, onQ])

  // On a phone: the search on its own row, then filters, sort and trash on one row (the
  // trash as an icon with its name for screen readers). On desktop all on one row.
  return (
    <div className="flex flex-wrap items-center gap-2">
      {onQ && (
        <div className="min-w-0 basis-full md:flex-1 md:basis-56">
          <label htmlFor={id} className="sr-only">
            {searchLabel}
          </label>
          <input
            id={id}
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={placeholder}
            className="block min-h-11 w-full rounded-md border border-slate-400 bg-white px-3"
          />
        </div>
      )}
      <div className="flex min-w-0 flex-1 items-center gap-2 md:flex-none">
        <Button
          ref={filterButton}
          variant="secondary"
          aria-haspopup="dialog"
          onClick={onOpenFilters}
          className="shrink-0 max-md:px-3"
        >
          <Filter aria-hidden className="size-4" />
          <Trans>Filters</Trans>
          {filterCount > 0 && (
            <>
              <span
                aria-hidden
                className="min-w-5 rounded-full bg-teal-700 px-1.5 text-center text-xs font-semibold text-white"
              >
                {filterCount}
              </span>
              <span className="sr-only">{t`(${filterCount} active)`}</span>
            </>
          )}
        </Button>
        {children}
        {/* The label names the select by `for` (not by wrapping it), so its name is "Sort" alone. */}
        <div className="flex min-w-0 flex-1 items-center gap-2 text-sm text-slate-700 md:flex-none">
          <ArrowUpDown aria-hidden className="size-4 shrink-0 md:hidden" />
          <label htmlFor={sortId} className="max-md:sr-only">
            <Trans>Sort</Trans>
          </label>
          <select
            id={sortId}
            value={sort}
            onChange={(e) => onSort(e.target.value)}
            className="min-h-11 w-full min-w-0 rounded-md border border-slate-400 bg-white px-2 md:w-auto md:max-w-56"
          >
            {sorts.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <Button
          variant="ghost"
          aria-pressed={trashed}
          onClick={() => onTrashed(!trashed)}
          className="shrink-0 aria-pressed:bg-slate-200 max-md:px-3"
        >
          <Trash2 aria-hidden className="size-4" />
          <span className="max-md:sr-only">
            {trashed ? <Trans>Leave the trash</Trans> : <Trans>Trash</Trans>}
          </span>
        </Button>
      </div>
    </div>
  )
}

/** Every sortable field, both ways, worded for its type ("Created (newest first)"). */
export function useSortChoices(fields: Field[], current: string) {
  const { t } = useLingui()
  const label = useFieldLabel()
  const out: { value: string; label: string }[] = []
  for (const f of fields) {
    if (!f.sortable) continue
    const name = label(f).text
    let up: string
    let down: string
    if (f.type === 'date' || f.type === 'datetime') {
      up = t`${name} (oldest first)`
      down = t`${name} (newest first)`
    } else if (f.type === 'number' || f.type === 'currency') {
      up = t`${name} (lowest first)`
      down = t`${name} (highest first)`
    } else if (f.type === 'boolean') {
      up = t`${name} (no first)`
      down = t`${name} (yes first)`
    } else {
      up = t`${name} (A–Z)`
      down = t`${name} (Z–A)`
    }
    out.push({ value: f.key, label: up }, { value: `-${f.key}`, label: down })
  }
  // Before the catalog is loaded (or for an unknown key) the current sort still shows.
  if (!out.some((o) => o.value === current)) out.unshift({ value: current, label: current })
  return out
}
