import { type RefObject, useEffect, useState } from 'react'
import type { Field } from './fields-api.ts'

// Column widths of the desktop list. The table has a fixed layout (columns do not jump as
// other rows scroll in), so the widths are decided here: every column has a minimum by its
// type, small enough that a list's default columns fit a 1280 px screen beside the
// sidebar, and money wide enough for "TZS 78,909,900.00". Space left over goes to the
// columns whose text runs long, most of it to the name/title; numbers, dates and phones
// keep their width. When more columns are chosen than fit, the table keeps the minimums
// and its box scrolls sideways (the header row with it: it is the same table).

/** The selection checkbox column, in rem. */
export const CHECK_WIDTH = 2.5

/** The narrowest a column may be, in rem. */
export function minWidth(field: Field, primary: boolean): number {
  // Titles of deals and activities run longer than names of people and companies.
  if (primary) return field.key === 'title' ? 11 : 10
  if (field.key === 'phone' || field.type === 'phone') return 12.5
  switch (field.key) {
    case 'status':
      return 6.5
    case 'done':
      return 6
    case 'stage':
      return 7.5
    case 'type':
      return 7
  }
  switch (field.type) {
    case 'email':
    case 'url':
      return 10.5
    case 'longText':
      return 12
    case 'tags':
    case 'multiSelect':
      return 8.5
    case 'datetime':
      // With the time: "26 ኖቬም 2026 7:22 ከሰዓት" is the longest of the three languages.
      return field.key === 'dueAt' || field.key === 'occurredAt' ? 12.5 : 8
    case 'date':
      return 8
    case 'currency':
      return 10.5
    case 'number':
      return 6.5
    case 'boolean':
      return 5.5
    case 'user':
      return 7.5
    default:
      return 8
  }
}

/** How much of the space left over a column takes: text grows, figures do not. */
export function growWeight(field: Field, primary: boolean): number {
  if (primary) return 3
  if (field.key === 'phone' || field.key === 'type' || field.key === 'done') return 0
  switch (field.type) {
    case 'phone':
    case 'date':
    case 'datetime':
    case 'currency':
    case 'number':
    case 'boolean':
      return 0
    default:
      return 1
  }
}

/**
 * CSS widths for the table and each column. `box` is the width the table may fill, in
 * px (undefined until measured: then the minimums, which the browser stretches in
 * proportion).
 */
export function columnWidths(
  columns: Field[],
  primary: string,
  selectable: boolean,
  box: number | undefined,
  remPx = 16,
): { table: string; columns: string[] } {
  const mins = columns.map((f) => minWidth(f, f.key === primary) * remPx)
  const fixed = (selectable ? CHECK_WIDTH * remPx : 0) + mins.reduce((a, b) => a + b, 0)
  const table = `${fixed}px`
  if (box === undefined || box <= fixed) return { table, columns: mins.map((w) => `${w}px`) }
  const weights = columns.map((f) => growWeight(f, f.key === primary))
  const total = weights.reduce((a, b) => a + b, 0)
  const extra = box - fixed
  return {
    table,
    columns: mins.map((w, i) => {
      const share = total > 0 ? (weights[i] ?? 0) / total : 1 / mins.length
      return `${Math.floor(w + extra * share)}px`
    }),
  }
}

/**
 * The inner width of a box in px, and the size of a rem (the user may have a larger
 * default font), kept up to date as the window is resized.
 */
export function useBoxWidth(ref: RefObject<HTMLElement | null>): { box?: number; rem: number } {
  const [size, setSize] = useState<{ box?: number; rem: number }>({ rem: 16 })
  useEffect(() => {
    const el = ref.current
    if (!el) return
    const measure = () =>
      setSize({
        box: el.clientWidth,
        rem: Number.parseFloat(getComputedStyle(document.documentElement).fontSize) || 16,
      })
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(el)
    return () => observer.disconnect()
  }, [ref])
  return size
}
