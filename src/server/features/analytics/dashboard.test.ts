import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { as, createTestApp, signUp, type TestApp } from '../../test/harness.ts'
import { BUILT_IN } from '../filters/fields.ts'
import { buildFixture, type Fixture, insertActivity, put } from './analytics.fixture.ts'

// Every figure below is worked out by hand from the dataset described in analytics.fixture.ts.
let t: TestApp
let f: Fixture
beforeAll(async () => {
  t = await createTestApp()
  f = await buildFixture(t)
  const { a, b } = f
  // Activities (UTC → Addis day, week starting Monday):
  await insertActivity(t, f, { type: 'call', occurredAt: '2026-03-02T08:00:00Z', createdBy: a.userId }) // wk 03-02
  await insertActivity(t, f, { type: 'call', occurredAt: '2026-03-03T08:00:00Z', createdBy: a.userId }) // wk 03-02
  await insertActivity(t, f, { type: 'note', occurredAt: '2026-02-28T22:00:00Z', createdBy: b.userId }) // Sun Mar 1 → wk 02-23
  await insertActivity(t, f, { type: 'meeting', occurredAt: '2026-03-10T08:00:00Z', createdBy: a.userId }) // wk 03-09
  await insertActivity(t, f, {
    type: 'task',
    occurredAt: '2026-03-11T08:00:00Z',
    dueAt: '2026-03-12T08:00:00Z',
    createdBy: a.userId,
    assignee: b.userId,
    done: true,
  }) // wk 03-09, owner B (the assignee)
  await insertActivity(t, f, { type: 'note', occurredAt: '2026-03-31T20:00:00Z', createdBy: a.userId }) // Mar 31 23:00 → wk 03-30
  await insertActivity(t, f, { type: 'call', occurredAt: '2026-03-31T21:00:00Z', createdBy: a.userId }) // Apr 1: outside
  await insertActivity(t, f, {
    type: 'call',
    occurredAt: '2026-03-05T08:00:00Z',
    createdBy: a.userId,
    deleted: true,
  })
  await insertActivity(t, f, { type: 'note', occurredAt: '2026-03-20T08:00:00Z', createdBy: null }) // wk 03-16, no owner
  // Tasks for "overdue" (occurred long before the period):
  const task = (assignee: string, dueAt: string, more: { done?: boolean; deleted?: boolean } = {}) =>
    insertActivity(t, f, {
      type: 'task',
      occurredAt: '2025-12-01T08:00:00Z',
      createdBy: a.userId,
      assignee,
      dueAt,
      ...more,
    })
  await task(a.userId, '2020-01-01T08:00:00Z') // overdue
  await task(b.userId, '2020-01-01T08:00:00Z') // overdue
  await task(a.userId, '2020-01-01T08:00:00Z', { done: true })
  await task(a.userId, '2099-01-01T08:00:00Z')
  await task(a.userId, '2020-01-01T08:00:00Z', { deleted: true })
})
afterAll(() => t.close())

const MARCH = 'from=2026-03-01&to=2026-03-31'
type Kpi = {
  key: string
  value: number | null
  previous: number | null
  notConverted: unknown[]
  drill: unknown
}
async function kpis(query: string, user = f.a) {
  const res = await as(t.app, user).get(`/api/v1/dashboard/kpis?${query}`)
  expect(res.statusCode, res.body).toBe(200)
  const body = res.json()
  return { body, by: Object.fromEntries(body.kpis.map((k: Kpi) => [k.key, k])) as Record<string, Kpi> }
}
const figures = (by: Record<string, Kpi>) =>
  Object.fromEntries(Object.entries(by).map(([k, v]) => [k, [v.value, v.previous]]))
async function chart(name: string, query: string, user = f.a) {
  const res = await as(t.app, user).get(`/api/v1/dashboard/charts/${name}?${query}`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json()
}

describe('dashboard KPIs', () => {
  it('computes every KPI of the period and the previous one', async () => {
    const { body, by } = await kpis(MARCH)
    expect(body).toMatchObject({
      from: '2026-03-01',
      to: '2026-03-31',
      previousFrom: '2026-01-29', // 31 days: Jan 29–31 (3) + Feb (28)
      previousTo: '2026-02-28',
      currency: 'ETB',
    })
    expect(body.kpis.map((k: Kpi) => k.key)).toEqual([
      'newPeople',
      'newDeals',
      'dealsWonCount',
      'dealsWonValue',
      'winRate',
      'avgDealSize',
      'avgSalesCycleDays',
      'openPipelineValue',
      'weightedForecast',
      'overdueTasks',
    ])
    expect(figures(by)).toEqual({
      newPeople: [3, 2], // P1 P2 P3 (P4 deleted) | P5 P6
      newDeals: [8, 3], // D2 D3 D4 D8 D10 D11 D12 D14 (D13 deleted) | D1 D5 D9
      dealsWonCount: [4, 1], // D1 D2 D3 D12 (D14 closes Apr 1 in Addis) | D5
      // 10,000,000 + 100,000 USD × 150 = 15,000,000 + 6,000,000 (KES 5,000,000 has no rate) | D5
      dealsWonValue: [31_000_000, 4_000_000],
      winRate: [0.8, 1 / 3], // 4 / (4 + D4) | 1 / (1 + D6 + D7)
      avgDealSize: [10_333_333, 4_000_000], // 31,000,000 / 3 convertible deals, rounded | 4,000,000 / 1
      avgSalesCycleDays: [22, 18], // (30 + 10 + 20 + 28) / 4 | D5 18
      // D8 8,000,000 + D9 200,000 USD → 30,000,000 + D11 5,000,000 + D15 1,000,000 (KES D10 left out)
      openPipelineValue: [44_000_000, null],
      // 8,000,000×.75 + 30,000,000×.5 + 5,000,000×.6 + 1,000,000×.25 = 6,000,000+15,000,000+3,000,000+250,000
      weightedForecast: [24_250_000, null],
      overdueTasks: [2, null], // the two open tasks due in 2020 (done, future and deleted ones left out)
    })
    expect(by.dealsWonValue!.notConverted).toEqual([{ currency: 'KES', amountMinor: 5_000_000 }])
    expect(by.openPipelineValue!.notConverted).toEqual([{ currency: 'KES', amountMinor: 1_000_000 }])
    expect(by.weightedForecast!.notConverted).toEqual([{ currency: 'KES', amountMinor: 100_000 }]) // 1,000,000 × 10%
    expect(by.newPeople!.notConverted).toEqual([])
    expect(by.dealsWonCount!.drill).toEqual({
      object: 'deal',
      filters: [
        { field: 'status', op: 'eq', value: 'won' },
        { field: 'closedAt', op: 'between', value: ['2026-03-01', '2026-03-31'] },
      ],
    })
    expect(by.overdueTasks!.drill).toMatchObject({ object: 'activity' })
  })

  it('filters by owner (me) and by pipeline', async () => {
    const mine = await kpis(`${MARCH}&ownerId=me`)
    expect(figures(mine.by)).toEqual({
      newPeople: [2, 1], // P1 P3 | P5
      newDeals: [5, 2], // D3 D4 D8 D10 D14 | D1 D5
      dealsWonCount: [2, 1], // D1 D3 | D5
      dealsWonValue: [10_000_000, 4_000_000], // D1 (D3 is KES)
      winRate: [2 / 3, 1], // 2 / (2 + D4) | 1 / 1
      avgDealSize: [10_000_000, 4_000_000],
      avgSalesCycleDays: [25, 18], // (30 + 20) / 2
      openPipelineValue: [8_000_000, null], // D8 (D10 KES)
      weightedForecast: [6_000_000, null], // 8,000,000 × .75
      overdueTasks: [1, null],
    })
    expect(mine.by.newDeals!.drill).toEqual({
      object: 'deal',
      filters: [
        { field: 'createdAt', op: 'between', value: ['2026-03-01', '2026-03-31'] },
        { field: 'owner', op: 'me' },
      ],
    })
    // The same owner by id, seen by the member B.
    const byId = await kpis(`${MARCH}&ownerId=${f.a.userId}`, f.b)
    expect(byId.by.newDeals!.value).toBe(5)
    expect(byId.by.newDeals!.drill).toMatchObject({
      filters: [{}, { field: 'owner', op: 'eq', value: f.a.userId }],
    })

    const projects = await kpis(`${MARCH}&pipelineId=${f.projects.id}`)
    expect(figures(projects.by)).toEqual({
      newPeople: [3, 2], // the pipeline filter is for deals only
      newDeals: [2, 0], // D11 D12
      dealsWonCount: [1, 0], // D12
      dealsWonValue: [6_000_000, 0],
      winRate: [1, null], // nothing closed before
      avgDealSize: [6_000_000, null],
      avgSalesCycleDays: [28, null],
      openPipelineValue: [5_000_000, null], // D11
      weightedForecast: [3_000_000, null], // 5,000,000 × .6
      overdueTasks: [2, null],
    })
    expect(projects.by.openPipelineValue!.drill).toEqual({
      object: 'deal',
      filters: [
        { field: 'status', op: 'eq', value: 'open' },
        { field: 'pipeline', op: 'eq', value: f.projects.id },
      ],
    })
  })

  it('leaves money without a rate out, never adds it raw', async () => {
    const res = await as(t.app, f.a).delete('/api/v1/exchange-rates/USD')
    expect(res.statusCode).toBe(204)
    try {
      const { by } = await kpis(MARCH)
      // 10,000,000 + 6,000,000; USD 100,000 and KES 5,000,000 listed apart.
      expect(by.dealsWonValue!.value).toBe(16_000_000)
      expect(by.dealsWonValue!.notConverted).toEqual([
        { currency: 'KES', amountMinor: 5_000_000 },
        { currency: 'USD', amountMinor: 100_000 },
      ])
      expect(by.avgDealSize!.value).toBe(8_000_000) // 16,000,000 / 2 ETB deals
      expect(by.openPipelineValue!.value).toBe(14_000_000) // 8,000,000 + 5,000,000 + 1,000,000
    } finally {
      expect((await put(t, f.a, '/api/v1/exchange-rates/USD', { rate: 150 })).statusCode).toBe(200)
    }
  })

  it('checks the query', async () => {
    const bad = async (query: string, field: string) => {
      const res = await as(t.app, f.a).get(`/api/v1/dashboard/kpis?${query}`)
      expect(res.statusCode, res.body).toBe(400)
      expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual([field])
    }
    await bad('from=2026-03-31&to=2026-03-01', 'to')
    await bad('from=2026-3-1', 'from')
    await bad('pipelineId=nope', 'pipelineId')
    await bad('from=2020-01-01&to=2026-01-01', 'to')
    await bad('from=2001-01-01', 'from') // to defaults to today: far too long
    const chartRes = await as(t.app, f.a).get('/api/v1/dashboard/charts/nope')
    expect(chartRes.statusCode).toBe(400)
    expect(chartRes.json().errors[0].field).toBe('chart')
    // Default period: the 1st of this month to today.
    const { body } = await kpis('')
    expect(body.from).toBe(`${f.thisMonth}-01`)
    expect(body.to.slice(0, 7)).toBe(f.thisMonth)
  })
})

describe('dashboard charts', () => {
  it('pipeline funnel: open value per open stage, in stage order', async () => {
    const ds = await chart('pipeline-funnel', MARCH)
    expect(ds).toMatchObject({ unit: 'money', currency: 'ETB', dimensions: [{ key: 'stage', bucket: null }] })
    expect(ds.rows.map((r: { labels: string[]; value: number }) => [r.labels[0], r.value])).toEqual([
      ['Lead', 0], // D10 is KES (D13 deleted)
      ['Qualified', 1_000_000], // D15
      ['Proposal', 30_000_000], // D9 200,000 USD × 150
      ['Negotiation', 8_000_000], // D8
    ])
    expect(ds.notConverted).toEqual([{ currency: 'KES', amountMinor: 1_000_000 }])
    expect(ds.rows[1].drill).toEqual({
      object: 'deal',
      filters: [
        { field: 'stage', op: 'eq', value: f.sales.stages[1]!.id },
        { field: 'status', op: 'eq', value: 'open' },
      ],
    })
    const projects = await chart('pipeline-funnel', `${MARCH}&pipelineId=${f.projects.id}`)
    expect(projects.rows.map((r: { labels: string[]; value: number }) => [r.labels[0], r.value])).toEqual([
      ['Scoping', 0],
      ['Build', 5_000_000], // D11
    ])
  })

  it('won by month, empty months included', async () => {
    const ds = await chart('won-by-month', 'from=2026-01-01&to=2026-03-31')
    expect(ds.dimensions).toEqual([{ key: 'closedAt', bucket: 'month' }])
    expect(ds.rows.map((r: { keys: string[]; value: number }) => [r.keys[0], r.value])).toEqual([
      ['2026-01', 0],
      ['2026-02', 4_000_000], // D5
      ['2026-03', 31_000_000], // D1 + D2 + D12 (D3 KES, D14 is April in Addis)
    ])
    expect(ds.notConverted).toEqual([{ currency: 'KES', amountMinor: 5_000_000 }])
    expect(ds.rows[0].drill.filters).toEqual([
      { field: 'status', op: 'eq', value: 'won' },
      { field: 'closedAt', op: 'between', value: ['2026-01-01', '2026-01-31'] },
    ])
    const mine = await chart('won-by-month', `${MARCH}&ownerId=me`)
    expect(mine.rows.map((r: { value: number }) => r.value)).toEqual([10_000_000]) // D1
  })

  it('deals by owner: open pipeline value per owner, largest first, no owner last', async () => {
    const ds = await chart('deals-by-owner', MARCH)
    expect(
      ds.rows.map((r: { keys: string[]; labels: string[]; value: number }) => [r.keys[0], r.value]),
    ).toEqual([
      [f.b.userId, 35_000_000], // D9 30,000,000 + D11 5,000,000
      [f.a.userId, 8_000_000], // D8 (D10 KES)
      [null, 1_000_000], // D15
    ])
    expect(ds.rows[0].labels).toEqual(['Abebe Bikila'])
    expect(ds.rows[2].drill.filters).toEqual([
      { field: 'status', op: 'eq', value: 'open' },
      { field: 'owner', op: 'empty' },
    ])
  })

  it('activities by week, type and owner (assignee, else creator)', async () => {
    const ds = await chart('activities', MARCH)
    expect(ds.dimensions).toEqual([
      { key: 'occurredAt', bucket: 'week' },
      { key: 'type', bucket: null },
      { key: 'owner', bucket: null },
    ])
    expect(ds.rows.map((r: { keys: string[]; value: number }) => [...r.keys, r.value])).toEqual([
      ['2026-02-23', 'note', f.b.userId, 1], // Sunday Mar 1 in Addis
      ['2026-03-02', 'call', f.a.userId, 2],
      ['2026-03-09', 'meeting', f.a.userId, 1],
      ['2026-03-09', 'task', f.b.userId, 1], // assignee B, logged by A
      ['2026-03-16', 'note', null, 1],
      ['2026-03-30', 'note', f.a.userId, 1], // Mar 31 23:00 Addis (the Apr 1 call is out)
    ])
    expect(ds.rows[0].drill).toEqual({
      object: 'activity',
      filters: [
        { field: 'occurredAt', op: 'between', value: ['2026-03-01', '2026-03-01'] },
        { field: 'type', op: 'eq', value: 'note' },
        { field: 'createdBy', op: 'eq', value: f.b.userId },
      ],
    })
    expect(ds.rows[3].drill.filters[2]).toEqual({ field: 'assignee', op: 'eq', value: f.b.userId })
    const byMonth = await chart('activities', 'from=2026-01-01&to=2026-06-30&ownerId=me')
    expect(byMonth.dimensions[0]).toEqual({ key: 'occurredAt', bucket: 'month' })
    expect(byMonth.rows.map((r: { keys: string[]; value: number }) => [...r.keys, r.value])).toEqual([
      ['2026-03', 'call', f.a.userId, 2],
      ['2026-03', 'meeting', f.a.userId, 1],
      ['2026-03', 'note', f.a.userId, 1],
      ['2026-04', 'call', f.a.userId, 1], // Mar 31 21:00Z is April 1 in Addis
    ])
  })

  it('lead sources of the period and people per city', async () => {
    const sourceDrill = BUILT_IN.person.some((x) => x.key === 'source')
    const ds = await chart('lead-sources', MARCH)
    expect(ds.rows.map((r: { keys: string[]; value: number }) => [r.keys[0], r.value])).toEqual([
      ['referral', 2], // P1 P2
      [null, 1], // P3
    ])
    expect(ds.rows[0].drill).toEqual(
      sourceDrill
        ? {
            object: 'person',
            filters: [
              { field: 'createdAt', op: 'between', value: ['2026-03-01', '2026-03-31'] },
              { field: 'source', op: 'eq', value: 'referral' },
            ],
          }
        : null,
    )
    const cities = await chart('cities', MARCH)
    expect(cities.rows.map((r: { keys: string[]; value: number }) => [r.keys[0], r.value])).toEqual([
      ['Addis Ababa', 2], // P1 P2 (P4 deleted)
      ['Nairobi', 2], // P3 P5
      ['Hawassa', 1], // P7
    ])
    expect(cities.truncated).toBe(false)
    const mine = await chart('cities', 'ownerId=me')
    expect(mine.rows.map((r: { keys: string[]; value: number }) => [r.keys[0], r.value])).toEqual([
      ['Nairobi', 2],
      ['Addis Ababa', 1],
      ['Hawassa', 1],
    ])
  })
})

describe('drill-downs', () => {
  const LIST = { person: 'people', deal: 'deals', activity: 'activities', company: 'companies' } as const
  type Drill = { object: keyof typeof LIST; filters: unknown[] }
  const listCount = async (drill: Drill) => {
    const url = `/api/v1/${LIST[drill.object]}/count?filters=${encodeURIComponent(JSON.stringify(drill.filters))}`
    const res = await as(t.app, f.a).get(url)
    expect(res.statusCode, res.body).toBe(200)
    return res.json().count
  }

  it('open lists whose counts match the figures', async () => {
    const { by } = await kpis(MARCH)
    const counts: Record<string, number> = {}
    for (const key of [
      'newPeople',
      'newDeals',
      'dealsWonCount',
      'winRate',
      'openPipelineValue',
      'overdueTasks',
    ]) {
      counts[key] = await listCount(by[key]!.drill as Drill)
    }
    expect(counts).toEqual({
      newPeople: 3,
      newDeals: 8,
      dealsWonCount: 4,
      winRate: 5, // 4 won + 1 lost
      openPipelineValue: 5, // D8 D9 D10 D11 D15
      overdueTasks: 2,
    })
    const funnel = await chart('pipeline-funnel', MARCH)
    const perStage = []
    for (const row of funnel.rows) perStage.push(await listCount(row.drill))
    expect(perStage).toEqual([1, 1, 1, 1]) // D10, D15, D9, D8
    const months = await chart('won-by-month', 'from=2026-01-01&to=2026-03-31')
    const perMonth = []
    for (const row of months.rows) perMonth.push(await listCount(row.drill))
    expect(perMonth).toEqual([0, 1, 4])
    const owners = await chart('deals-by-owner', MARCH)
    const perOwner = []
    for (const row of owners.rows) perOwner.push(await listCount(row.drill))
    expect(perOwner).toEqual([2, 2, 1]) // B: D9 D11, A: D8 D10, none: D15
    const activities = await chart('activities', MARCH)
    const perRow = []
    for (const row of activities.rows) perRow.push(await listCount(row.drill))
    expect(perRow).toEqual(activities.rows.map((r: { value: number }) => r.value))
    // People by source and city, where the people list can filter them.
    for (const name of ['lead-sources', 'cities']) {
      const ds = await chart(name, MARCH)
      for (const row of ds.rows) {
        if (row.drill) expect(await listCount(row.drill), `${name} ${row.keys[0]}`).toBe(row.value)
      }
    }
  })
})

describe('dashboard isolation', () => {
  it('shows another workspace none of the data and 404s its ids', async () => {
    const other = await signUp(t.app)
    const { by } = await kpis(MARCH, other)
    expect(
      Object.values(figures(by))
        .flat()
        .filter((v) => v !== null && v !== 0),
    ).toEqual([])
    for (const name of ['won-by-month', 'deals-by-owner', 'activities', 'lead-sources', 'cities']) {
      const ds = await chart(name, MARCH, other)
      expect(
        ds.rows.filter((r: { value: number }) => r.value !== 0),
        name,
      ).toEqual([])
    }
    for (const url of [
      `/api/v1/dashboard/kpis?pipelineId=${f.sales.id}`,
      `/api/v1/dashboard/charts/pipeline-funnel?pipelineId=${f.projects.id}`,
      `/api/v1/dashboard/kpis?ownerId=${f.a.userId}`,
      `/api/v1/dashboard/charts/cities?ownerId=${f.b.userId}`,
    ]) {
      expect((await as(t.app, other).get(url)).statusCode, url).toBe(404)
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/dashboard/kpis' })).statusCode).toBe(401)
  })
})
