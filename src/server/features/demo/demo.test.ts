import { and, count, eq, isNull, max, min } from 'drizzle-orm'
import { parsePhoneNumberFromString } from 'libphonenumber-js/max'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { activities, deals, people, personPhones, pipelines } from '../../db/schema/index.ts'
import { addMember, as, createTestApp, signUp, type TestApp } from '../../test/harness.ts'
import { CITIES } from './seed-data.ts'
import { TOWNS } from './seed-origin.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

const countOf = async (
  table: typeof people | typeof deals | typeof activities | typeof pipelines,
  ws: string,
) => {
  const [row] = await t.database.db.select({ n: count() }).from(table).where(eq(table.workspaceId, ws))
  return Number(row?.n)
}

describe('demo data', () => {
  it('fills an empty workspace with East African data in one go, and refuses a second time', async () => {
    const owner = await signUp(t.app)
    const started = Date.now()
    const res = await as(t.app, owner).post('/api/v1/demo-data')
    expect(res.statusCode, res.body).toBe(201)
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(res.json()).toEqual({
      people: 200,
      companies: 40,
      pipelines: 1,
      deals: 80,
      activities: 500,
      openTasks: { overdue: 4, today: 3, upcoming: 6 },
    })
    const ws = owner.workspaceId
    expect(await countOf(people, ws)).toBe(200)
    expect(await countOf(deals, ws)).toBe(80)
    expect(await countOf(activities, ws)).toBe(500)
    expect(await countOf(pipelines, ws)).toBe(2)
    const [span] = await t.database.db
      .select({ first: min(activities.occurredAt), last: max(activities.occurredAt) })
      .from(activities)
      .where(eq(activities.workspaceId, ws))
    expect(span!.first!.getTime()).toBeGreaterThan(started - 366 * 86_400_000)
    expect(span!.last!.getTime()).toBeLessThanOrEqual(Date.now())

    // Every phone is a valid mobile number of Ethiopia, Kenya or Tanzania, stored in E.164.
    const phones = await t.database.db
      .select({ e164: personPhones.e164 })
      .from(personPhones)
      .where(eq(personPhones.workspaceId, ws))
    expect(phones.length).toBeGreaterThanOrEqual(200)
    for (const { e164 } of phones) {
      const parsed = parsePhoneNumberFromString(e164)
      expect(parsed?.isValid(), e164).toBe(true)
      expect(parsed?.getType(), e164).toBe('MOBILE')
      expect(['ET', 'KE', 'TZ']).toContain(parsed?.country)
    }
    const o = as(t.app, owner)
    // Ge'ez sorts after Latin, so the end of the name order shows the Amharic names.
    const ethiopians = (await o.get('/api/v1/people?limit=100&sort=-name')).json().data
    expect(ethiopians.some((p: { firstName: string }) => /\p{Script=Ethiopic}/u.test(p.firstName))).toBe(true)

    // The API sees it all: board totals per currency, my task buckets, timelines with activities.
    const [sales, partnerships] = (await o.get('/api/v1/pipelines')).json().data
    expect(partnerships.name).toBe('Partnerships')
    const board = (await o.get(`/api/v1/pipelines/${sales.id}/board`)).json()
    const currencies = new Set(
      board.stages.flatMap((s: { totals: { currency: string }[] }) => s.totals.map((x) => x.currency)),
    )
    expect(currencies.size).toBeGreaterThan(1)
    expect((await o.get('/api/v1/tasks/mine/counts')).json()).toEqual({ overdue: 4, today: 3, upcoming: 6 })
    const [withActivity] = await t.database.db
      .select({ personId: activities.personId })
      .from(activities)
      .where(and(eq(activities.workspaceId, ws), eq(activities.type, 'note'), isNull(activities.dealId)))
      .limit(1)
    const timeline = (await o.get(`/api/v1/people/${withActivity!.personId}/timeline?limit=100`)).json().data
    expect(
      timeline.some((e: { kind: string; activity: unknown }) => e.kind === 'activity' && e.activity),
    ).toBe(true)
    expect(timeline.at(-1).kind).toBe('created')

    const again = await o.post('/api/v1/demo-data')
    expect(again.statusCode).toBe(409)
    expect(again.json().code).toBe('workspace_not_empty')
    expect(await countOf(people, ws)).toBe(200)
  })

  it('is deterministic: the same names in every workspace', async () => {
    const a = await signUp(t.app)
    const b = await signUp(t.app, { locale: 'sw', country: 'TZ' })
    for (const u of [a, b]) expect((await as(t.app, u).post('/api/v1/demo-data')).statusCode).toBe(201)
    const names = async (u: typeof a) =>
      (await as(t.app, u).get('/api/v1/people?limit=100&sort=name'))
        .json()
        .data.map((p: { firstName: string; lastName: string }) => `${p.firstName} ${p.lastName}`)
    expect(await names(a)).toEqual(await names(b))
    // The second pipeline is named in the workspace language.
    expect((await as(t.app, b).get('/api/v1/pipelines')).json().data[1].name).toBe('Ubia')
  })

  it('is for admins and owners only, and not into a workspace that has people', async () => {
    const owner = await signUp(t.app)
    for (const role of ['member', 'viewer'] as const) {
      const user = await addMember(t.app, owner, role)
      expect((await as(t.app, user).post('/api/v1/demo-data')).statusCode).toBe(403)
    }
    await as(t.app, owner).post('/api/v1/people', { firstName: 'Real', lastName: 'Customer' })
    const res = await as(t.app, owner).post('/api/v1/demo-data')
    expect(res.statusCode).toBe(409)
    expect(await countOf(people, owner.workspaceId)).toBe(1)
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/demo-data' })).statusCode).toBe(401)
  })
})

describe('demo people: sources and cities', () => {
  it('gives people known sources and East African towns, skewed like a real customer base', async () => {
    const owner = await signUp(t.app)
    expect((await as(t.app, owner).post('/api/v1/demo-data')).statusCode).toBe(201)
    const rows = await t.database.db
      .select({ source: people.source, city: people.city })
      .from(people)
      .where(eq(people.workspaceId, owner.workspaceId))
    const tally = (key: 'source' | 'city') => {
      const out = new Map<string | null, number>()
      for (const r of rows) out.set(r[key], (out.get(r[key]) ?? 0) + 1)
      return [...out].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])))
    }
    // The same seed gives the same figures in every workspace.
    expect(tally('source')).toEqual([
      ['referral', 58],
      ['social', 34],
      ['walk_in', 34],
      ['phone', 24],
      [null, 14],
      ['website', 12],
      ['event', 10],
      ['advert', 7],
      ['other', 7],
    ])
    const cities = tally('city')
    expect(cities.slice(0, 4)).toEqual([
      ['Nairobi', 31],
      ['Addis Ababa', 30],
      ['Hawassa', 17],
      ['Dar es Salaam', 14],
    ])
    expect(cities.find(([c]) => c === null)).toEqual([null, 9])
    // Every town is one of the towns people live in, or a demo company's city.
    const towns = new Set([
      ...Object.values(TOWNS).flatMap((l) => l.map(([town]) => town)),
      ...Object.values(CITIES).flat(),
    ])
    for (const [city] of cities) if (city !== null) expect(towns, city).toContain(city)
    // The list API filters on them.
    const filters = encodeURIComponent(JSON.stringify([{ field: 'source', op: 'eq', value: 'referral' }]))
    const referred = (await as(t.app, owner).get(`/api/v1/people?limit=100&filters=${filters}`)).json().data
    expect(referred).toHaveLength(58)
    expect(referred.every((p: { source: string }) => p.source === 'referral')).toBe(true)
  })
})
