import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { responseSerializer } from './serializer.ts'

// The production serializer (fast-json-stringify from the zod schema) must write what zod
// writes; the checking one (the test suites') must refuse a response that breaks its schema.

const serialize = (schema: z.ZodType, check = false) =>
  responseSerializer(check)({ schema, method: 'GET', url: '/x', httpStatus: '200' } as never)

const owner = z.object({ id: z.uuid(), name: z.string() }).meta({ id: 'TestOwner' })
const record = z.object({
  id: z.uuid(),
  // A property named like a JSON Schema keyword.
  format: z.enum(['csv', 'vcard']),
  email: z.email().nullable(),
  owner: owner.nullable(),
  createdAt: z.iso.datetime(),
  custom: z.record(z.string(), z.unknown()),
  kind: z.discriminatedUnion('type', [
    z.object({ type: z.literal('call'), minutes: z.number().int().min(0) }),
    z.object({ type: z.literal('note'), body: z.string().max(10) }),
  ]),
})
const page = z.object({ data: z.array(record), nextCursor: z.string().nullable() })

const row = {
  id: '01a21c0b-cd35-7e91-9e12-1f62475b6ea3',
  format: 'csv',
  email: 'almaz@example.et',
  owner: { id: '01a21c0b-cd35-7e91-9e12-1f62475b6ea4', name: 'Almaz', password: 'never sent' },
  createdAt: '2026-11-27T07:00:00.000Z',
  custom: { size: 3, tags: ['a'], note: null },
  kind: { type: 'note', body: 'ሰላም "hi"\n', extra: true },
  secret: 'never sent',
}

describe('responseSerializer', () => {
  it('writes the same JSON values as zod, without properties the schema does not name', () => {
    const data = {
      data: [row, { ...row, email: null, owner: null, kind: { type: 'call', minutes: 5 } }],
      nextCursor: null,
    }
    const written = JSON.parse(serialize(page)(data))
    expect(written).toEqual(JSON.parse(JSON.stringify(page.encode(data as never))))
    expect(written.data[0].owner).toEqual({ id: row.owner.id, name: 'Almaz' })
    expect(written.data[0].format).toBe('csv')
    expect(JSON.stringify(written)).not.toContain('never sent')
  })

  it('checking, refuses a response that breaks its schema', () => {
    const bad = { data: [{ ...row, format: 'xlsx' }], nextCursor: null }
    expect(() => serialize(page, true)(bad)).toThrow()
    expect(() => serialize(page, true)({ data: [row], nextCursor: null })).not.toThrow()
  })
})
