import { sql } from 'drizzle-orm'
import { uuidv7 } from 'uuidv7'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addMember, as, createTestApp, signUp, type TestApp, type User } from '../../test/harness.ts'
import { rebuildActivityDaily } from '../analytics/activity-daily.ts'
import type { Dataset } from '../analytics/dataset.schema.ts'

// Report figures on a small fixed dataset, checked against hand-computed values.
// The workspace is Ethiopian: currency ETB, time zone Africa/Addis_Ababa (UTC+3).

let t: TestApp
let owner: User // "Abebe Bikila"
let member: User // renamed "Chaltu Member"
let stages: { id: string; name: string }[]
const d: Record<string, string> = {}
const p: Record<string, string> = {}
const tg: Record<string, string> = {}

const exec = (q: ReturnType<typeof sql>) => t.database.db.execute(q)

async function created(res: { statusCode: number; body: string; json(): { id: string } }) {
  expect(res.statusCode, res.body).toBe(201)
  return res.json().id
}

beforeAll(async () => {
  t = await createTestApp()
  owner = await signUp(t.app)
  member = await addMember(t.app, owner, 'member')
  await exec(sql`update users set name = 'Chaltu Member' where id = ${member.userId}`)
  const o = as(t.app, owner)
  stages = (await o.get('/api/v1/pipelines')).json().data[0].stages
  await exec(
    sql`insert into exchange_rates (workspace_id, currency, rate) values (${owner.workspaceId}, 'USD', 57.5)`,
  )
  for (const [key, name] of [
    ['vip', 'VIP'],
    ['hot', 'Hot'],
  ] as const) {
    tg[key] = uuidv7()
    await exec(
      sql`insert into tags (workspace_id, id, name) values (${owner.workspaceId}, ${tg[key]}, ${name})`,
    )
  }
  // Deals: [key, stage index, owner, amount minor, currency, created at (UTC), tags]
  const deals = [
    ['D1', 0, owner, 10000, 'ETB', '2026-01-10T12:00:00Z', [tg.vip]],
    ['D2', 0, member, 25000, 'ETB', '2026-01-20T12:00:00Z', []],
    ['D3', 1, owner, 5000, 'USD', '2026-02-05T12:00:00Z', [tg.vip, tg.hot]],
    // 22:30 UTC on 31 January is 01:30 on 1 February in Addis Ababa: a February deal.
    ['D4', 1, owner, 2000, 'KES', '2026-01-31T22:30:00Z', []],
    ['D5', 0, owner, 20000, 'ETB', '2026-04-15T12:00:00Z', []],
  ] as const
  for (const [key, stage, who, amountMinor, currency, at, tagIds] of deals) {
    d[key] = await created(
      await o.post('/api/v1/deals', {
        title: key,
        stageId: stages[stage]!.id,
        ownerId: who.userId,
        amountMinor,
        currency,
        tagIds: [...tagIds],
      }),
    )
    await exec(sql`update deals set created_at = ${at}::timestamptz where id = ${d[key]}`)
  }
  await exec(sql`insert into custom_fields (workspace_id, id, object, key, type, labels, options) values
    (${owner.workspaceId}, ${uuidv7()}, 'person', 'region', 'select', '{"en":"Region"}'::jsonb,
      '[{"key":"north","labels":{"en":"North"}},{"key":"south","labels":{"en":"South"}}]'::jsonb),
    (${owner.workspaceId}, ${uuidv7()}, 'person', 'score', 'number', '{"en":"Score"}'::jsonb, '[]'::jsonb)`)
  // People: [key, owner, custom values, created at]
  const people = [
    ['P1', owner, { region: 'north', score: 10 }, '2026-01-05T09:00:00Z'],
    ['P2', owner, { region: 'south', score: 20 }, '2026-01-25T09:00:00Z'],
    ['P3', member, { region: 'north', score: 40 }, '2026-02-10T09:00:00Z'],
    ['P4', member, {}, '2026-02-11T09:00:00Z'],
  ] as const
  for (const [key, who, custom, at] of people) {
    p[key] = await created(
      await o.post('/api/v1/people?allowDuplicate=true', { firstName: key, ownerId: who.userId }),
    )
    await exec(sql`update people set custom = ${JSON.stringify(custom)}::jsonb, created_at = ${at}::timestamptz
      where id = ${p[key]}`)
  }
  // Activities of P1: two calls and a note in January, a meeting in February.
  for (const [type, at] of [
    ['call', '2026-01-03T08:00:00Z'],
    ['call', '2026-01-04T08:00:00Z'],
    ['note', '2026-01-10T08:00:00Z'],
    ['meeting', '2026-02-01T08:00:00Z'],
  ] as const) {
    await exec(sql`insert into activities (workspace_id, id, type, person_id, occurred_at, created_by)
      values (${owner.workspaceId}, ${uuidv7()}, ${type}, ${p.P1}, ${at}::timestamptz, ${owner.userId})`)
  }
  await rebuildActivityDaily(t.database.db, owner.workspaceId)
  // Another workspace's deal never counts.
  const stranger = await signUp(t.app)
  await as(t.app, stranger).post('/api/v1/deals', { title: 'Theirs', amountMinor: 999999, currency: 'ETB' })
})
afterAll(() => t.close())

async function run(definition: Record<string, unknown>, user = owner): Promise<Dataset> {
  const res = await as(t.app, user).post('/api/v1/reports/run', { definition })
  expect(res.statusCode, res.body).toBe(200)
  return res.json()
}
const rowsOf = (ds: Dataset) => ds.rows.map((r) => [...r.keys, r.value])

/** The ids the list endpoint answers with a row's drill filters. */
async function drilled(list: string, row: Dataset['rows'][number]) {
  const filters = encodeURIComponent(JSON.stringify(row.drill!.filters))
  const res = await as(t.app, owner).get(`/api/v1/${list}?limit=100&filters=${filters}`)
  expect(res.statusCode, res.body).toBe(200)
  return res
    .json()
    .data.map((r: { id: string }) => r.id)
    .sort()
}
const ids = (...keys: string[]) => keys.map((k) => d[k] ?? p[k]).sort()

describe('running reports', () => {
  it('groups deals by stage × owner and sums amounts across currencies with a rate', async () => {
    const ds = await run({
      object: 'deal',
      groupBy: [{ field: 'stage' }, { field: 'owner' }],
      measure: { fn: 'sum', field: 'amount' },
    })
    expect(ds).toMatchObject({ unit: 'money', currency: 'ETB', truncated: false })
    expect(ds.dimensions).toEqual([
      { key: 'stage', bucket: null },
      { key: 'owner', bucket: null },
    ])
    // stage 1 × owner: D3 50.00 USD × 57.5 = 2875.00 ETB = 287500; D4 (KES, no rate) left out.
    // stage 0 × owner: D1 10000 + D5 20000 = 30000.  stage 0 × member: D2 25000.
    expect(rowsOf(ds)).toEqual([
      [stages[1]!.id, owner.userId, 287500],
      [stages[0]!.id, owner.userId, 30000],
      [stages[0]!.id, member.userId, 25000],
    ])
    expect(ds.rows.map((r) => r.labels)).toEqual([
      [stages[1]!.name, 'Abebe Bikila'],
      [stages[0]!.name, 'Abebe Bikila'],
      [stages[0]!.name, 'Chaltu Member'],
    ])
    expect(ds.notConverted).toEqual([{ currency: 'KES', amountMinor: 2000 }])
    // The drill of each group opens exactly its deals (D4 is in stage 1 × owner too).
    expect(await drilled('deals', ds.rows[0]!)).toEqual(ids('D3', 'D4'))
    expect(await drilled('deals', ds.rows[1]!)).toEqual(ids('D1', 'D5'))
    expect(await drilled('deals', ds.rows[2]!)).toEqual(ids('D2'))
  })

  it('averages, minimums and maximums converted amounts', async () => {
    const by = async (fn: string) =>
      rowsOf(await run({ object: 'deal', groupBy: [{ field: 'stage' }], measure: { fn, field: 'amount' } }))
    // stage 0: D1 10000, D2 25000, D5 20000 → avg 55000 / 3 = 18333.3 → 18333; stage 1: only D3 287500.
    expect(await by('avg')).toEqual([
      [stages[1]!.id, 287500],
      [stages[0]!.id, 18333],
    ])
    expect(await by('min')).toEqual([
      [stages[1]!.id, 287500],
      [stages[0]!.id, 10000],
    ])
    expect(await by('max')).toEqual([
      [stages[1]!.id, 287500],
      [stages[0]!.id, 25000],
    ])
    // No grouping: one total. 10000 + 25000 + 287500 + 20000 = 342500.
    const total = await run({ object: 'deal', measure: { fn: 'sum', field: 'amount' } })
    expect(rowsOf(total)).toEqual([[342500]])
    expect(total.rows[0]!.drill).toEqual({ object: 'deal', filters: [] })
  })

  it('buckets dates by month, week and quarter in the workspace time zone, ascending', async () => {
    const by = async (bucket: string) =>
      run({ object: 'deal', groupBy: [{ field: 'createdAt', bucket }], measure: { fn: 'count' } })
    const month = await by('month')
    // January: D1, D2; February: D3 and D4 (01:30 on 1 Feb local); April: D5.
    expect(rowsOf(month)).toEqual([
      ['2026-01', 2],
      ['2026-02', 2],
      ['2026-04', 1],
    ])
    expect(month.rows[1]!.drill!.filters).toEqual([
      { field: 'createdAt', op: 'between', value: ['2026-02-01', '2026-02-28'] },
    ])
    expect(await drilled('deals', month.rows[1]!)).toEqual(ids('D3', 'D4'))
    // Weeks start on Monday: Sat 10 Jan → 5 Jan; Tue 20 Jan → 19 Jan; Sun 1 Feb → 26 Jan;
    // Thu 5 Feb → 2 Feb; Wed 15 Apr → 13 Apr.
    const week = await by('week')
    expect(rowsOf(week)).toEqual([
      ['2026-01-05', 1],
      ['2026-01-19', 1],
      ['2026-01-26', 1],
      ['2026-02-02', 1],
      ['2026-04-13', 1],
    ])
    expect(await drilled('deals', week.rows[2]!)).toEqual(ids('D4'))
    const quarter = await by('quarter')
    expect(rowsOf(quarter)).toEqual([
      ['2026-Q1', 4],
      ['2026-Q2', 1],
    ])
    expect(quarter.rows[0]!.drill!.filters[0]!.value).toEqual(['2026-01-01', '2026-03-31'])
    expect(await drilled('deals', quarter.rows[0]!)).toEqual(ids('D1', 'D2', 'D3', 'D4'))
    expect(rowsOf(await by('year'))).toEqual([['2026', 5]])
    expect(rowsOf(await by('day'))[3]).toEqual(['2026-02-05', 1])
  })

  it('buckets dates outside 2000–2060 the same way (the slow path)', async () => {
    const ws = await signUp(t.app)
    // 1995-06-30 22:00 UTC is 1 July 01:00 in Addis Ababa; 2061-12-31 20:00 UTC is still 2061 there.
    await exec(sql`insert into people (workspace_id, id, first_name, sort_name, search_text, created_at) values
      (${ws.workspaceId}, gen_random_uuid(), 'a', 'a', 'a', '1995-06-30T22:00:00Z'),
      (${ws.workspaceId}, gen_random_uuid(), 'b', 'b', 'b', '2061-12-31T20:00:00Z'),
      (${ws.workspaceId}, gen_random_uuid(), 'c', 'c', 'c', '2059-12-31T20:59:00Z')`)
    const by = async (bucket: string) =>
      rowsOf(
        await run(
          { object: 'person', groupBy: [{ field: 'createdAt', bucket }], measure: { fn: 'count' } },
          ws,
        ),
      )
    // c: 23:59 on 31 Dec 2059 local, the last day of the fast span.
    expect(await by('month')).toEqual([
      ['1995-07', 1],
      ['2059-12', 1],
      ['2061-12', 1],
    ])
    expect(await by('week')).toEqual([
      ['1995-06-26', 1],
      ['2059-12-29', 1],
      ['2061-12-26', 1],
    ])
    expect(await by('year')).toEqual([
      ['1995', 1],
      ['2059', 1],
      ['2061', 1],
    ])
  })

  it('groups two levels with dates first: activities by month × type, people by month × owner', async () => {
    const acts = await run({
      object: 'activity',
      groupBy: [{ field: 'occurredAt', bucket: 'month' }, { field: 'type' }],
      measure: { fn: 'count' },
    })
    // January: 2 calls, 1 note; February: 1 meeting. Inside a month, the larger count first.
    expect(rowsOf(acts)).toEqual([
      ['2026-01', 'call', 2],
      ['2026-01', 'note', 1],
      ['2026-02', 'meeting', 1],
    ])
    expect(acts.rows[0]!.labels).toEqual([null, null])
    const ppl = await run({
      object: 'person',
      groupBy: [{ field: 'createdAt', bucket: 'month' }, { field: 'owner' }],
      measure: { fn: 'count' },
    })
    expect(rowsOf(ppl)).toEqual([
      ['2026-01', owner.userId, 2],
      ['2026-02', member.userId, 2],
    ])
    expect(await drilled('people', ppl.rows[1]!)).toEqual(ids('P3', 'P4'))
  })

  it('groups and filters by custom fields; empty values form their own group', async () => {
    const count = await run({
      object: 'person',
      groupBy: [{ field: 'custom.region' }],
      measure: { fn: 'count' },
    })
    // north: P1, P3; south: P2; none: P4. Ties by key, the empty group last.
    expect(rowsOf(count)).toEqual([
      ['north', 2],
      ['south', 1],
      [null, 1],
    ])
    expect(count.rows[2]!.drill!.filters).toEqual([{ field: 'custom.region', op: 'empty' }])
    expect(await drilled('people', count.rows[2]!)).toEqual(ids('P4'))
    expect(await drilled('people', count.rows[0]!)).toEqual(ids('P1', 'P3'))
    // score ≥ 15: P2 (south, 20) and P3 (north, 40).
    const sum = await run({
      object: 'person',
      filters: [{ field: 'custom.score', op: 'gte', value: 15 }],
      groupBy: [{ field: 'custom.region' }],
      measure: { fn: 'sum', field: 'custom.score' },
    })
    expect(sum.unit).toBe('number')
    expect(rowsOf(sum)).toEqual([
      ['north', 40],
      ['south', 20],
    ])
    expect(await drilled('people', sum.rows[0]!)).toEqual(ids('P3'))
    // avg score of everyone with one: (10 + 20 + 40) / 3 = 23.33…
    const avg = await run({ object: 'person', measure: { fn: 'avg', field: 'custom.score' } })
    expect(avg.rows[0]!.value).toBeCloseTo(70 / 3, 6)
  })

  it('groups by tags with their names, a record in each of its tags', async () => {
    const ds = await run({ object: 'deal', groupBy: [{ field: 'tags' }], measure: { fn: 'count' } })
    // VIP: D1, D3; Hot: D3; untagged: D2, D4, D5.
    expect(rowsOf(ds)).toEqual([
      [null, 3],
      [tg.vip, 2],
      [tg.hot, 1],
    ])
    expect(ds.rows.map((r) => r.labels[0])).toEqual([null, 'VIP', 'Hot'])
    expect(await drilled('deals', ds.rows[1]!)).toEqual(ids('D1', 'D3'))
    expect(await drilled('deals', ds.rows[0]!)).toEqual(ids('D2', 'D4', 'D5'))
  })

  it('groups by a multiSelect custom field (a record in each option) and by a boolean', async () => {
    await exec(sql`insert into custom_fields (workspace_id, id, object, key, type, labels, options) values
      (${owner.workspaceId}, ${uuidv7()}, 'deal', 'channels', 'multiSelect', '{"en":"Channels"}'::jsonb,
        '[{"key":"web","labels":{"en":"Web"}},{"key":"phone","labels":{"en":"Phone"}}]'::jsonb)`)
    const channels: Record<string, string[]> = { D1: ['web', 'phone'], D2: ['web'], D3: [], D5: ['phone'] }
    for (const [key, value] of Object.entries(channels))
      await exec(
        sql`update deals set custom = ${JSON.stringify({ channels: value })}::jsonb where id = ${d[key]}`,
      )
    const ds = await run({
      object: 'deal',
      groupBy: [{ field: 'custom.channels' }],
      measure: { fn: 'count' },
    })
    // phone: D1, D5; web: D1, D2; none: D3 (empty list) and D4 (no value). Ties by key, empty last.
    expect(rowsOf(ds)).toEqual([
      ['phone', 2],
      ['web', 2],
      [null, 2],
    ])
    expect(await drilled('deals', ds.rows[1]!)).toEqual(ids('D1', 'D2'))
    expect(await drilled('deals', ds.rows[2]!)).toEqual(ids('D3', 'D4'))

    await exec(
      sql`update activities set done_at = now() where workspace_id = ${owner.workspaceId} and type = 'note'`,
    )
    const done = await run({ object: 'activity', groupBy: [{ field: 'done' }], measure: { fn: 'count' } })
    // Of the 4 activities only the note is done.
    expect(rowsOf(done)).toEqual([
      ['false', 3],
      ['true', 1],
    ])
    expect(done.rows[1]!.drill!.filters).toEqual([{ field: 'done', op: 'eq', value: true }])
    const list = await as(t.app, owner).get(
      `/api/v1/activities?filters=${encodeURIComponent(JSON.stringify(done.rows[1]!.drill!.filters))}`,
    )
    expect(list.statusCode, list.body).toBe(200)
    expect(list.json().data.map((a: { type: string }) => a.type)).toEqual(['note'])
  })

  it('rejects bad definitions with 400 naming the field path', async () => {
    const bad = async (definition: Record<string, unknown>, fields: string[]) => {
      const res = await as(t.app, owner).post('/api/v1/reports/run', { definition })
      expect(res.statusCode, res.body).toBe(400)
      expect(res.headers['content-type']).toContain('application/problem+json')
      expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(fields)
    }
    await bad({ object: 'deal', groupBy: [{ field: 'nope' }] }, ['definition.groupBy.0.field'])
    await bad({ object: 'deal', groupBy: [{ field: 'stage', bucket: 'month' }] }, [
      'definition.groupBy.0.bucket',
    ])
    await bad({ object: 'deal', groupBy: [{ field: 'amount' }] }, ['definition.groupBy.0.field'])
    await bad({ object: 'deal', measure: { fn: 'sum', field: 'title' } }, ['definition.measure.field'])
    await bad({ object: 'deal', measure: { fn: 'avg' } }, ['definition.measure.field'])
    await bad({ object: 'deal', measure: { fn: 'max', field: 'custom.nope' } }, ['definition.measure.field'])
    await bad({ object: 'deal', groupBy: [{ field: 'stage' }, { field: 'owner' }, { field: 'status' }] }, [
      'definition.groupBy',
    ])
    await bad({ object: 'deal', filters: [{ field: 'stage', op: 'contains', value: 'x' }] }, [
      'definition.filters.0.op',
    ])
    await bad({ object: 'deal', measure: { fn: 'median' } }, ['definition.measure.fn'])
  })

  it('caps at 500 groups, keeping the largest, and says it truncated', async () => {
    const ws = await signUp(t.app)
    // 501 people, each created on its own day from 2024-01-01: 501 day groups.
    await exec(sql`insert into people (workspace_id, id, first_name, sort_name, search_text, created_at)
      select ${ws.workspaceId}, gen_random_uuid(), 'p' || i, 'p' || i, 'p' || i,
        timestamptz '2024-01-01 12:00:00+00' + (i || ' days')::interval
      from generate_series(0, 500) i`)
    const ds = await run(
      { object: 'person', groupBy: [{ field: 'createdAt', bucket: 'day' }], measure: { fn: 'count' } },
      ws,
    )
    expect(ds.rows).toHaveLength(500)
    expect(ds.truncated).toBe(true)
    expect(ds.rows[0]!.keys).toEqual(['2024-01-01'])
    const months = await run(
      { object: 'person', groupBy: [{ field: 'createdAt', bucket: 'month' }], measure: { fn: 'count' } },
      ws,
    )
    expect(months.truncated).toBe(false)
    // January 2024: 31 days → 31 people.
    expect(months.rows[0]!.keys[0]).toBe('2024-01')
    expect(months.rows[0]!.value).toBe(31)
  })
})
