import { and, eq } from 'drizzle-orm'
import { uuidv7 } from 'uuidv7'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { customFields, people } from '../../db/schema/index.ts'
import { addMember, as, createTestApp, signUp, type TestApp, type User } from '../../test/harness.ts'
import { deriveKey, uniqueKey } from './custom-fields.service.ts'

let t: TestApp
let owner: User

beforeAll(async () => {
  t = await createTestApp()
  owner = await signUp(t.app)
})
afterAll(() => t.close())

async function field(user: User, body: Record<string, unknown>) {
  const res = await as(t.app, user).post('/api/v1/custom-fields', { object: 'person', ...body })
  expect(res.statusCode, res.body).toBe(201)
  return res.json()
}

const list = async (user: User, query: string) =>
  (await as(t.app, user).get(`/api/v1/custom-fields?${query}`)).json().data as {
    id: string
    key: string
    archivedAt: string | null
  }[]

describe('custom field keys', () => {
  it('derives lowercase ASCII keys from labels, starting with a letter, at most 40 characters', () => {
    expect(deriveKey('Budget (ETB)')).toBe('budget_etb')
    expect(deriveKey('Café owner')).toBe('cafe_owner')
    expect(deriveKey('2024 target')).toBe('target')
    expect(deriveKey('በጀት')).toBe('field')
    expect(deriveKey('___')).toBe('field')
    expect(deriveKey('a'.repeat(60))).toBe('a'.repeat(40))
    expect(deriveKey(`${'b'.repeat(39)} c`)).toBe('b'.repeat(39))
    expect(uniqueKey('budget', new Set(['budget']))).toBe('budget_2')
    expect(uniqueKey('budget', new Set(['budget', 'budget_2']))).toBe('budget_3')
    expect(uniqueKey('a'.repeat(40), new Set(['a'.repeat(40)]))).toBe(`${'a'.repeat(38)}_2`)
  })
})

describe('custom fields', () => {
  it('creates fields with derived keys, lists them by position, and edits labels, options and position', async () => {
    const ws = await signUp(t.app)
    const budget = await field(ws, { type: 'currency', labels: { en: 'Budget (ETB)', am: 'በጀት' } })
    expect(budget).toMatchObject({
      object: 'person',
      key: 'budget_etb',
      type: 'currency',
      labels: { en: 'Budget (ETB)', am: 'በጀት' },
      options: [],
      position: 0,
      version: 1,
      archivedAt: null,
    })
    const again = await field(ws, { type: 'text', labels: { en: 'budget etb' } })
    expect(again).toMatchObject({ key: 'budget_etb_2', position: 1 })
    const amharic = await field(ws, { type: 'text', labels: { en: 'ክልል' } })
    expect(amharic.key).toBe('field')
    const chosen = await field(ws, { type: 'number', labels: { en: 'Anything' }, key: 'my_key' })
    expect(chosen.key).toBe('my_key')
    // The same key on another object is fine.
    const onDeals = await field(ws, { object: 'deal', type: 'text', labels: { en: 'Budget (ETB)' } })
    expect(onDeals).toMatchObject({ object: 'deal', key: 'budget_etb', position: 0 })

    const size = await field(ws, {
      type: 'select',
      labels: { en: 'Shop size' },
      options: [
        { labels: { en: 'Small' } },
        { labels: { en: 'small!' } },
        { key: 'big', labels: { en: 'Big' } },
      ],
    })
    expect(size.options.map((o: { key: string }) => o.key)).toEqual(['small', 'small_2', 'big'])

    const edited = await as(t.app, ws).patch(
      `/api/v1/custom-fields/${size.id}`,
      {
        labels: { en: 'Shop size', sw: 'Ukubwa wa duka' },
        options: [{ key: 'big', labels: { en: 'Large' } }, { labels: { en: 'Medium' } }],
        position: 0,
      },
      { 'if-match': '"1"' },
    )
    expect(edited.statusCode, edited.body).toBe(200)
    expect(edited.json()).toMatchObject({
      key: 'shop_size',
      labels: { en: 'Shop size', sw: 'Ukubwa wa duka' },
      options: [
        { key: 'big', labels: { en: 'Large' } },
        { key: 'medium', labels: { en: 'Medium' } },
      ],
      version: 2,
    })
    expect(edited.headers.etag).toBe('"2"')
    const keys = (await list(ws, 'object=person')).map((f) => f.key)
    expect(keys[0]).toBe('budget_etb')
    expect(keys).toEqual(['budget_etb', 'shop_size', 'budget_etb_2', 'field', 'my_key'])
    expect((await list(ws, 'object=deal')).map((f) => f.key)).toEqual(['budget_etb'])

    const stale = await as(t.app, ws).patch(
      `/api/v1/custom-fields/${size.id}`,
      { position: 3 },
      { 'if-match': '"1"' },
    )
    expect(stale.statusCode).toBe(412)
    const noIfMatch = await as(t.app, ws).patch(`/api/v1/custom-fields/${size.id}`, { position: 3 })
    expect(noIfMatch.statusCode).toBe(428)
    // Type, key and object never change.
    const retype = await as(t.app, ws).patch(
      `/api/v1/custom-fields/${size.id}`,
      { type: 'text', key: 'other' },
      { 'if-match': '"2"' },
    )
    expect(retype.statusCode).toBe(400)
  })

  it('refuses bad definitions naming the field', async () => {
    const ws = await signUp(t.app)
    await field(ws, { type: 'text', labels: { en: 'Taken' } })
    const cases: [Record<string, unknown>, number, string][] = [
      [{ type: 'text', labels: { en: '' } }, 400, 'labels.en'],
      [{ type: 'text', labels: { en: 'x'.repeat(61) } }, 400, 'labels.en'],
      [{ type: 'text', labels: { am: 'ስም' } }, 400, 'labels.en'],
      [{ type: 'colour', labels: { en: 'Colour' } }, 400, 'type'],
      [{ type: 'text', labels: { en: 'Key' }, key: 'Bad Key' }, 400, 'key'],
      [{ type: 'text', labels: { en: 'Key' }, key: '1abc' }, 400, 'key'],
      [{ type: 'text', labels: { en: 'Other' }, key: 'taken' }, 409, 'key'],
      [{ type: 'select', labels: { en: 'No options' } }, 400, 'options'],
      [{ type: 'multiSelect', labels: { en: 'Empty' }, options: [] }, 400, 'options'],
      [{ type: 'text', labels: { en: 'Text' }, options: [{ labels: { en: 'A' } }] }, 400, 'options'],
      [
        {
          type: 'select',
          labels: { en: 'Dup' },
          options: [
            { key: 'a', labels: { en: 'A' } },
            { key: 'a', labels: { en: 'B' } },
          ],
        },
        400,
        'options.1.key',
      ],
      [
        {
          type: 'select',
          labels: { en: 'Too many' },
          options: Array.from({ length: 101 }, (_, i) => ({ labels: { en: `o${i}` } })),
        },
        400,
        'options',
      ],
    ]
    for (const [body, status, errorField] of cases) {
      const res = await as(t.app, ws).post('/api/v1/custom-fields', { object: 'person', ...body })
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(status)
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(errorField)
    }
  })

  it('allows at most 100 live fields per object', async () => {
    const ws = await signUp(t.app)
    await t.database.db.insert(customFields).values(
      Array.from({ length: 100 }, (_, i) => ({
        workspaceId: ws.workspaceId,
        id: uuidv7(),
        object: 'company',
        key: `f${i}`,
        type: 'text',
        labels: { en: `F${i}` },
        position: i,
      })),
    )
    const res = await as(t.app, ws).post('/api/v1/custom-fields', {
      object: 'company',
      type: 'text',
      labels: { en: 'One more' },
    })
    expect(res.statusCode).toBe(409)
    expect(res.json().code).toBe('too_many_fields')
    // Other objects have their own limit.
    await field(ws, { type: 'text', labels: { en: 'Fine' } })
  })

  it('archives (hidden, values kept), restores (values back) and purges (values stripped)', async () => {
    const ws = await signUp(t.app)
    const region = await field(ws, { type: 'text', labels: { en: 'Sales region' } })
    const score = await field(ws, { type: 'number', labels: { en: 'Score' } })
    const person = (
      await as(t.app, ws).post('/api/v1/people', {
        firstName: 'Almaz',
        custom: { sales_region: 'Oromia', score: 7 },
      })
    ).json()
    expect(person.custom).toEqual({ sales_region: 'Oromia', score: 7 })
    const other = (
      await as(t.app, ws).post('/api/v1/people', { firstName: 'Other', custom: { sales_region: 'Amhara' } })
    ).json()

    expect((await as(t.app, ws).delete(`/api/v1/custom-fields/${region.id}`)).statusCode).toBe(204)
    expect((await list(ws, 'object=person')).map((f) => f.key)).toEqual(['score'])
    const withArchived = await list(ws, 'object=person&archived=true')
    expect(withArchived.find((f) => f.key === 'sales_region')?.archivedAt).toEqual(expect.any(String))
    const hidden = (await as(t.app, ws).get(`/api/v1/people/${person.id}`)).json()
    expect(hidden.custom).toEqual({ score: 7 })
    const listed = (await as(t.app, ws).get('/api/v1/people')).json()
    expect(listed.data.every((p: { custom: object }) => !('sales_region' in p.custom))).toBe(true)
    // An archived field cannot be written; other edits keep its stored value.
    const write = await as(t.app, ws).patch(
      `/api/v1/people/${person.id}`,
      { custom: { sales_region: 'Sidama' } },
      { 'if-match': '"1"' },
    )
    expect(write.statusCode).toBe(400)
    expect(write.json().errors).toEqual([
      expect.objectContaining({ field: 'custom.sales_region', code: 'unknown_field' }),
    ])
    const edit = await as(t.app, ws).patch(
      `/api/v1/people/${person.id}`,
      { custom: { score: 8 } },
      { 'if-match': '"1"' },
    )
    expect(edit.json().custom).toEqual({ score: 8 })
    // Purging needs the field archived first.
    const early = await as(t.app, ws).delete(`/api/v1/custom-fields/${score.id}?purge=true`)
    expect(early.statusCode).toBe(409)
    expect(early.json().code).toBe('not_archived')

    const restored = await as(t.app, ws).post(`/api/v1/custom-fields/${region.id}/restore`)
    expect(restored.statusCode, restored.body).toBe(200)
    expect(restored.json().archivedAt).toBeNull()
    const back = (await as(t.app, ws).get(`/api/v1/people/${person.id}`)).json()
    expect(back.custom).toEqual({ sales_region: 'Oromia', score: 8 })

    await as(t.app, ws).delete(`/api/v1/custom-fields/${region.id}`)
    const purge = await as(t.app, ws).delete(`/api/v1/custom-fields/${region.id}?purge=true`)
    expect(purge.statusCode).toBe(204)
    const stored = await t.database.db
      .select({ id: people.id, custom: people.custom })
      .from(people)
      .where(eq(people.workspaceId, ws.workspaceId))
    expect(Object.fromEntries(stored.map((r) => [r.id, r.custom]))).toEqual({
      [person.id]: { score: 8 },
      [other.id]: {},
    })
    const gone = await t.database.db
      .select()
      .from(customFields)
      .where(and(eq(customFields.workspaceId, ws.workspaceId), eq(customFields.id, region.id)))
    expect(gone).toEqual([])
    expect((await as(t.app, ws).post(`/api/v1/custom-fields/${region.id}/restore`)).statusCode).toBe(404)
    // The key is free again.
    expect((await field(ws, { type: 'text', labels: { en: 'Sales region' } })).key).toBe('sales_region')
  })

  it('gives a member of another workspace 404 on every custom field route', async () => {
    const mine = await field(owner, { type: 'text', labels: { en: `Mine ${Date.now()}` } })
    const stranger = await signUp(t.app)
    const s = as(t.app, stranger)
    expect(await list(stranger, 'object=person&archived=true')).toEqual([])
    const url = `/api/v1/custom-fields/${mine.id}`
    expect((await s.patch(url, { position: 2 }, { 'if-match': '"1"' })).statusCode).toBe(404)
    expect((await s.delete(url)).statusCode).toBe(404)
    expect((await s.delete(`${url}?purge=true`)).statusCode).toBe(404)
    expect((await s.post(`${url}/restore`)).statusCode).toBe(404)
    // Its key means nothing in the other workspace's records.
    const res = await s.post('/api/v1/people', { firstName: 'X', custom: { [mine.key]: 'x' } })
    expect(res.statusCode).toBe(400)
    expect(res.json().errors[0]).toMatchObject({ field: `custom.${mine.key}`, code: 'unknown_field' })
    expect((await list(owner, 'object=person')).map((f) => f.id)).toContain(mine.id)
  })

  it('lets viewers and members read the fields; only admins change them', async () => {
    const mine = await field(owner, { type: 'boolean', labels: { en: `Roles ${Date.now()}` } })
    const url = `/api/v1/custom-fields/${mine.id}`
    for (const role of ['viewer', 'member'] as const) {
      const u = await addMember(t.app, owner, role)
      const r = as(t.app, u)
      expect((await list(u, 'object=person')).map((f) => f.id)).toContain(mine.id)
      const create = await r.post('/api/v1/custom-fields', {
        object: 'person',
        type: 'text',
        labels: { en: 'No' },
      })
      expect(create.statusCode).toBe(403)
      expect((await r.patch(url, { position: 1 }, { 'if-match': '"1"' })).statusCode).toBe(403)
      expect((await r.delete(url)).statusCode).toBe(403)
      expect((await r.post(`${url}/restore`)).statusCode).toBe(403)
      expect((await r.delete(`${url}?purge=true`)).statusCode).toBe(403)
    }
    const admin = as(t.app, await addMember(t.app, owner, 'admin'))
    expect((await admin.patch(url, { position: 5 }, { 'if-match': '"1"' })).statusCode).toBe(200)
    expect((await admin.delete(url)).statusCode).toBe(204)
    expect((await admin.post(`${url}/restore`)).statusCode).toBe(200)
  })
})
