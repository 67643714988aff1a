import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { people } from '../../db/schema/index.ts'
import { addMember, as, createTestApp, signUp, type TestApp, type User } from '../../test/harness.ts'

let t: TestApp
let owner: User

beforeAll(async () => {
  t = await createTestApp()
  owner = await signUp(t.app)
})
afterAll(() => t.close())

async function tag(user: User, name: string, color?: string) {
  const res = await as(t.app, user).post('/api/v1/tags', color ? { name, color } : { name })
  expect(res.statusCode, res.body).toBe(201)
  return res.json() as { id: string; name: string; color: string; version: number }
}

async function record(user: User, path: string, body: Record<string, unknown>) {
  const res = await as(t.app, user).post(`/api/v1/${path}`, body)
  expect(res.statusCode, res.body).toBe(201)
  return res.json()
}

describe('tags', () => {
  it('creates, lists by name, renames and recolours with If-Match, and deletes', async () => {
    const ws = await signUp(t.app)
    const vip = await tag(ws, 'VIP')
    expect(vip).toMatchObject({ name: 'VIP', color: 'slate', version: 1 })
    await tag(ws, 'agent', 'green')
    await tag(ws, 'Bulk buyer', 'amber')
    const list = await as(t.app, ws).get('/api/v1/tags')
    expect(list.statusCode).toBe(200)
    expect(list.json().data.map((x: { name: string }) => x.name)).toEqual(['agent', 'Bulk buyer', 'VIP'])

    const renamed = await as(t.app, ws).patch(
      `/api/v1/tags/${vip.id}`,
      { name: 'V.I.P.', color: 'violet' },
      { 'if-match': '"1"' },
    )
    expect(renamed.statusCode, renamed.body).toBe(200)
    expect(renamed.json()).toMatchObject({ name: 'V.I.P.', color: 'violet', version: 2 })
    expect(renamed.headers.etag).toBe('"2"')
    const stale = await as(t.app, ws).patch(`/api/v1/tags/${vip.id}`, { name: 'x' }, { 'if-match': '"1"' })
    expect(stale.statusCode).toBe(412)
    const missing = await as(t.app, ws).patch(`/api/v1/tags/${vip.id}`, { name: 'x' })
    expect(missing.statusCode).toBe(428)
    // Changing only the case of its own name is not a duplicate.
    const recased = await as(t.app, ws).patch(
      `/api/v1/tags/${vip.id}`,
      { name: 'v.i.p.' },
      { 'if-match': '"2"' },
    )
    expect(recased.statusCode, recased.body).toBe(200)

    const del = await as(t.app, ws).delete(`/api/v1/tags/${vip.id}`)
    expect(del.statusCode).toBe(204)
    const after = await as(t.app, ws).get('/api/v1/tags')
    expect(after.json().data.map((x: { name: string }) => x.name)).toEqual(['agent', 'Bulk buyer'])
  })

  it('answers 409 duplicate with the existing tag for a name taken in any case, and 400 for bad input', async () => {
    const ws = await signUp(t.app)
    const wholesale = await tag(ws, 'Wholesale', 'blue')
    const dup = await as(t.app, ws).post('/api/v1/tags', { name: '  wholesale ' })
    expect(dup.statusCode).toBe(409)
    expect(dup.json()).toMatchObject({
      code: 'duplicate',
      existing: { id: wholesale.id, name: 'Wholesale', color: 'blue', version: 1 },
    })
    const other = await tag(ws, 'Retail')
    const rename = await as(t.app, ws).patch(
      `/api/v1/tags/${other.id}`,
      { name: 'WHOLESALE' },
      { 'if-match': '"1"' },
    )
    expect(rename.statusCode).toBe(409)
    expect(rename.json()).toMatchObject({ code: 'duplicate', existing: { id: wholesale.id } })
    // Another workspace may use the same name.
    await tag(await signUp(t.app), 'Wholesale')

    const bad = await as(t.app, ws).post('/api/v1/tags', { name: '', color: 'gold' })
    expect(bad.statusCode).toBe(400)
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['color', 'name'])
    const long = await as(t.app, ws).post('/api/v1/tags', { name: 'x'.repeat(51) })
    expect(long.statusCode).toBe(400)
  })

  it('puts tags on people, companies and deals, by name, and checks the ids', async () => {
    const ws = await signUp(t.app)
    const b = await tag(ws, 'B-tag', 'red')
    const a = await tag(ws, 'a-tag')
    const person = await record(ws, 'people', { firstName: 'Tagged', tagIds: [b.id, a.id, b.id] })
    expect(person.tags).toEqual([
      { id: a.id, name: 'a-tag', color: 'slate' },
      { id: b.id, name: 'B-tag', color: 'red' },
    ])
    const company = await record(ws, 'companies', { name: 'Tagged Ltd', tagIds: [a.id] })
    expect(company.tags).toEqual([{ id: a.id, name: 'a-tag', color: 'slate' }])
    const deal = await record(ws, 'deals', { title: 'Tagged deal', tagIds: [b.id] })
    expect(deal.tags).toEqual([{ id: b.id, name: 'B-tag', color: 'red' }])
    const plain = await record(ws, 'people', { firstName: 'Plain' })
    expect(plain.tags).toEqual([])

    // Update replaces the whole list; the list and the board show tags too.
    const edited = await as(t.app, ws).patch(
      `/api/v1/people/${person.id}`,
      { tagIds: [b.id] },
      { 'if-match': '"1"' },
    )
    expect(edited.statusCode, edited.body).toBe(200)
    expect(edited.json().tags.map((x: { id: string }) => x.id)).toEqual([b.id])
    const list = await as(t.app, ws).get('/api/v1/companies')
    expect(list.json().data[0].tags).toEqual([{ id: a.id, name: 'a-tag', color: 'slate' }])
    const board = await as(t.app, ws).get(`/api/v1/pipelines/${deal.pipeline.id}/board`)
    const card = board.json().stages.flatMap((s: { deals: { id: string }[] }) => s.deals)[0]
    expect(card.tags).toEqual([{ id: b.id, name: 'B-tag', color: 'red' }])

    // A renamed tag shows its new name on every record.
    await as(t.app, ws).patch(`/api/v1/tags/${b.id}`, { name: 'Renamed' }, { 'if-match': '"1"' })
    const got = await as(t.app, ws).get(`/api/v1/deals/${deal.id}`)
    expect(got.json().tags).toEqual([{ id: b.id, name: 'Renamed', color: 'red' }])

    // Unknown ids, and another workspace's tags, are refused naming tagIds.
    const foreign = await tag(await signUp(t.app), 'Foreign')
    for (const ids of [[foreign.id], ['01936b2e-1c3f-7d4a-8b5c-6d7e8f901299']]) {
      const res = await as(t.app, ws).post('/api/v1/people', { firstName: 'Nope', tagIds: ids })
      expect(res.statusCode).toBe(400)
      expect(res.json().errors).toEqual([expect.objectContaining({ field: 'tagIds', code: 'not_found' })])
    }
    const badUpdate = await as(t.app, ws).patch(
      `/api/v1/companies/${company.id}`,
      { tagIds: [foreign.id] },
      { 'if-match': '"1"' },
    )
    expect(badUpdate.statusCode).toBe(400)
    expect(badUpdate.json().errors[0].field).toBe('tagIds')
  })

  it('records tag changes on the timeline like other fields', async () => {
    const ws = await signUp(t.app)
    const vip = await tag(ws, 'VIP')
    const agent = await tag(ws, 'Agent')
    const person = await record(ws, 'people', { firstName: 'Timeline', tagIds: [vip.id] })
    await as(t.app, ws).patch(
      `/api/v1/people/${person.id}`,
      { tagIds: [vip.id, agent.id] },
      { 'if-match': '"1"' },
    )
    const timeline = (await as(t.app, ws).get(`/api/v1/people/${person.id}/timeline`)).json()
    expect(timeline.data[0]).toMatchObject({
      kind: 'updated',
      changes: [{ field: 'tags', from: 'VIP', to: 'Agent, VIP' }],
    })
    // Sending the same tags again changes nothing and records nothing.
    await as(t.app, ws).patch(
      `/api/v1/people/${person.id}`,
      { tagIds: [agent.id, vip.id] },
      { 'if-match': '"2"' },
    )
    const again = (await as(t.app, ws).get(`/api/v1/people/${person.id}/timeline`)).json()
    expect(again.data).toHaveLength(timeline.data.length)
  })

  it('removes a deleted tag from every record that carried it', async () => {
    const ws = await signUp(t.app)
    const gone = await tag(ws, 'Gone')
    const kept = await tag(ws, 'Kept')
    const p1 = await record(ws, 'people', { firstName: 'One', tagIds: [gone.id, kept.id] })
    const p2 = await record(ws, 'people', { firstName: 'Two', tagIds: [gone.id] })
    const c = await record(ws, 'companies', { name: 'Co', tagIds: [kept.id, gone.id] })
    const d = await record(ws, 'deals', { title: 'Deal', tagIds: [gone.id] })
    // Another workspace's record is never touched.
    const otherWs = await signUp(t.app)
    const otherTag = await tag(otherWs, 'Gone')
    const otherPerson = await record(otherWs, 'people', { firstName: 'Elsewhere', tagIds: [otherTag.id] })

    expect((await as(t.app, ws).delete(`/api/v1/tags/${gone.id}`)).statusCode).toBe(204)
    const get = async (path: string) => (await as(t.app, ws).get(path)).json()
    expect((await get(`/api/v1/people/${p1.id}`)).tags.map((x: { name: string }) => x.name)).toEqual(['Kept'])
    expect((await get(`/api/v1/people/${p2.id}`)).tags).toEqual([])
    expect((await get(`/api/v1/companies/${c.id}`)).tags.map((x: { name: string }) => x.name)).toEqual([
      'Kept',
    ])
    expect((await get(`/api/v1/deals/${d.id}`)).tags).toEqual([])
    const [row] = await t.database.db
      .select({ tagIds: people.tagIds })
      .from(people)
      .where(and(eq(people.workspaceId, ws.workspaceId), eq(people.id, p1.id)))
    expect(row!.tagIds).toEqual([kept.id])
    const elsewhere = (await as(t.app, otherWs).get(`/api/v1/people/${otherPerson.id}`)).json()
    expect(elsewhere.tags.map((x: { id: string }) => x.id)).toEqual([otherTag.id])
  })

  it('gives a member of another workspace 404 on every tag route', async () => {
    const mine = await tag(owner, `Mine-${Date.now()}`)
    const stranger = await signUp(t.app)
    const s = as(t.app, stranger)
    expect((await s.get('/api/v1/tags')).json().data).toEqual([])
    expect((await s.patch(`/api/v1/tags/${mine.id}`, { name: 'x' }, { 'if-match': '"1"' })).statusCode).toBe(
      404,
    )
    expect((await s.delete(`/api/v1/tags/${mine.id}`)).statusCode).toBe(404)
    const still = await as(t.app, owner).get('/api/v1/tags')
    expect(still.json().data.map((x: { id: string }) => x.id)).toContain(mine.id)
  })

  it('lets a viewer read, a member create, and only admins rename or delete', async () => {
    const mine = await tag(owner, `Roles-${Date.now()}`)
    const viewer = as(t.app, await addMember(t.app, owner, 'viewer'))
    expect((await viewer.get('/api/v1/tags')).statusCode).toBe(200)
    expect((await viewer.post('/api/v1/tags', { name: 'Viewer tag' })).statusCode).toBe(403)
    expect(
      (await viewer.patch(`/api/v1/tags/${mine.id}`, { name: 'x' }, { 'if-match': '"1"' })).statusCode,
    ).toBe(403)
    expect((await viewer.delete(`/api/v1/tags/${mine.id}`)).statusCode).toBe(403)

    const member = as(t.app, await addMember(t.app, owner, 'member'))
    expect((await member.post('/api/v1/tags', { name: `Member tag ${Date.now()}` })).statusCode).toBe(201)
    expect(
      (await member.patch(`/api/v1/tags/${mine.id}`, { name: 'x' }, { 'if-match': '"1"' })).statusCode,
    ).toBe(403)
    expect((await member.delete(`/api/v1/tags/${mine.id}`)).statusCode).toBe(403)

    const admin = as(t.app, await addMember(t.app, owner, 'admin'))
    const ok = await admin.patch(`/api/v1/tags/${mine.id}`, { color: 'pink' }, { 'if-match': '"1"' })
    expect(ok.statusCode, ok.body).toBe(200)
    expect((await admin.delete(`/api/v1/tags/${mine.id}`)).statusCode).toBe(204)
  })
})
