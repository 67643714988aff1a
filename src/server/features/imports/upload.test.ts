import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { queryRows } from '../../db/client.ts'
import { createTestApp, signUp, type TestApp } from '../../test/harness.ts'
import { CHUNK_BYTES } from './imports.queries.ts'
import { upload } from './test-upload.ts'

// A file larger than one stored chunk is analysed while it is being stored: every row
// counted, and a Windows-1252 byte found only in its last chunk still reads it again as
// Windows-1252.

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

/** About 2.5 stored chunks of rows, and `last` as the final row. */
function bigCsv(last: string) {
  const lines = ['Name,Phone,Email']
  let bytes = 0
  for (let i = 1; bytes < 2.5 * CHUNK_BYTES; i++) {
    const line = `Person ${i},0911${String(i).padStart(6, '0')},person.${i}@example.com`
    lines.push(line)
    bytes += line.length + 1
  }
  lines.push(last)
  return { text: lines.join('\n'), rows: lines.length - 1 }
}

describe('uploading a file of several chunks', () => {
  it('counts every row and keeps the first ones as the sample', async () => {
    const user = await signUp(t.app)
    const { text, rows } = bigCsv('Last Person,0911999999,last@example.com')
    const res = await upload(t.app, user, 'big.csv', text)
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({
      encoding: 'utf-8',
      rowCount: rows,
      columns: ['Name', 'Phone', 'Email'],
    })
    expect(res.json().sample[0]).toEqual(['Person 1', '0911000001', 'person.1@example.com'])
    const chunks = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from import_files where import_id = ${res.json().id}`,
    )
    expect(chunks[0]!.n).toBe(3)
  })

  it('reads the file again as Windows-1252 when its last chunk is not UTF-8', async () => {
    const user = await signUp(t.app)
    const { text, rows } = bigCsv('Jos\u00e9 M\u00fcller,0911999999,jose@example.com')
    // "é" and "ü" as single Windows-1252 bytes: not UTF-8.
    const res = await upload(t.app, user, 'excel.csv', Buffer.from(text, 'latin1'))
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({ encoding: 'windows-1252', rowCount: rows })
  })
})
