import { isUuid } from '../features/workspaces/workspaces.queries.ts'
import { invalid } from './errors.ts'

// Keyset cursors: the last row's (sort value, id), opaque to clients (base64url JSON).
export type Cursor = [string, string]

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url')
}

export function decodeCursor(raw: string, isDate: boolean): Cursor {
  try {
    const value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'))
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      value.every((v) => typeof v === 'string') &&
      isUuid(value[1] as string) &&
      (!isDate || !Number.isNaN(Date.parse(value[0] as string)))
    ) {
      return value as Cursor
    }
  } catch {}
  throw invalid([{ field: 'cursor', code: 'invalid_cursor', message: 'Not a cursor from this list' }])
}
