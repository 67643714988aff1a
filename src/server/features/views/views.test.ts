import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addMember, as, createTestApp, ORIGIN, signUp, type TestApp, type User } from '../../test/harness.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

// The harness has no put().
const put = (user: User, url: string) =>
  t.app.inject({ method: 'PUT', url, headers: { cookie: user.cookie, ...ORIGIN } })

const state = {
  filters: [{ field: 'owner', op: 'me' }],
  sort: '-updatedAt',
  columns: ['name', 'phone', 'tags'],
  q: 'abebe',
}

async function create(user: User, body: Record<string, unknown>) {
  const res = await as(t.app, user).post('/api/v1/views', { object: 'person', state, ...body })
  expect(res.statusCode, res.body).toBe(201)
  return res.json()
}
const names = async (user: User, object = 'person') => {
  const res = await as(t.app, user).get(`/api/v1/views?object=${object}`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json().data.map((v: { name: string }) => v.name)
}

describe('saved views', () => {
  it('saves a view with its list state and lists mine and the shared ones, shared first then by name', async () => {
    const owner = await signUp(t.app)
    const member = await addMember(t.app, owner, 'member')
    const view = await create(owner, { name: 'My leads' })
    expect(view).toMatchObject({
      object: 'person',
      name: 'My leads',
      shared: false,
      owner: { id: owner.userId, name: 'Abebe Bikila' },
      isDefault: false,
      canEdit: true,
      version: 1,
      state,
    })
    await create(owner, { name: 'b shared', shared: true })
    await create(member, { name: 'A shared', shared: true })
    await create(member, { name: 'Zebra mine' })
    await create(member, { name: 'Deals view', object: 'deal', state: { filters: [] } })
    expect(await names(owner)).toEqual(['A shared', 'b shared', 'My leads'])
    expect(await names(member)).toEqual(['A shared', 'b shared', 'Zebra mine'])
    expect(await names(member, 'deal')).toEqual(['Deals view'])
    const listed = (await as(t.app, member).get('/api/v1/views?object=person')).json().data
    expect(listed.map((v: { canEdit: boolean }) => v.canEdit)).toEqual([true, false, true])
  })

  it('checks the state against the list: fields, operators, values, sort, columns', async () => {
    const owner = await signUp(t.app)
    const bad = async (body: Record<string, unknown>, fields: string[]) => {
      const res = await as(t.app, owner).post('/api/v1/views', { object: 'person', name: 'x', ...body })
      expect(res.statusCode, res.body).toBe(400)
      expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(fields)
    }
    await bad({ state: { filters: [{ field: 'nope', op: 'eq', value: 1 }] } }, ['state.filters.0.field'])
    await bad({ state: { filters: [{ field: 'tags', op: 'eq', value: 1 }] } }, ['state.filters.0.op'])
    await bad({ state: { filters: [{ field: 'createdAt', op: 'eq', value: 'x' }] } }, [
      'state.filters.0.value',
    ])
    await bad({ state: { filters: [], sort: 'nope' } }, ['state.sort'])
    await bad({ state: { filters: [], sort: 'x'.repeat(81) } }, ['state.sort'])
    await bad({ state: { columns: Array.from({ length: 41 }, (_, i) => `c${i}`) } }, ['state.columns'])
    await bad({ state: { filters: [], extra: 1 } }, ['state.extra'])
    await bad({ name: '', state: {} }, ['name'])
    await bad({ object: 'nope', state: {} }, ['object'])
    // filters may be left out: no filters.
    const res = await as(t.app, owner).post('/api/v1/views', { object: 'company', name: 'All', state: {} })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json().state).toEqual({ filters: [] })
  })

  it('edits with If-Match: the owner, or an admin for a shared view; others get 403', async () => {
    const owner = await signUp(t.app)
    const admin = await addMember(t.app, owner, 'admin')
    const member = await addMember(t.app, owner, 'member')
    const shared = await create(member, { name: 'Team', shared: true })
    const url = `/api/v1/views/${shared.id}`

    expect((await as(t.app, member).patch(url, { name: 'No version' })).statusCode).toBe(428)
    const renamed = await as(t.app, member).patch(url, { name: 'Team leads' }, { 'if-match': '"1"' })
    expect(renamed.statusCode, renamed.body).toBe(200)
    expect(renamed.headers.etag).toBe('"2"')
    expect(renamed.json()).toMatchObject({ name: 'Team leads', version: 2 })
    const stale = await as(t.app, member).patch(url, { name: 'Stale' }, { 'if-match': '"1"' })
    expect(stale.statusCode).toBe(412)

    const other = await addMember(t.app, owner, 'member')
    expect((await as(t.app, other).patch(url, { name: 'Mine now' }, { 'if-match': '"2"' })).statusCode).toBe(
      403,
    )
    expect((await as(t.app, other).delete(url)).statusCode).toBe(403)
    const byAdmin = await as(t.app, admin).patch(
      url,
      { state: { filters: [{ field: 'jobTitle', op: 'empty' }] } },
      { 'if-match': '"2"' },
    )
    expect(byAdmin.statusCode, byAdmin.body).toBe(200)
    expect(byAdmin.json().state).toEqual({ filters: [{ field: 'jobTitle', op: 'empty' }] })
    expect(byAdmin.json().owner.id).toBe(member.userId)
    const badState = await as(t.app, admin).patch(
      url,
      { state: { filters: [{ field: 'x', op: 'empty' }] } },
      { 'if-match': '"3"' },
    )
    expect(badState.json().errors[0].field).toBe('state.filters.0.field')

    // An admin cannot touch someone's personal view: it does not exist for them.
    const personal = await create(member, { name: 'Private' })
    expect(
      (await as(t.app, admin).patch(`/api/v1/views/${personal.id}`, { name: 'x' }, { 'if-match': '"1"' }))
        .statusCode,
    ).toBe(404)
    expect((await as(t.app, admin).delete(`/api/v1/views/${personal.id}`)).statusCode).toBe(404)
    expect((await put(admin, `/api/v1/views/${personal.id}/default`)).statusCode).toBe(404)

    expect((await as(t.app, admin).delete(url)).statusCode).toBe(204)
    expect(await names(member)).toEqual(['Private'])
  })

  it('lets a viewer keep personal views but not share them', async () => {
    const owner = await signUp(t.app)
    const viewer = await addMember(t.app, owner, 'viewer')
    const mine = await create(viewer, { name: 'Viewer view' })
    expect(mine.canEdit).toBe(true)
    const shared = await as(t.app, viewer).post('/api/v1/views', {
      object: 'person',
      name: 'Shared',
      shared: true,
      state,
    })
    expect(shared.statusCode).toBe(403)
    const share = await as(t.app, viewer).patch(
      `/api/v1/views/${mine.id}`,
      { shared: true },
      { 'if-match': '"1"' },
    )
    expect(share.statusCode).toBe(403)
    const rename = await as(t.app, viewer).patch(
      `/api/v1/views/${mine.id}`,
      { name: 'Renamed' },
      { 'if-match': '"1"' },
    )
    expect(rename.statusCode, rename.body).toBe(200)
    const team = await create(owner, { name: 'Team', shared: true })
    expect((await as(t.app, viewer).get('/api/v1/views?object=person')).json().data[0]).toMatchObject({
      name: 'Team',
      canEdit: false,
    })
    expect((await put(viewer, `/api/v1/views/${team.id}/default`)).statusCode).toBe(204)
    expect((await as(t.app, viewer).delete(`/api/v1/views/${mine.id}`)).statusCode).toBe(204)
  })

  it('keeps one default view per user and list, and clears it', async () => {
    const owner = await signUp(t.app)
    const member = await addMember(t.app, owner, 'member')
    const a = await create(owner, { name: 'A', shared: true })
    const b = await create(owner, { name: 'B' })
    const defaults = async (user: User, object = 'person') =>
      (await as(t.app, user).get(`/api/v1/views?object=${object}`))
        .json()
        .data.filter((v: { isDefault: boolean }) => v.isDefault)
        .map((v: { name: string }) => v.name)
    expect((await put(owner, `/api/v1/views/${a.id}/default`)).statusCode).toBe(204)
    expect(await defaults(owner)).toEqual(['A'])
    expect((await put(owner, `/api/v1/views/${b.id}/default`)).statusCode).toBe(204)
    expect(await defaults(owner)).toEqual(['B'])
    expect(await defaults(member)).toEqual([])
    expect((await put(member, `/api/v1/views/${a.id}/default`)).statusCode).toBe(204)
    expect(await defaults(member)).toEqual(['A'])

    // Made personal again, the view stops being others' default.
    const unshare = await as(t.app, owner).patch(
      `/api/v1/views/${a.id}`,
      { shared: false },
      { 'if-match': '"1"' },
    )
    expect(unshare.statusCode, unshare.body).toBe(200)
    expect(await defaults(member)).toEqual([])
    expect(await names(member)).toEqual([])

    expect((await as(t.app, owner).delete('/api/v1/views/default?object=person')).statusCode).toBe(204)
    expect(await defaults(owner)).toEqual([])
    expect((await as(t.app, owner).delete('/api/v1/views/default?object=nope')).statusCode).toBe(400)
    // Deleting a default view clears the default with it.
    await put(owner, `/api/v1/views/${b.id}/default`)
    expect((await as(t.app, owner).delete(`/api/v1/views/${b.id}`)).statusCode).toBe(204)
    expect(await defaults(owner)).toEqual([])
  })

  it("answers 404 for another workspace's views on every route", async () => {
    const owner = await signUp(t.app)
    const view = await create(owner, { name: 'Ours', shared: true })
    const stranger = await signUp(t.app)
    const url = `/api/v1/views/${view.id}`
    expect(await names(stranger)).toEqual([])
    expect((await as(t.app, stranger).patch(url, { name: 'x' }, { 'if-match': '"1"' })).statusCode).toBe(404)
    expect((await as(t.app, stranger).delete(url)).statusCode).toBe(404)
    expect((await put(stranger, `${url}/default`)).statusCode).toBe(404)
    expect((await t.app.inject({ url: '/api/v1/views?object=person' })).statusCode).toBe(401)
    expect((await as(t.app, owner).get(`/api/v1/views?object=person`)).json().data).toHaveLength(1)
  })
})
