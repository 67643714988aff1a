import { Trans, useLingui } from '@lingui/react/macro'
import { useVirtualizer } from '@tanstack/react-virtual'
import { ArrowDown, ArrowUp, ArrowUpDown } from 'lucide-react'
import { type ReactNode, useEffect, useRef } from 'react'
import { CHECK_WIDTH, columnWidths, useBoxWidth } from './column-widths.ts'
import { useFieldLabel } from './field-labels.ts'
import type { Field } from './fields-api.ts'
import { parseSort } from './filter-ops.ts'
import type { Row } from './list-api.ts'

// The desktop list: a real <table> (screen readers get rows, headers, aria-sort and the
// row count) of which only the rows in view are rendered. Spacer rows above and below
// keep the scroll height right, every row has the same height, and the next keyset page
// is fetched when the end comes near, so scrolling through 100k rows stays smooth.
const ROW_HEIGHT = 52

const numeric = (f: Field) => f.type === 'number' || f.type === 'currency'

export type TableSelection = {
  isSelected: (id: string) => boolean
  toggle: (id: string) => void
  /** 'all' when every loaded row is selected, 'some', or 'none'. */
  loaded: 'all' | 'some' | 'none'
  toggleLoaded: () => void
  /** "Select all" rows as one selection of everything matching: checkboxes show it but are locked. */
  locked: boolean
}

export function VirtualTable({
  caption,
  columns,
  primary,
  rows,
  renderCell,
  rowName,
  sort,
  defaultSort,
  onSort,
  hasMore,
  loadingMore,
  loadMore,
  total,
  selection,
  resetKey,
}: {
  caption: string
  columns: Field[]
  primary: string
  rows: Row[]
  renderCell: (field: Field, row: Row) => ReactNode
  rowName: (row: Row) => string
  sort: string | undefined
  defaultSort: string
  onSort: (key: string) => void
  hasMore: boolean
  loadingMore: boolean
  loadMore: () => void
  /** Rows matching in all (when known and exact): read out as the table's row count. */
  total?: number
  selection?: TableSelection
  /** Changes when the list itself changes (search, filters, sort): back to the top. */
  resetKey: string
}) {
  const { t } = useLingui()
  const label = useFieldLabel()
  const scroller = useRef<HTMLElement>(null)
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  })
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the list changes
  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0
  }, [resetKey])
  const items = virtualizer.getVirtualItems()
  const lastIndex = items.at(-1)?.index ?? -1

  // Near the end of what is loaded: fetch the next page (one at a time).
  useEffect(() => {
    if (hasMore && !loadingMore && lastIndex >= rows.length - 25) loadMore()
  }, [hasMore, loadingMore, lastIndex, rows.length, loadMore])

  const headerCheckbox = useRef<HTMLInputElement>(null)
  useEffect(() => {
    if (headerCheckbox.current) headerCheckbox.current.indeterminate = selection?.loaded === 'some'
  }, [selection?.loaded])

  const current = parseSort(sort, defaultSort)
  const paddingTop = items[0]?.start ?? 0
  const paddingBottom = items.length ? virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0) : 0
  const span = columns.length + (selection ? 1 : 0)
  const cell = 'h-[52px] overflow-hidden px-3 text-ellipsis whitespace-nowrap'
  const { box, rem } = useBoxWidth(scroller)
  // The checkbox and the name stay in view when a wide table is scrolled sideways.
  const pinned = selection ? 'sticky left-10' : 'sticky left-0'
  const widths = columnWidths(columns, primary, Boolean(selection), box, rem)

  return (
    // The scrolling box is a labelled region, focusable so keyboard users can scroll it.
    <section
      ref={scroller}
      aria-label={caption}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable
      tabIndex={0}
      className="max-h-[max(24rem,calc(100dvh-16rem))] overflow-auto rounded-lg border border-slate-200 bg-white focus-visible:outline-2 focus-visible:outline-teal-700"
    >
      <table
        className="w-full table-fixed border-separate border-spacing-0 text-left text-sm"
        style={{ minWidth: widths.table }}
        aria-rowcount={total !== undefined ? total + 1 : -1}
      >
        <caption className="sr-only">{caption}</caption>
        <colgroup>
          {selection && <col style={{ width: `${CHECK_WIDTH}rem` }} />}
          {columns.map((f, i) => (
            <col key={f.key} style={{ width: widths.columns[i] }} />
          ))}
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            {selection && (
              <th scope="col" className="sticky top-0 left-0 z-20 border-b border-slate-200 bg-slate-50 px-3">
                <input
                  ref={headerCheckbox}
                  type="checkbox"
                  className="size-4"
                  aria-label={t`Select all loaded rows`}
                  checked={selection.loaded === 'all'}
                  disabled={selection.locked || rows.length === 0}
                  onChange={selection.toggleLoaded}
                />
              </th>
            )}
            {columns.map((f) => {
              const name = label(f)
              const sorted = current.key === f.key
              const Icon = sorted ? (current.desc ? ArrowDown : ArrowUp) : ArrowUpDown
              return (
                <th
                  key={f.key}
                  scope="col"
                  aria-sort={sorted ? (current.desc ? 'descending' : 'ascending') : undefined}
                  className={`sticky top-0 border-b border-slate-200 bg-slate-50 px-3 py-2 font-medium text-slate-700 ${numeric(f) ? 'text-right' : ''} ${f.key === primary ? `${pinned} z-20` : 'z-10'}`}
                >
                  {f.sortable ? (
                    <button
                      type="button"
                      onClick={() => onSort(f.key)}
                      className="inline-flex min-h-9 max-w-full items-center gap-1 rounded hover:text-slate-900 hover:underline"
                    >
                      <span lang={name.lang} className="line-clamp-2 text-left">
                        {name.text}
                      </span>
                      <Icon aria-hidden className={`size-3.5 shrink-0 ${sorted ? '' : 'opacity-40'}`} />
                    </button>
                  ) : (
                    <span lang={name.lang} className="line-clamp-2">
                      {name.text}
                    </span>
                  )}
                </th>
              )
            })}
          </tr>
        </thead>
        <tbody>
          {paddingTop > 0 && (
            // biome-ignore lint/a11y/noAriaHiddenOnFocusable: an empty spacer row, nothing to focus or read
            <tr aria-hidden="true">
              <td colSpan={span} style={{ height: paddingTop, padding: 0 }} />
            </tr>
          )}
          {items.map((item) => {
            const row = rows[item.index]
            if (!row) return null
            const selected = selection?.isSelected(row.id) ?? false
            return (
              <tr
                key={row.id}
                aria-rowindex={item.index + 2}
                className={selected ? 'bg-teal-50' : 'bg-white hover:bg-slate-50'}
              >
                {selection && (
                  <td className={`${cell} sticky left-0 z-[1] border-b border-slate-100 bg-inherit`}>
                    <input
                      type="checkbox"
                      className="size-4"
                      aria-label={t`Select ${rowName(row)}`}
                      checked={selected}
                      disabled={selection.locked}
                      onChange={() => selection.toggle(row.id)}
                    />
                  </td>
                )}
                {columns.map((f) => (
                  <td
                    key={f.key}
                    className={`${cell} border-b border-slate-100 text-slate-800 ${numeric(f) ? 'text-right tabular-nums' : ''} ${f.key === primary ? `${pinned} z-[1] bg-inherit` : ''}`}
                  >
                    {renderCell(f, row)}
                  </td>
                ))}
              </tr>
            )
          })}
          {paddingBottom > 0 && (
            // biome-ignore lint/a11y/noAriaHiddenOnFocusable: an empty spacer row, nothing to focus or read
            <tr aria-hidden="true">
              <td colSpan={span} style={{ height: paddingBottom, padding: 0 }} />
            </tr>
          )}
          {loadingMore && (
            <tr>
              <td colSpan={span} className="h-[52px] px-3 text-slate-600">
                <Trans>Loading more…</Trans>
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  )
}
