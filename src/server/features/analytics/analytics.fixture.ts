import { sql } from 'drizzle-orm'
import { uuidv7 } from 'uuidv7'
import { expect } from 'vitest'
import { addMember, as, signUp, type TestApp, type User } from '../../test/harness.ts'
import { rebuildActivityDaily } from './activity-daily.ts'
import { dayIn } from './period.ts'

// A small fixed dataset for the dashboard and forecast tests, written with direct SQL so
// that every date is exact. Workspace: Ethiopia (ETB, Africa/Addis_Ababa = UTC+3).
// A = the owner (admin), B = a member. Rates: 1 USD = 150 ETB; KES has no rate.
// The period tested is March 2026 (Mar 1 00:00 Addis = 2026-02-28T21:00Z); the previous
// period is 2026-01-29..2026-02-28 (31 days).
//
// People (created UTC → Addis day):
//   P1 A  2026-03-02 09:00Z  referral  Addis Ababa       current
//   P2 B  2026-02-28 21:30Z  referral  Addis Ababa       current (Mar 1 00:30 Addis)
//   P3 A  2026-03-15         (none)    Nairobi           current
//   P4 A  2026-03-20         website   Addis Ababa       deleted
//   P5 A  2026-02-28 20:59Z  phone     Nairobi           previous (Feb 28 23:59 Addis)
//   P6 B  2026-02-10         referral  (no city)         previous
//   P7 A  2026-01-10         event     Hawassa           neither
// Deals (pipeline/stage, status, amount minor, owner, created → closed):
//   D1  Sales/Won      won   ETB 10,000,000  A  02-01 09:00Z → 03-03 09:00Z (30 d)
//   D2  Sales/Won      won   USD    100,000  B  03-01 09:00Z → 03-11 09:00Z (10 d)
//   D3  Sales/Won      won   KES  5,000,000  A  03-05 09:00Z → 03-25 09:00Z (20 d)
//   D4  Sales/Lost     lost  ETB  2,000,000  A  03-02 09:00Z → 03-20 09:00Z
//   D5  Sales/Won      won   ETB  4,000,000  A  02-02 09:00Z → 02-20 09:00Z (18 d, previous)
//   D6  Sales/Lost     lost  ETB  1,000,000  B  01-05 → 02-25 (previous)
//   D7  Sales/Lost     lost  ETB  3,000,000  B  01-06 → 02-26 (previous)
//   D8  Sales/Negot.75 open  ETB  8,000,000  A  03-10, expected next month
//   D9  Sales/Prop. 50 open  USD    200,000  B  02-15, expected this month
//   D10 Sales/Lead 10  open  KES  1,000,000  A  03-12, expected this month
//   D11 Projects/Build 60 open ETB 5,000,000 B  03-15, expected this month
//   D12 Projects/Done  won   ETB  6,000,000  B  03-01 21:30Z → 03-29 21:30Z (28 d)
//   D13 Sales/Lead     open  ETB  9,999,900  A  03-05, deleted
//   D14 Sales/Won      won   ETB  7,000,000  A  03-05 → 03-31 21:00Z (= Apr 1 Addis: outside)
//   D15 Sales/Qual. 25 open  ETB  1,000,000  —  01-20 (no owner)
//   D16 Sales/Won      won   ETB  2,000,000  A  closed now (forecast: won this month)
// Activities: see dashboard.test.ts.

export type Fixture = {
  a: User
  b: User
  sales: { id: string; stages: { id: string; name: string }[] }
  projects: { id: string; stages: { id: string; name: string }[] }
  person: string
  thisMonth: string
  nextMonth: string
}

export const put = (t: TestApp, user: User, url: string, payload: unknown) =>
  t.app.inject({
    method: 'PUT',
    url,
    headers: { cookie: user.cookie, origin: 'http://localhost:3000' },
    payload: payload as object,
  })

const at = (iso: string) => sql`${iso}::timestamptz`

export async function buildFixture(t: TestApp, now = new Date()): Promise<Fixture> {
  const a = await signUp(t.app)
  const b = await addMember(t.app, a, 'member')
  const ws = a.workspaceId
  const db = t.database.db
  const sales = (await as(t.app, a).get('/api/v1/pipelines')).json().data[0]
  const created = await as(t.app, a).post('/api/v1/pipelines', {
    name: 'Projects',
    stages: [
      { name: 'Scoping', probability: 20, kind: 'open' },
      { name: 'Build', probability: 60, kind: 'open' },
      { name: 'Done', probability: 100, kind: 'won' },
      { name: 'Dropped', probability: 0, kind: 'lost' },
    ],
  })
  expect(created.statusCode, created.body).toBe(201)
  const projects = created.json()
  expect((await put(t, a, '/api/v1/exchange-rates/USD', { rate: 150 })).statusCode).toBe(200)

  const people: [string, string | null, string, string | null, string | null, boolean][] = [
    ['P1', a.userId, '2026-03-02T09:00:00Z', 'referral', 'Addis Ababa', false],
    ['P2', b.userId, '2026-02-28T21:30:00Z', 'referral', 'Addis Ababa', false],
    ['P3', a.userId, '2026-03-15T10:00:00Z', null, 'Nairobi', false],
    ['P4', a.userId, '2026-03-20T10:00:00Z', 'website', 'Addis Ababa', true],
    ['P5', a.userId, '2026-02-28T20:59:00Z', 'phone', 'Nairobi', false],
    ['P6', b.userId, '2026-02-10T10:00:00Z', 'referral', null, false],
    ['P7', a.userId, '2026-01-10T10:00:00Z', 'event', 'Hawassa', false],
  ]
  const personIds: string[] = []
  for (const [name, owner, when, source, city, deleted] of people) {
    const id = uuidv7()
    personIds.push(id)
    await db.execute(sql`insert into people (workspace_id, id, first_name, sort_name, search_text, owner_id,
        source, city, created_at, updated_at, deleted_at)
      values (${ws}, ${id}, ${name}, ${name.toLowerCase()}, ${name.toLowerCase()}, ${owner}, ${source}, ${city},
        ${at(when)}, ${at(when)}, ${deleted ? at(when) : null})`)
  }

  const today = dayIn('Africa/Addis_Ababa', now)
  const thisMonth = today.slice(0, 7)
  const [y, m] = thisMonth.split('-').map(Number) as [number, number]
  const nextMonth = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`
  const st = (p: { stages: { id: string; name: string }[] }, name: string) =>
    p.stages.find((s) => s.name === name)!.id
  const nowIso = now.toISOString()
  type D = [
    string,
    string,
    'open' | 'won' | 'lost',
    string,
    number,
    string | null,
    string,
    string | null,
    string | null,
    boolean,
  ]
  const deals: D[] = [
    [
      'D1',
      st(sales, 'Won'),
      'won',
      'ETB',
      10_000_000,
      a.userId,
      '2026-02-01T09:00:00Z',
      '2026-03-03T09:00:00Z',
      null,
      false,
    ],
    [
      'D2',
      st(sales, 'Won'),
      'won',
      'USD',
      100_000,
      b.userId,
      '2026-03-01T09:00:00Z',
      '2026-03-11T09:00:00Z',
      null,
      false,
    ],
    [
      'D3',
      st(sales, 'Won'),
      'won',
      'KES',
      5_000_000,
      a.userId,
      '2026-03-05T09:00:00Z',
      '2026-03-25T09:00:00Z',
      null,
      false,
    ],
    [
      'D4',
      st(sales, 'Lost'),
      'lost',
      'ETB',
      2_000_000,
      a.userId,
      '2026-03-02T09:00:00Z',
      '2026-03-20T09:00:00Z',
      null,
      false,
    ],
    [
      'D5',
      st(sales, 'Won'),
      'won',
      'ETB',
      4_000_000,
      a.userId,
      '2026-02-02T09:00:00Z',
      '2026-02-20T09:00:00Z',
      null,
      false,
    ],
    [
      'D6',
      st(sales, 'Lost'),
      'lost',
      'ETB',
      1_000_000,
      b.userId,
      '2026-01-05T09:00:00Z',
      '2026-02-25T09:00:00Z',
      null,
      false,
    ],
    [
      'D7',
      st(sales, 'Lost'),
      'lost',
      'ETB',
      3_000_000,
      b.userId,
      '2026-01-06T09:00:00Z',
      '2026-02-26T09:00:00Z',
      null,
      false,
    ],
    [
      'D8',
      st(sales, 'Negotiation'),
      'open',
      'ETB',
      8_000_000,
      a.userId,
      '2026-03-10T09:00:00Z',
      null,
      `${nextMonth}-15`,
      false,
    ],
    [
      'D9',
      st(sales, 'Proposal'),
      'open',
      'USD',
      200_000,
      b.userId,
      '2026-02-15T09:00:00Z',
      null,
      `${thisMonth}-01`,
      false,
    ],
    [
      'D10',
      st(sales, 'Lead'),
      'open',
      'KES',
      1_000_000,
      a.userId,
      '2026-03-12T09:00:00Z',
      null,
      `${thisMonth}-28`,
      false,
    ],
    [
      'D11',
      st(projects, 'Build'),
      'open',
      'ETB',
      5_000_000,
      b.userId,
      '2026-03-15T09:00:00Z',
      null,
      `${thisMonth}-10`,
      false,
    ],
    [
      'D12',
      st(projects, 'Done'),
      'won',
      'ETB',
      6_000_000,
      b.userId,
      '2026-03-01T21:30:00Z',
      '2026-03-29T21:30:00Z',
      null,
      false,
    ],
    ['D13', st(sales, 'Lead'), 'open', 'ETB', 9_999_900, a.userId, '2026-03-05T09:00:00Z', null, null, true],
    [
      'D14',
      st(sales, 'Won'),
      'won',
      'ETB',
      7_000_000,
      a.userId,
      '2026-03-05T09:00:00Z',
      '2026-03-31T21:00:00Z',
      null,
      false,
    ],
    [
      'D15',
      st(sales, 'Qualified'),
      'open',
      'ETB',
      1_000_000,
      null,
      '2026-01-20T09:00:00Z',
      null,
      null,
      false,
    ],
    ['D16', st(sales, 'Won'), 'won', 'ETB', 2_000_000, a.userId, '2025-01-01T09:00:00Z', nowIso, null, false],
  ]
  let rank = 0
  for (const [title, stageId, status, currency, amount, owner, when, closed, expected, deleted] of deals) {
    const pipelineId = projects.stages.some((s: { id: string }) => s.id === stageId) ? projects.id : sales.id
    await db.execute(sql`insert into deals (workspace_id, id, title, amount_minor, currency, pipeline_id, stage_id,
        rank, owner_id, expected_close_date, status, lost_reason, closed_at, search_text, created_at, updated_at,
        deleted_at)
      values (${ws}, ${uuidv7()}, ${title}, ${amount}, ${currency}, ${pipelineId}, ${stageId}, ${++rank}, ${owner},
        ${expected}, ${status}, ${status === 'lost' ? 'Price' : null}, ${closed ? at(closed) : null},
        ${title.toLowerCase()}, ${at(when)}, ${at(when)}, ${deleted ? at(when) : null})`)
  }
  return { a, b, sales, projects, person: personIds[0]!, thisMonth, nextMonth }
}

/** Inserts one activity linked to `person`. */
export async function insertActivity(
  t: TestApp,
  f: Fixture,
  v: {
    type: 'note' | 'call' | 'meeting' | 'task'
    occurredAt: string
    createdBy: string | null
    assignee?: string | null
    dueAt?: string
    done?: boolean
    deleted?: boolean
  },
) {
  await t.database.db.execute(sql`insert into activities (workspace_id, id, type, person_id, occurred_at, due_at,
      assignee_id, done_at, created_by, created_at, updated_at, deleted_at)
    values (${f.a.workspaceId}, ${uuidv7()}, ${v.type}, ${f.person}, ${at(v.occurredAt)},
      ${v.dueAt ? at(v.dueAt) : null}, ${v.assignee ?? null}, ${v.done ? at(v.occurredAt) : null}, ${v.createdBy},
      ${at(v.occurredAt)}, ${at(v.occurredAt)}, ${v.deleted ? at(v.occurredAt) : null})`)
  // Direct SQL bypasses the service: recount the rollup the activities chart reads.
  await rebuildActivityDaily(t.database.db, f.a.workspaceId)
}
