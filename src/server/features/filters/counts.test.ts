import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addMember, as, createTestApp, signUp, type TestApp, type User } from '../../test/harness.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

async function post(user: User, url: string, body: Record<string, unknown>) {
  const res = await as(t.app, user).post(url, body)
  expect(res.statusCode, res.body).toBe(201)
  return res.json()
}
const person = (user: User, body: Record<string, unknown>) =>
  post(user, '/api/v1/people?allowDuplicate=true', body)
const q = (filters: unknown[]) => `filters=${encodeURIComponent(JSON.stringify(filters))}`
const exec = (query: ReturnType<typeof sql>) => t.database.db.execute(query)

describe('counts', () => {
  it('counts a list with its filters and search, up to 10,000 (capped beyond)', async () => {
    const me = await signUp(t.app)
    await person(me, { firstName: 'Counted', jobTitle: 'Farmer' })
    await person(me, { firstName: 'Counted', jobTitle: 'Trader' })
    const gone = await person(me, { firstName: 'Gone' })
    await as(t.app, me).delete(`/api/v1/people/${gone.id}`)
    const count = async (params: string) => {
      const res = await as(t.app, me).get(`/api/v1/people/count?${params}`)
      expect(res.statusCode, res.body).toBe(200)
      return res.json()
    }
    expect(await count('')).toEqual({ count: 2, capped: false })
    expect(await count('trashed=true')).toEqual({ count: 1, capped: false })
    expect(await count(q([{ field: 'jobTitle', op: 'eq', value: 'farmer' }]))).toEqual({
      count: 1,
      capped: false,
    })
    expect(await count('q=counted&limit=1&sort=name')).toEqual({ count: 2, capped: false })

    await exec(sql`insert into people (workspace_id, id, first_name, sort_name, search_text)
      select ${me.workspaceId}, gen_random_uuid(), 'Bulk', 'bulk ' || g, 'bulk ' || g
      from generate_series(1, 10050) g`)
    expect(await count('')).toEqual({ count: 10_000, capped: true })
    // "bulk 1005" and "bulk 10050"
    expect(await count('q=bulk%201005')).toEqual({ count: 2, capped: false })
  })

  it('counts every list, only in its own workspace', async () => {
    const me = await signUp(t.app)
    const p = await person(me, { firstName: 'One' })
    await post(me, '/api/v1/companies', { name: 'One' })
    await post(me, '/api/v1/deals', { title: 'One' })
    await post(me, '/api/v1/activities', { type: 'note', body: 'One', personId: p.id })
    const stranger = await signUp(t.app)
    const viewer = await addMember(t.app, me, 'viewer')
    for (const list of ['people', 'companies', 'deals', 'activities']) {
      expect((await as(t.app, viewer).get(`/api/v1/${list}/count`)).json()).toEqual({
        count: 1,
        capped: false,
      })
      expect((await as(t.app, stranger).get(`/api/v1/${list}/count`)).json()).toEqual({
        count: 0,
        capped: false,
      })
      expect((await t.app.inject({ url: `/api/v1/${list}/count` })).statusCode).toBe(401)
    }
  })
})
