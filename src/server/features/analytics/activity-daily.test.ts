import { readFileSync } from 'node:fs'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DbOrTx, queryRows } from '../../db/client.ts'
import { addMember, as, createTestApp, signUp, type TestApp, type User } from '../../test/harness.ts'
import { findActivityRow } from '../activities/activities.queries.ts'
import { adjustActivityDaily, rebuildActivityDaily } from './activity-daily.ts'
import type { Dataset } from './dataset.schema.ts'
import { addDays } from './period.ts'

// The per-day rollup stays equal to a fresh count over the activities through every kind
// of write, and the readers (dashboard chart, eligible reports) answer as the plain path.
// Workspace: Ethiopia, Africa/Addis_Ababa (UTC+3) until the time zone test moves it.

let t: TestApp
let owner: User
let member: User
let stranger: User
let personId: string
const ids: Record<string, string> = {}
const versions: Record<string, number> = {}

type Cell = [day: string, type: string, owner: string, n: number]

/** What the rollup should hold: a fresh count of the live activities in the stored zone. */
async function fresh(workspaceId = owner.workspaceId, db: DbOrTx = t.database.db): Promise<Cell[]> {
  const rows = await queryRows<{ day: string; type: string; owner: string; n: number }>(
    db,
    sql`select to_char((a.occurred_at at time zone w.time_zone)::date, 'YYYY-MM-DD') as day, a.type,
        coalesce(a.assignee_id, a.created_by, '') as owner, count(*)::int as n
      from activities a join workspaces w on w.id = a.workspace_id
      where a.workspace_id = ${workspaceId} and a.deleted_at is null
      group by 1, 2, 3 order by 1, 2, 3`,
  )
  return rows.map((r) => [r.day, r.type, r.owner, Number(r.n)])
}

async function rollup(workspaceId = owner.workspaceId): Promise<Cell[]> {
  const rows = await queryRows<{ day: string; type: string; owner: string; n: number }>(
    t.database.db,
    sql`select to_char(day, 'YYYY-MM-DD') as day, type, owner_id as owner, n from activity_daily
      where workspace_id = ${workspaceId} order by 1, 2, 3`,
  )
  return rows.map((r) => [r.day, r.type, r.owner, Number(r.n)])
}

async function expectExact() {
  const [want, got] = await Promise.all([fresh(), rollup()])
  expect(got).toEqual(want)
  return got
}

const today = (timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  )

async function create(key: string, body: Record<string, unknown>, user = owner) {
  const res = await as(t.app, user).post('/api/v1/activities', { personId, ...body })
  expect(res.statusCode, res.body).toBe(201)
  ids[key] = res.json().id
  versions[key] = res.json().version
}

async function patch(key: string, body: Record<string, unknown>) {
  const res = await as(t.app, owner).patch(`/api/v1/activities/${ids[key]}`, body, {
    'if-match': `"${versions[key]}"`,
  })
  expect(res.statusCode, res.body).toBe(200)
  versions[key] = res.json().version
}

beforeAll(async () => {
  t = await createTestApp()
  owner = await signUp(t.app)
  member = await addMember(t.app, owner, 'member')
  stranger = await signUp(t.app)
  personId = (await as(t.app, owner).post('/api/v1/people', { firstName: 'Almaz' })).json().id
  const theirs = (await as(t.app, stranger).post('/api/v1/people', { firstName: 'Other' })).json().id
  await as(t.app, stranger).post('/api/v1/activities', {
    type: 'call',
    personId: theirs,
    direction: 'inbound',
    occurredAt: '2026-03-02T10:00:00Z',
  })
})
afterAll(() => t.close())

describe('activity_daily is maintained by the activity services', () => {
  it('counts creates per Addis day, type and owner (assignee, else creator)', async () => {
    const addis = today('Africa/Addis_Ababa')
    // 20:59 UTC on 2 March is 23:59 in Addis: still 2 March.
    await create('call', { type: 'call', direction: 'outbound', occurredAt: '2026-03-02T20:59:00Z' })
    await create('note', { type: 'note', body: 'Visited', occurredAt: '2026-03-02T10:00:00Z' })
    await create('meeting', {
      type: 'meeting',
      startsAt: '2026-03-03T07:00:00Z',
      endsAt: '2026-03-03T08:00:00Z',
    })
    await create(
      'memberCall',
      { type: 'call', direction: 'inbound', occurredAt: '2026-03-03T09:00:00Z' },
      member,
    )
    // Tasks happen when created; one for the member, one defaulting to its creator.
    await create('taskB', {
      type: 'task',
      title: 'Quote',
      dueAt: '2026-04-01T09:00:00Z',
      assigneeId: member.userId,
    })
    await create('taskA', { type: 'task', title: 'Visit', dueAt: '2026-04-02T09:00:00Z' })
    const cells = await expectExact()
    const A = owner.userId
    const B = member.userId
    expect(cells).toEqual(
      [
        ['2026-03-02', 'call', A, 1],
        ['2026-03-02', 'note', A, 1],
        ['2026-03-03', 'call', B, 1],
        ['2026-03-03', 'meeting', A, 1],
        [addis, 'task', A, 1],
        [addis, 'task', B, 1],
      ].sort((x, y) => String(x).localeCompare(String(y))),
    )
    // The other workspace's call is only in its own rollup.
    expect(await rollup(stranger.workspaceId)).toEqual([['2026-03-02', 'call', stranger.userId, 1]])
  })

  it('moves a cell when occurred_at crosses midnight in the workspace zone, and back', async () => {
    // 21:01 UTC is 00:01 on 3 March in Addis.
    await patch('call', { occurredAt: '2026-03-02T21:01:00Z' })
    let cells = await expectExact()
    expect(cells.filter((c) => c[1] === 'call')).toEqual([
      ['2026-03-03', 'call', owner.userId, 1],
      ['2026-03-03', 'call', member.userId, 1],
    ])
    // Within the same day: nothing moves; a title edit changes no cell either.
    await patch('call', { occurredAt: '2026-03-02T22:00:00Z', title: 'Called back' })
    await patch('meeting', { startsAt: '2026-03-03T07:30:00Z' })
    cells = await expectExact()
    expect(cells.filter((c) => c[0] === '2026-03-03').map((c) => c[3])).toEqual([1, 1, 1])
  })

  it('follows a reassigned task to its new owner and drops emptied cells', async () => {
    await patch('taskB', { assigneeId: owner.userId })
    const cells = await expectExact()
    const addis = today('Africa/Addis_Ababa')
    expect(cells.filter((c) => c[1] === 'task')).toEqual([[addis, 'task', owner.userId, 2]])
  })

  it('subtracts on delete and adds back on restore', async () => {
    const del = await as(t.app, owner).delete(`/api/v1/activities/${ids.note}`)
    expect(del.statusCode, del.body).toBe(200)
    let cells = await expectExact()
    expect(cells.some((c) => c[1] === 'note')).toBe(false)
    // Deleting again changes nothing.
    await as(t.app, owner).delete(`/api/v1/activities/${ids.note}`)
    await expectExact()
    const res = await as(t.app, owner).post(`/api/v1/activities/${ids.note}/restore`)
    expect(res.statusCode, res.body).toBe(200)
    cells = await expectExact()
    expect(cells.filter((c) => c[1] === 'note')).toEqual([['2026-03-02', 'note', owner.userId, 1]])
  })

  it('moves a changed type and an ownerless row between cells (adjustActivityDaily)', async () => {
    // The API keeps an activity's type; the function still moves any change of its columns.
    const ws = { id: owner.workspaceId, timeZone: 'Africa/Addis_Ababa' }
    await t.database.db.transaction(async (tx) => {
      const before = (await findActivityRow(tx, owner.workspaceId, ids.memberCall!, true))!
      await tx.execute(sql`update activities set type = 'note', created_by = null where id = ${before.id}`)
      const after = (await findActivityRow(tx, owner.workspaceId, before.id))!
      await adjustActivityDaily(tx, ws, before, after)
    })
    const cells = await expectExact()
    expect(cells.filter((c) => c[0] === '2026-03-03')).toEqual([
      ['2026-03-03', 'call', owner.userId, 1],
      ['2026-03-03', 'meeting', owner.userId, 1],
      ['2026-03-03', 'note', '', 1],
    ])
  })
})

describe('bulk writers rebuild it', () => {
  it('counts the demo data seeded with batch inserts', async () => {
    const demo = await signUp(t.app)
    const res = await as(t.app, demo).post('/api/v1/demo-data')
    expect(res.statusCode, res.body).toBe(201)
    const cells = await rollup(demo.workspaceId)
    expect(cells).toEqual(await fresh(demo.workspaceId))
    // Every one of the demo's 500 activities is live and counted once.
    expect(cells.reduce((sum, c) => sum + c[3], 0)).toBe(res.json().activities)
  })

  it("migration 0009's backfill counts existing activities as the rebuild does", async () => {
    const file = new URL('../../db/migrations/0009_activity_daily.sql', import.meta.url)
    const backfill = readFileSync(file, 'utf8').split('--> statement-breakpoint').at(-1)!
    const rollback = new Error('rollback')
    await t.database.db
      .transaction(async (tx) => {
        await tx.execute(sql`delete from activity_daily`)
        await tx.execute(sql.raw(backfill))
        const rows = await queryRows<{ n: number }>(
          tx,
          sql`select n from activity_daily where workspace_id = ${owner.workspaceId} order by day, type, owner_id`,
        )
        expect(rows.map((r) => Number(r.n))).toEqual((await fresh(owner.workspaceId, tx)).map((c) => c[3]))
        expect(rows.length).toBeGreaterThan(3)
        throw rollback
      })
      .catch((e) => {
        if (e !== rollback) throw e
      })
    await expectExact()
  })
})

// ---- readers: the same answers as the plain path ----------------------------------------

type Row = Dataset['rows'][number]

/** The dashboard chart's rows, computed here straight from the activities. */
async function plainChart(from: string, to: string, bucket: 'week' | 'month'): Promise<unknown[]> {
  const rows = await queryRows<{ k: string; type: string; owner: string | null; n: number }>(
    t.database.db,
    sql`select to_char(date_trunc(${bucket}::text, a.occurred_at at time zone w.time_zone),
          ${bucket === 'week' ? 'YYYY-MM-DD' : 'YYYY-MM'}::text) as k,
        a.type, coalesce(a.assignee_id, a.created_by) as owner, count(*)::int as n
      from activities a join workspaces w on w.id = a.workspace_id
      where a.workspace_id = ${owner.workspaceId} and a.deleted_at is null
        and (a.occurred_at at time zone w.time_zone)::date between ${from}::date and ${to}::date
      group by 1, 2, 3 order by 1, 2, 3 nulls last`,
  )
  return rows.map((r) => [r.k, r.type, r.owner, Number(r.n)])
}

async function chart(query: string): Promise<Dataset> {
  const res = await as(t.app, owner).get(`/api/v1/dashboard/charts/activities?${query}`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json()
}

async function report(definition: Record<string, unknown>): Promise<Dataset> {
  const res = await as(t.app, owner).post('/api/v1/reports/run', { definition })
  expect(res.statusCode, res.body).toBe(200)
  return res.json()
}

// Selects every activity but is not a rollup field: forces the plain path.
const EVERYTHING = { field: 'createdAt', op: 'between', value: ['2000-01-01', '2099-12-31'] }
const withoutEverything = (r: Row) => ({
  ...r,
  drill: r.drill && { ...r.drill, filters: r.drill.filters.filter((c) => c.field !== 'createdAt') },
})

const DEFINITIONS: Record<string, unknown>[] = [
  { groupBy: [{ field: 'occurredAt', bucket: 'month' }, { field: 'type' }] },
  { groupBy: [{ field: 'occurredAt', bucket: 'day' }] },
  { groupBy: [{ field: 'occurredAt', bucket: 'week' }, { field: 'type' }] },
  { groupBy: [{ field: 'type' }, { field: 'occurredAt', bucket: 'quarter' }] },
  { groupBy: [{ field: 'occurredAt', bucket: 'year' }] },
  { groupBy: [] },
  {
    groupBy: [{ field: 'type' }],
    filters: [{ field: 'occurredAt', op: 'between', value: ['2026-03-03', null] }],
  },
  {
    groupBy: [{ field: 'occurredAt', bucket: 'day' }],
    filters: [
      { field: 'type', op: 'in', value: ['call', 'note'] },
      { field: 'occurredAt', op: 'lt', value: '2026-03-04' },
    ],
  },
  {
    groupBy: [{ field: 'occurredAt', bucket: 'day' }, { field: 'type' }],
    filters: [
      { field: 'occurredAt', op: 'neq', value: '2026-03-02' },
      { field: 'type', op: 'neq', value: 'meeting' },
    ],
  },
  { groupBy: [{ field: 'type' }], filters: [{ field: 'occurredAt', op: 'eq', value: '2026-03-03' }] },
  { groupBy: [], filters: [{ field: 'occurredAt', op: 'gt', value: '2026-03-02' }] },
]

async function expectReadersMatch() {
  const month = await chart('from=2026-03-01&to=2026-03-31')
  expect(month.dimensions.map((d) => d.bucket)).toEqual(['week', null, null])
  expect(month.rows.map((r) => [...r.keys, r.value])).toEqual(
    await plainChart('2026-03-01', '2026-03-31', 'week'),
  )
  const year = await chart('from=2025-06-01&to=2026-05-31')
  expect(year.rows.map((r) => [...r.keys, r.value])).toEqual(
    await plainChart('2025-06-01', '2026-05-31', 'month'),
  )
  // The last year, with today's tasks.
  const to = today('UTC')
  const from = addDays(to, -364)
  const last = await chart(`from=${from}&to=${to}`)
  expect(last.rows.map((r) => [...r.keys, r.value])).toEqual(await plainChart(from, to, 'month'))
  expect(last.rows.some((r) => r.keys[1] === 'task')).toBe(true)
  for (const d of DEFINITIONS) {
    const base = { object: 'activity', filters: [], measure: { fn: 'count' }, chart: 'table', ...d }
    const fast = await report(base)
    const plain = await report({ ...base, filters: [...(base.filters as unknown[]), EVERYTHING] })
    expect(fast.rows, JSON.stringify(d)).toEqual(plain.rows.map(withoutEverything))
    expect({ ...fast, rows: [] }).toEqual({ ...plain, rows: [] })
  }
}

describe('readers', () => {
  it('answer the dashboard chart and eligible reports from the rollup, as the plain path', async () => {
    await expectReadersMatch()
    const chartRows = (await chart('from=2026-03-01&to=2026-03-31')).rows
    // Week of Monday 2 March: calls (owner; the ownerless note), meeting (owner), notes.
    expect(
      chartRows.filter((r) => r.keys[0] === '2026-03-02').map((r) => [...r.keys.slice(1), r.value]),
    ).toEqual([
      ['call', owner.userId, 1],
      ['meeting', owner.userId, 1],
      ['note', owner.userId, 1],
      ['note', null, 1],
    ])
    // The eligible report reads the rollup (a changed cell shows), the other one does not.
    await t.database.db.execute(
      sql`update activity_daily set n = n + 100 where workspace_id = ${owner.workspaceId} and type = 'meeting'`,
    )
    const def = { object: 'activity', filters: [], groupBy: [{ field: 'type' }], measure: { fn: 'count' } }
    const fast = await report({ ...def, chart: 'bar' })
    const plain = await report({ ...def, chart: 'bar', filters: [EVERYTHING] })
    expect(fast.rows.find((r) => r.keys[0] === 'meeting')?.value).toBe(101)
    expect(plain.rows.find((r) => r.keys[0] === 'meeting')?.value).toBe(1)
    await rebuildActivityDaily(t.database.db, owner.workspaceId)
    await expectExact()
  })

  it('recounts every day when the workspace time zone changes, and new writes use the new zone', async () => {
    const ws = await as(t.app, owner).get('/api/v1/me')
    const version = ws.json().workspace.version
    const res = await as(t.app, owner).patch(
      '/api/v1/workspace',
      { timeZone: 'America/New_York' },
      { 'if-match': `"${version}"` },
    )
    expect(res.statusCode, res.body).toBe(200)
    const cells = await expectExact()
    // 22:00 UTC on 2 March is 17:00 in New York (2 March); 07:30 UTC on 3 March is 02:30 there.
    expect(cells.filter((c) => c[1] === 'call' || c[1] === 'meeting')).toEqual([
      ['2026-03-02', 'call', owner.userId, 1],
      ['2026-03-03', 'meeting', owner.userId, 1],
    ])
    // 03:00 UTC on 4 March is still 3 March in New York.
    await create('late', { type: 'call', direction: 'inbound', occurredAt: '2026-03-04T03:00:00Z' })
    expect((await expectExact()).filter((c) => c[1] === 'call')).toEqual([
      ['2026-03-02', 'call', owner.userId, 1],
      ['2026-03-03', 'call', owner.userId, 1],
    ])
    await expectReadersMatch()
  })
})
