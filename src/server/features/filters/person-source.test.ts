import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { as, createTestApp, signUp, type TestApp, type User } from '../../test/harness.ts'

// The people list's `source` (a select of the fixed sources) and `city` (text) fields:
// in the catalog, filterable, and sortable like the other nullable text columns.
let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

async function person(user: User, body: Record<string, unknown>) {
  const res = await as(t.app, user).post('/api/v1/people?allowDuplicate=true', body)
  expect(res.statusCode, res.body).toBe(201)
  return res.json() as { id: string; firstName: string }
}

/** First names of the people the list answers with these filters, in list order. */
async function names(user: User, filters: unknown[], extra = '') {
  const url = `/api/v1/people?limit=100&filters=${encodeURIComponent(JSON.stringify(filters))}${extra}`
  const res = await as(t.app, user).get(url)
  expect(res.statusCode, res.body).toBe(200)
  return res.json().data.map((p: { firstName: string }) => p.firstName)
}

describe('people source and city in lists', () => {
  it('lists source as a select with the fixed options and city as text, neither sortable', async () => {
    const me = await signUp(t.app)
    const fields = (await as(t.app, me).get('/api/v1/fields?object=person')).json().data
    expect(fields).toContainEqual({
      key: 'source',
      type: 'select',
      builtIn: true,
      sortable: false,
      options: ['referral', 'walk_in', 'phone', 'website', 'social', 'event', 'advert', 'other'].map(
        (key) => ({
          key,
        }),
      ),
    })
    expect(fields).toContainEqual({ key: 'city', type: 'text', builtIn: true, sortable: false })
    // No index serves these orders, so the list refuses them rather than read every row.
    for (const sort of ['city', '-source']) {
      const res = await as(t.app, me).get(`/api/v1/people?sort=${sort}`)
      expect(res.statusCode).toBe(400)
      expect(res.json().errors[0]).toMatchObject({ field: 'sort', code: 'not_sortable' })
    }
  })

  it('filters people by source and city', async () => {
    const me = await signUp(t.app)
    await person(me, { firstName: 'Almaz', source: 'referral', city: 'Addis Ababa' })
    await person(me, { firstName: 'Bekele', source: 'walk_in', city: 'Adama' })
    await person(me, { firstName: 'Chaltu', source: 'referral', city: 'addis ababa' })
    await person(me, { firstName: 'Daudi', city: 'Nairobi' })
    await person(me, { firstName: 'Eshe' })
    const f = (field: string, op: string, value?: unknown) => names(me, [{ field, op, value }], '&sort=name')
    expect(await f('source', 'eq', 'referral')).toEqual(['Almaz', 'Chaltu'])
    expect(await f('source', 'in', ['walk_in', 'referral'])).toEqual(['Almaz', 'Bekele', 'Chaltu'])
    // Negative operators include people without a source, as people read them.
    expect(await f('source', 'neq', 'referral')).toEqual(['Bekele', 'Daudi', 'Eshe'])
    expect(await f('source', 'empty')).toEqual(['Daudi', 'Eshe'])
    expect(await f('city', 'eq', 'ADDIS ABABA')).toEqual(['Almaz', 'Chaltu'])
    expect(await f('city', 'contains', 'ad')).toEqual(['Almaz', 'Bekele', 'Chaltu'])
    expect(await f('city', 'empty')).toEqual(['Eshe'])
    const both = await names(me, [
      { field: 'source', op: 'eq', value: 'referral' },
      { field: 'city', op: 'eq', value: 'Addis Ababa' },
    ])
    expect(both.sort()).toEqual(['Almaz', 'Chaltu'])
    // A stranger's filter finds nothing of ours.
    const stranger = await signUp(t.app)
    expect(await names(stranger, [{ field: 'source', op: 'eq', value: 'referral' }])).toEqual([])
  })
})
