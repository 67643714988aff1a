import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addMember, as, createTestApp, signUp, type TestApp, type User } from '../../test/harness.ts'
import { buildFixture, type Fixture, put } from './analytics.fixture.ts'

// Forecast, targets and exchange rates over the dataset of analytics.fixture.ts.
let t: TestApp
let f: Fixture
let viewer: User
let member: User
beforeAll(async () => {
  t = await createTestApp()
  f = await buildFixture(t)
  viewer = await addMember(t.app, f.a, 'viewer')
  member = f.b
})
afterAll(() => t.close())

const errorFields = (body: string) => JSON.parse(body).errors.map((e: { field: string }) => e.field)
type Owner = {
  ownerId: string | null
  openValue: number
  weightedValue: number
  wonValue: number
  targetMinor: number | null
}
const byOwner = (owners: Owner[]) =>
  Object.fromEntries(
    owners.map((o) => [o.ownerId ?? 'none', [o.openValue, o.weightedValue, o.wonValue, o.targetMinor]]),
  )

describe('sales targets', () => {
  it('admins set and remove targets; members and viewers read them', async () => {
    const set = await put(t, f.a, '/api/v1/targets', {
      userId: f.a.userId,
      month: f.thisMonth,
      amountMinor: 5_000_000,
    })
    expect(set.statusCode, set.body).toBe(200)
    expect(set.json()).toEqual({ userId: f.a.userId, month: f.thisMonth, amountMinor: 5_000_000 })
    await put(t, f.a, '/api/v1/targets', { userId: f.b.userId, month: f.nextMonth, amountMinor: 9 })
    // Setting again replaces.
    await put(t, f.a, '/api/v1/targets', { userId: f.b.userId, month: f.nextMonth, amountMinor: 7_000_000 })
    await put(t, f.a, '/api/v1/targets', { userId: f.b.userId, month: '2019-05', amountMinor: 1 })
    expect(
      (await put(t, f.a, '/api/v1/targets', { userId: f.b.userId, month: '2019-05', amountMinor: 0 })).json(),
    ).toEqual({ userId: f.b.userId, month: '2019-05', amountMinor: 0 })
    const year = f.thisMonth.slice(0, 4)
    const listed = await as(t.app, viewer).get(`/api/v1/targets?year=${year}`)
    expect(listed.statusCode).toBe(200)
    const expected = [{ userId: f.a.userId, month: f.thisMonth, amountMinor: 5_000_000 }]
    if (f.nextMonth.startsWith(year))
      expected.push({ userId: f.b.userId, month: f.nextMonth, amountMinor: 7_000_000 })
    expect(listed.json().data).toEqual(expected)
    expect((await as(t.app, f.a).get('/api/v1/targets?year=2019')).json().data).toEqual([]) // 0 removed it

    for (const user of [viewer, member]) {
      const denied = await put(t, user, '/api/v1/targets', {
        userId: f.a.userId,
        month: f.thisMonth,
        amountMinor: 1,
      })
      expect(denied.statusCode).toBe(403)
    }
  })

  it('names the bad field', async () => {
    const other = await signUp(t.app)
    const bad = async (body: Record<string, unknown>, field: string) => {
      const res = await put(t, f.a, '/api/v1/targets', {
        userId: f.a.userId,
        month: '2026-01',
        amountMinor: 1,
        ...body,
      })
      expect(res.statusCode, res.body).toBe(400)
      expect(errorFields(res.body)).toEqual([field])
    }
    await bad({ month: '2026-13' }, 'month')
    await bad({ month: '2026-1' }, 'month')
    await bad({ amountMinor: -1 }, 'amountMinor')
    await bad({ amountMinor: 1.5 }, 'amountMinor')
    await bad({ userId: other.userId }, 'userId') // not a member of this workspace
    const year = await as(t.app, f.a).get('/api/v1/targets?year=abc')
    expect(year.statusCode).toBe(400)
  })
})

describe('forecast', () => {
  it('open deals by expected close month × stage probability, won and targets per owner', async () => {
    await put(t, f.a, '/api/v1/targets', { userId: f.a.userId, month: f.thisMonth, amountMinor: 5_000_000 })
    await put(t, f.a, '/api/v1/targets', { userId: f.b.userId, month: f.nextMonth, amountMinor: 7_000_000 })
    const res = await as(t.app, member).get('/api/v1/forecast?months=3')
    expect(res.statusCode, res.body).toBe(200)
    const body = res.json()
    expect(body.currency).toBe('ETB')
    expect(body.months.map((m: { month: string }) => m.month)).toEqual([
      f.thisMonth,
      f.nextMonth,
      expect.any(String),
    ])
    const [m0, m1, m2] = body.months
    // [open, weighted, won, target]
    expect(byOwner(m0.owners)).toEqual({
      // D16 won now: 2,000,000; D10 open KES 1,000,000 has no rate (notConverted).
      [f.a.userId]: [0, 0, 2_000_000, 5_000_000],
      // D9 200,000 USD × 150 = 30,000,000 (×.5 = 15,000,000) + D11 5,000,000 (×.6 = 3,000,000)
      [f.b.userId]: [35_000_000, 18_000_000, 0, null],
    })
    expect(m0.notConverted).toEqual([{ currency: 'KES', amountMinor: 1_000_000 }])
    expect(byOwner(m1.owners)).toEqual({
      [f.a.userId]: [8_000_000, 6_000_000, 0, null], // D8 × .75
      [f.b.userId]: [0, 0, 0, 7_000_000],
    })
    expect(m0.owners.find((o: Owner) => o.ownerId === f.a.userId).ownerName).toBe('Abebe Bikila')
    expect(m2).toEqual({ month: m2.month, owners: [], notConverted: [] })

    const projects = (
      await as(t.app, f.a).get(`/api/v1/forecast?months=1&pipelineId=${f.projects.id}&ownerId=${f.b.userId}`)
    ).json()
    expect(byOwner(projects.months[0].owners)).toEqual({ [f.b.userId]: [5_000_000, 3_000_000, 0, null] }) // D11
    const mine = (await as(t.app, f.a).get('/api/v1/forecast?months=1&ownerId=me')).json()
    expect(byOwner(mine.months[0].owners)).toEqual({ [f.a.userId]: [0, 0, 2_000_000, 5_000_000] })
    expect((await as(t.app, f.a).get('/api/v1/forecast?months=25')).statusCode).toBe(400)
  })
})

describe('exchange rates', () => {
  it('admins set, list and delete rates; the base currency and bad codes are refused', async () => {
    const list = await as(t.app, viewer).get('/api/v1/exchange-rates')
    expect(list.statusCode).toBe(200)
    expect(list.json()).toEqual({
      base: 'ETB',
      data: [{ currency: 'USD', rate: 150, updatedAt: expect.any(String) }],
    })
    const kes = await put(t, f.a, '/api/v1/exchange-rates/kes', { rate: 1.1625 })
    expect(kes.statusCode, kes.body).toBe(200)
    expect(kes.json()).toMatchObject({ currency: 'KES', rate: 1.1625 })
    const again = await put(t, f.a, '/api/v1/exchange-rates/KES', { rate: 1.2 })
    expect(again.json().rate).toBe(1.2)
    expect(
      (await as(t.app, f.a).get('/api/v1/exchange-rates'))
        .json()
        .data.map((r: { currency: string }) => r.currency),
    ).toEqual(['KES', 'USD'])
    // With KES at 1.2 the KES money converts: D3 5,000,000 KES cents = 50,000 KES × 1.2 = 60,000 ETB.
    const kpis = (await as(t.app, f.a).get('/api/v1/dashboard/kpis?from=2026-03-01&to=2026-03-31')).json()
    const won = kpis.kpis.find((k: { key: string }) => k.key === 'dealsWonValue')
    expect(won).toMatchObject({ value: 31_000_000 + 6_000_000, notConverted: [] })

    const bad = async (currency: string, body: unknown, field: string) => {
      const res = await put(t, f.a, `/api/v1/exchange-rates/${currency}`, body)
      expect(res.statusCode, res.body).toBe(400)
      expect(errorFields(res.body)).toEqual([field])
    }
    await bad('ETB', { rate: 1 }, 'currency') // the workspace currency
    await bad('XYZ', { rate: 1 }, 'currency') // not ISO 4217
    await bad('US', { rate: 1 }, 'currency')
    await bad('USD', { rate: 0 }, 'rate')
    await bad('USD', { rate: -2 }, 'rate')
    await bad('USD', { rate: 'x' }, 'rate')

    for (const user of [viewer, member]) {
      expect((await put(t, user, '/api/v1/exchange-rates/USD', { rate: 2 })).statusCode).toBe(403)
      expect((await as(t.app, user).delete('/api/v1/exchange-rates/USD')).statusCode).toBe(403)
    }
    expect((await as(t.app, f.a).delete('/api/v1/exchange-rates/KES')).statusCode).toBe(204)
    expect((await as(t.app, f.a).delete('/api/v1/exchange-rates/KES')).statusCode).toBe(404)
  })
})

describe('OpenAPI', () => {
  it('documents the analytics routes', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' })
    expect(res.statusCode).toBe(200)
    expect(Object.keys(res.json().paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/dashboard/kpis',
        '/api/v1/dashboard/charts/{chart}',
        '/api/v1/forecast',
        '/api/v1/targets',
        '/api/v1/exchange-rates/{currency}',
      ]),
    )
  })
})

describe('isolation', () => {
  it('another workspace sees none of the targets, rates or forecast and gets 404 for ids', async () => {
    const other = await signUp(t.app)
    expect(
      (await as(t.app, other).get(`/api/v1/targets?year=${f.thisMonth.slice(0, 4)}`)).json().data,
    ).toEqual([])
    expect((await as(t.app, other).get('/api/v1/exchange-rates')).json()).toEqual({ base: 'ETB', data: [] })
    expect((await as(t.app, other).delete('/api/v1/exchange-rates/USD')).statusCode).toBe(404)
    const forecast = (await as(t.app, other).get('/api/v1/forecast?months=2')).json()
    expect(forecast.months.flatMap((m: { owners: unknown[] }) => m.owners)).toEqual([])
    expect((await as(t.app, other).get(`/api/v1/forecast?pipelineId=${f.sales.id}`)).statusCode).toBe(404)
    expect((await as(t.app, other).get(`/api/v1/forecast?ownerId=${f.a.userId}`)).statusCode).toBe(404)
    const target = await put(t, other, '/api/v1/targets', {
      userId: f.a.userId,
      month: f.thisMonth,
      amountMinor: 1,
    })
    expect(target.statusCode).toBe(400)
    expect(errorFields(target.body)).toEqual(['userId'])
    // Their own rate does not touch ours.
    expect((await put(t, other, '/api/v1/exchange-rates/USD', { rate: 99 })).statusCode).toBe(200)
    const ours = (await as(t.app, f.a).get('/api/v1/exchange-rates')).json().data
    expect(ours.find((r: { currency: string }) => r.currency === 'USD').rate).toBe(150)
    for (const url of ['/api/v1/forecast', '/api/v1/targets?year=2026', '/api/v1/exchange-rates']) {
      expect((await t.app.inject({ method: 'GET', url })).statusCode, url).toBe(401)
    }
  })
})
