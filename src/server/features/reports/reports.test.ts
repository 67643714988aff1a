import { sql } from 'drizzle-orm'
import { uuidv7 } from 'uuidv7'
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

const definition = {
  object: 'deal',
  filters: [{ field: 'status', op: 'eq', value: 'open' }],
  groupBy: [{ field: 'stage' }],
  measure: { fn: 'sum', field: 'amount' },
  chart: 'bar',
}

async function create(user: User, body: Record<string, unknown> = {}) {
  const res = await as(t.app, user).post('/api/v1/reports', { name: 'Pipeline', definition, ...body })
  expect(res.statusCode, res.body).toBe(201)
  return res.json()
}
const names = async (user: User, url = '/api/v1/reports') => {
  const res = await as(t.app, user).get(url)
  expect(res.statusCode, res.body).toBe(200)
  return res.json().data.map((r: { name: string }) => r.name)
}

describe('saved reports', () => {
  it('saves a report and lists mine plus the shared ones by name; personal ones are 404 to others', async () => {
    const owner = await signUp(t.app)
    const member = await addMember(t.app, owner, 'member')
    const report = await create(owner, { name: 'My pipeline' })
    expect(report).toMatchObject({
      name: 'My pipeline',
      shared: false,
      ownerId: owner.userId,
      definition,
      pinned: false,
      version: 1,
    })
    expect(Date.parse(report.createdAt)).toBeGreaterThan(0)
    await create(owner, { name: 'b shared', shared: true })
    await create(member, { name: 'A shared', shared: true })
    await create(member, { name: 'Zebra mine' })
    expect(await names(owner)).toEqual(['A shared', 'b shared', 'My pipeline'])
    expect(await names(member)).toEqual(['A shared', 'b shared', 'Zebra mine'])
    const m = as(t.app, member)
    expect((await m.get(`/api/v1/reports/${report.id}`)).statusCode).toBe(404)
    expect((await m.get(`/api/v1/reports/${report.id}/result`)).statusCode).toBe(404)
    expect((await put(member, `/api/v1/reports/${report.id}/pin`)).statusCode).toBe(404)
    // Defaults are filled in: no filters, no grouping, count, bar.
    const minimal = await create(owner, { definition: { object: 'person' } })
    expect(minimal.definition).toEqual({
      object: 'person',
      filters: [],
      groupBy: [],
      measure: { fn: 'count' },
      chart: 'bar',
    })
  })

  it('checks the definition on save; viewers keep personal reports but cannot share', async () => {
    const owner = await signUp(t.app)
    const viewer = await addMember(t.app, owner, 'viewer')
    const res = await as(t.app, owner).post('/api/v1/reports', {
      name: 'x',
      definition: { object: 'person', groupBy: [{ field: 'createdAt', bucket: 'fortnight' }] },
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().errors[0].field).toBe('definition.groupBy.0.bucket')
    const bad = await as(t.app, owner).post('/api/v1/reports', {
      name: 'x',
      definition: { object: 'person', measure: { fn: 'sum', field: 'createdAt' } },
    })
    expect(bad.json().errors).toEqual([
      expect.objectContaining({ field: 'definition.measure.field', code: 'not_measurable' }),
    ])
    await create(viewer, { name: 'Mine' })
    const shared = await as(t.app, viewer).post('/api/v1/reports', { name: 'S', shared: true, definition })
    expect(shared.statusCode).toBe(403)
  })

  it('updates with If-Match (428 without, 412 when stale); only the owner or an admin changes a shared report', async () => {
    const owner = await signUp(t.app)
    const member = await addMember(t.app, owner, 'member')
    const admin = await addMember(t.app, owner, 'admin')
    const report = await create(member, { name: 'Team', shared: true })
    const url = `/api/v1/reports/${report.id}`
    expect((await as(t.app, member).patch(url, { name: 'x' })).statusCode).toBe(428)
    const renamed = await as(t.app, member).patch(url, { name: 'Team deals' }, { 'if-match': '"1"' })
    expect(renamed.statusCode, renamed.body).toBe(200)
    expect(renamed.headers.etag).toBe('"2"')
    expect(renamed.json()).toMatchObject({ name: 'Team deals', version: 2 })
    const stale = await as(t.app, member).patch(url, { name: 'Old' }, { 'if-match': '"1"' })
    expect(stale.statusCode).toBe(412)
    expect(stale.json().code).toBe('version_mismatch')
    expect((await as(t.app, owner).get(url)).json().name).toBe('Team deals')
    // Another member: 403; an admin (the workspace owner too): allowed.
    const other = await addMember(t.app, owner, 'member')
    expect((await as(t.app, other).patch(url, { name: 'Mine' }, { 'if-match': '"2"' })).statusCode).toBe(403)
    expect((await as(t.app, other).delete(url)).statusCode).toBe(403)
    const changed = await as(t.app, admin).patch(
      url,
      { definition: { ...definition, groupBy: [{ field: 'owner' }] } },
      { 'if-match': '"2"' },
    )
    expect(changed.statusCode, changed.body).toBe(200)
    expect(changed.json().definition.groupBy).toEqual([{ field: 'owner' }])
    const badDef = await as(t.app, admin).patch(
      url,
      { definition: { ...definition, groupBy: [{ field: 'nope' }] } },
      { 'if-match': '"3"' },
    )
    expect(badDef.json().errors[0].field).toBe('definition.groupBy.0.field')
    expect((await as(t.app, owner).delete(url, { 'if-match': '"2"' })).statusCode).toBe(412)
    expect((await as(t.app, owner).delete(url, { 'if-match': '"3"' })).statusCode).toBe(204)
    expect((await as(t.app, member).get(url)).statusCode).toBe(404)
  })

  it('pins reports to my dashboard in order; unsharing removes others’ pins', async () => {
    const owner = await signUp(t.app)
    const member = await addMember(t.app, owner, 'member')
    const a = await create(owner, { name: 'A', shared: true })
    const b = await create(owner, { name: 'B' })
    const c = await create(member, { name: 'C', shared: true })
    for (const r of [c, a, b]) expect((await put(owner, `/api/v1/reports/${r.id}/pin`)).statusCode).toBe(204)
    // Pinning again keeps the place.
    expect((await put(owner, `/api/v1/reports/${c.id}/pin`)).statusCode).toBe(204)
    expect(await names(owner, '/api/v1/dashboard/pins')).toEqual(['C', 'A', 'B'])
    expect((await as(t.app, owner).get(`/api/v1/reports/${a.id}`)).json().pinned).toBe(true)
    expect((await as(t.app, owner).delete(`/api/v1/reports/${a.id}/pin`)).statusCode).toBe(204)
    expect((await put(owner, `/api/v1/reports/${a.id}/pin`)).statusCode).toBe(204)
    expect(await names(owner, '/api/v1/dashboard/pins')).toEqual(['C', 'B', 'A'])
    // Pins are per user.
    expect(await names(member, '/api/v1/dashboard/pins')).toEqual([])
    expect((await put(member, `/api/v1/reports/${a.id}/pin`)).statusCode).toBe(204)
    expect(
      (await as(t.app, member).get('/api/v1/reports')).json().data.find((r: { id: string }) => r.id === a.id)
        .pinned,
    ).toBe(true)
    // A made personal again leaves the member's dashboard, not its owner's.
    const res = await as(t.app, owner).patch(
      `/api/v1/reports/${a.id}`,
      { shared: false },
      { 'if-match': '"1"' },
    )
    expect(res.statusCode, res.body).toBe(200)
    expect(await names(member, '/api/v1/dashboard/pins')).toEqual([])
    expect(await names(owner, '/api/v1/dashboard/pins')).toEqual(['C', 'B', 'A'])
  })

  it('answers a saved report’s result and its CSV, formula-safe, with an optional BOM', async () => {
    const owner = await signUp(t.app)
    const tagIds = [uuidv7(), uuidv7()]
    await t.database.db.execute(sql`insert into tags (workspace_id, id, name) values
      (${owner.workspaceId}, ${tagIds[0]}, '=HYPERLINK("http://x","y")'), (${owner.workspaceId}, ${tagIds[1]}, 'Plain, "quoted"')`)
    const o = as(t.app, owner)
    // 1500.00 + 250.50 ETB under the formula tag, 99.99 under the other.
    await o.post('/api/v1/deals', { title: 'a', amountMinor: 150000, currency: 'ETB', tagIds: [tagIds[0]] })
    await o.post('/api/v1/deals', { title: 'b', amountMinor: 25050, currency: 'ETB', tagIds: [tagIds[0]] })
    await o.post('/api/v1/deals', { title: 'c', amountMinor: 9999, currency: 'ETB', tagIds: [tagIds[1]] })
    const report = await create(owner, {
      name: 'By tag: ሽያጭ',
      definition: { object: 'deal', groupBy: [{ field: 'tags' }], measure: { fn: 'sum', field: 'amount' } },
    })
    const result = await o.get(`/api/v1/reports/${report.id}/result`)
    expect(result.statusCode, result.body).toBe(200)
    expect(result.json().rows.map((r: { value: number }) => r.value)).toEqual([175050, 9999])
    const csv = await o.get(`/api/v1/reports/${report.id}/result.csv`)
    expect(csv.statusCode, csv.body).toBe(200)
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(csv.headers['content-disposition']).toMatch(
      /^attachment; filename="report-By-tag-\d{4}-\d{2}-\d{2}\.csv"$/,
    )
    expect(csv.body).toBe(
      'tags,sum amount (ETB)\r\n' +
        `"'=HYPERLINK(""http://x"",""y"")",1750.50\r\n` +
        '"Plain, ""quoted""",99.99\r\n',
    )
    const excel = await o.get(`/api/v1/reports/${report.id}/result.csv?excel=true`)
    expect(excel.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
  })

  it('lists the fields a report can group and measure', async () => {
    const owner = await signUp(t.app)
    const res = await as(t.app, owner).get('/api/v1/reports/fields?object=deal')
    expect(res.statusCode, res.body).toBe(200)
    const byKey = Object.fromEntries(res.json().data.map((f: { key: string }) => [f.key, f]))
    expect(byKey.amount).toMatchObject({
      type: 'currency',
      groupable: false,
      measures: ['sum', 'avg', 'min', 'max'],
    })
    expect(byKey.createdAt).toMatchObject({
      groupable: true,
      buckets: ['day', 'week', 'month', 'quarter', 'year'],
    })
    expect(byKey.stage).toMatchObject({ groupable: true, buckets: [], measures: [], ref: 'stage' })
    // The title (a lowercased search key) and long texts are neither.
    expect(byKey.title).toBeUndefined()
  })

  it('documents the routes and shapes in the OpenAPI document', async () => {
    const doc = (await t.app.inject('/api/openapi.json')).json()
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/reports',
        '/api/v1/reports/run',
        '/api/v1/reports/fields',
        '/api/v1/reports/{id}',
        '/api/v1/reports/{id}/result',
        '/api/v1/reports/{id}/result.csv',
        '/api/v1/reports/{id}/pin',
        '/api/v1/dashboard/pins',
      ]),
    )
    expect(doc.paths['/api/v1/reports/{id}'].patch.responses['412']).toBeDefined()
    for (const name of ['Report', 'ReportDefinition', 'ReportField', 'Dataset'])
      expect(doc.components.schemas[name], name).toBeDefined()
  })

  it('answers 404 to another workspace on every route, and never counts its records', async () => {
    const owner = await signUp(t.app)
    const stranger = await signUp(t.app)
    const report = await create(owner, { shared: true })
    await as(t.app, owner).post('/api/v1/deals', { title: 'Mine', amountMinor: 100, currency: 'ETB' })
    await put(owner, `/api/v1/reports/${report.id}/pin`)
    const s = as(t.app, stranger)
    const url = `/api/v1/reports/${report.id}`
    const answers = [
      await s.get(url),
      await s.patch(url, { name: 'x' }, { 'if-match': '"1"' }),
      await s.delete(url),
      await s.get(`${url}/result`),
      await s.get(`${url}/result.csv`),
      await put(stranger, `${url}/pin`),
      await s.delete(`${url}/pin`),
    ]
    expect(answers.map((r) => r.statusCode)).toEqual([404, 404, 404, 404, 404, 404, 404])
    expect(await names(stranger)).toEqual([])
    expect(await names(stranger, '/api/v1/dashboard/pins')).toEqual([])
    const run = await s.post('/api/v1/reports/run', {
      definition: { object: 'deal', measure: { fn: 'count' } },
    })
    expect(run.json().rows).toEqual([
      { keys: [], labels: [], value: 0, drill: { object: 'deal', filters: [] } },
    ])
    expect((await as(t.app, owner).get(url)).statusCode).toBe(200)
  })
})
