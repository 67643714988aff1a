import type { Labels } from './custom-fields-api.ts'

// Pure helpers of the custom field settings: labels as the API takes them, the order
// after moving a field or an option up or down.

/** English always; Amharic and Swahili only when written (an empty one falls back to English). */
export function cleanLabels(l: { en: string; am?: string; sw?: string }): Labels {
  const out: Labels = { en: l.en.trim() }
  if (l.am?.trim()) out.am = l.am.trim()
  if (l.sw?.trim()) out.sw = l.sw.trim()
  return out
}

/** The list with item `i` moved one place up (-1) or down (+1); unchanged at the ends. */
export function moved<T>(list: T[], i: number, by: -1 | 1): T[] {
  const j = i + by
  if (j < 0 || j >= list.length) return list
  const next = [...list]
  ;[next[i], next[j]] = [next[j] as T, next[i] as T]
  return next
}
