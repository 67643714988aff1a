import {
  COMPANY_EXPORT_COLUMNS,
  DEAL_EXPORT_COLUMNS,
  PEOPLE_EXPORT_COLUMNS,
} from '../../../server/features/export/export-columns.ts'
import type { ListObject } from './list-state.ts'

// The CSV export gets the list's visible columns, so the file matches what is on screen.
// Export column keys differ a little from field keys (a person's "name" is two columns,
// "phone" exports every number as "phones"); tags and custom fields pass as they are.
// The keys are the export's public contract, shared with the server (export-columns.ts).
export const EXPORT_KEYS: Partial<Record<ListObject, readonly string[]>> = {
  person: PEOPLE_EXPORT_COLUMNS,
  company: COMPANY_EXPORT_COLUMNS,
  deal: DEAL_EXPORT_COLUMNS,
}

function aliases(object: ListObject, key: string): string[] {
  if (object === 'person' && key === 'name') return ['firstName', 'lastName']
  if (key === 'phone') return ['phones']
  if (key === 'email') return ['emails']
  return [key]
}

/** `columns=` for the export link; undefined (all columns) when none of them can be exported. */
export function exportColumns(object: ListObject, columns: string[]): string | undefined {
  const allowed = EXPORT_KEYS[object]
  if (!allowed) return undefined
  const out: string[] = []
  for (const key of columns)
    for (const k of aliases(object, key))
      if ((allowed.includes(k) || k === 'tags' || k.startsWith('custom.')) && !out.includes(k)) out.push(k)
  return out.length ? out.join(',') : undefined
}
