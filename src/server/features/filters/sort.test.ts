import { sql } from 'drizzle-orm'
import { uuidv7 } from 'uuidv7'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { as, createTestApp, signUp, type TestApp, type User } from '../../test/harness.ts'

let t: TestApp
let me: User
beforeAll(async () => {
  t = await createTestApp()
  me = await signUp(t.app)
})
afterAll(() => t.close())

const exec = (query: ReturnType<typeof sql>) => t.database.db.execute(query)

async function post(url: string, body: Record<string, unknown>) {
  const res = await as(t.app, me).post(url, body)
  expect(res.statusCode, res.body).toBe(201)
  return res.json()
}

/** Follows the cursor to the end, `limit` rows a page; the rows in the order served. */
async function walk(list: string, sort: string, limit = 2, user = me) {
  const rows: Record<string, unknown>[] = []
  let cursor: string | null = null
  for (let page = 0; page < 100; page++) {
    const url = `/api/v1/${list}?limit=${limit}&sort=${encodeURIComponent(sort)}${cursor ? `&cursor=${cursor}` : ''}`
    const res = await as(t.app, user).get(url)
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200)
    const body = res.json()
    rows.push(...body.data)
    cursor = body.nextCursor
    if (!cursor) return rows
  }
  throw new Error('no end')
}

const idsOf = (rows: Record<string, unknown>[]) => rows.map((r) => r.id as string)
const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

describe('sorting lists by any field', () => {
  it('pages through a nullable column (job title) with NULLs last both ways, every row exactly once', async () => {
    const titles = ['Farmer', null, 'Buyer', 'Driver', null, 'Driver', null, 'Buyer']
    const made: { id: string; jobTitle: string | null }[] = []
    for (const [i, jobTitle] of titles.entries()) {
      made.push(await post('/api/v1/people?allowDuplicate=true', { firstName: `P${i}`, jobTitle }))
    }
    const expected = (desc: boolean) =>
      [...made]
        .sort((a, b) => {
          if (a.jobTitle === b.jobTitle) return desc ? byId(b.id, a.id) : byId(a.id, b.id)
          if (a.jobTitle === null) return 1
          if (b.jobTitle === null) return -1
          return (a.jobTitle < b.jobTitle ? -1 : 1) * (desc ? -1 : 1)
        })
        .map((p) => p.id)
    for (const limit of [1, 2, 3]) {
      expect(idsOf(await walk('people', 'jobTitle', limit))).toEqual(expected(false))
      expect(idsOf(await walk('people', '-jobTitle', limit))).toEqual(expected(true))
    }
  })

  it('sorts by custom fields cast by type (number, currency, date, text), NULLs last', async () => {
    const other = await signUp(t.app)
    const field = async (key: string, type: string) =>
      exec(sql`insert into custom_fields (workspace_id, id, object, key, type, labels)
        values (${other.workspaceId}, ${uuidv7()}, 'person', ${key}, ${type}, '{"en":"x"}'::jsonb)`)
    await field('budget', 'number')
    await field('deposit', 'currency')
    await field('since', 'date')
    await field('code', 'text')
    const values = [
      { budget: 9, deposit: { amount: 900, currency: 'ETB' }, since: '2024-01-09', code: 'b' },
      { budget: 10, deposit: { amount: 10_000, currency: 'ETB' }, since: '2023-12-31', code: 'a' },
      {},
      { budget: 1.5, deposit: { amount: 5, currency: 'USD' }, since: '2024-02-01', code: 'c' },
      { budget: 10 },
      {},
    ]
    const ids: string[] = []
    for (const [i, custom] of values.entries()) {
      const res = await as(t.app, other).post('/api/v1/people', { firstName: `C${i}` })
      expect(res.statusCode, res.body).toBe(201)
      ids.push(res.json().id)
      await exec(sql`update people set custom = ${JSON.stringify(custom)}::jsonb where id = ${res.json().id}`)
    }
    const order = (key: 'budget' | 'since' | 'code' | 'deposit', desc: boolean) => {
      const v = (i: number) => {
        const x = (values[i] as Record<string, unknown>)[key]
        return key === 'deposit' ? (x as { amount: number } | undefined)?.amount : (x as number | string)
      }
      return [...ids.keys()]
        .sort((a, b) => {
          const [va, vb] = [v(a), v(b)]
          if (va === vb) return desc ? byId(ids[b]!, ids[a]!) : byId(ids[a]!, ids[b]!)
          if (va === undefined) return 1
          if (vb === undefined) return -1
          return (va < vb ? -1 : 1) * (desc ? -1 : 1)
        })
        .map((i) => ids[i])
    }
    for (const key of ['budget', 'deposit', 'since', 'code'] as const) {
      expect(idsOf(await walk('people', `custom.${key}`, 2, other)), key).toEqual(order(key, false))
      expect(idsOf(await walk('people', `-custom.${key}`, 2, other)), key).toEqual(order(key, true))
    }
  })

  it('round-trips the cursor for every sortable field of every list', async () => {
    const company = await post('/api/v1/companies', { name: 'Sheger', city: 'Addis', country: 'ET' })
    await post('/api/v1/companies', { name: 'Kaldis', size: '11-50' })
    await post('/api/v1/companies', { name: 'Tomoca' })
    const p = await post('/api/v1/people?allowDuplicate=true', { firstName: 'Deal', companyId: company.id })
    await post('/api/v1/deals', { title: 'A', amountMinor: 500, expectedCloseDate: '2025-01-01' })
    await post('/api/v1/deals', { title: 'B', amountMinor: 500, personId: p.id })
    await post('/api/v1/deals', { title: 'C', currency: 'USD' })
    await post('/api/v1/activities', { type: 'note', body: 'n', personId: p.id })
    await post('/api/v1/activities', {
      type: 'task',
      title: 't',
      dueAt: '2030-01-01T00:00:00Z',
      personId: p.id,
    })
    await post('/api/v1/activities', { type: 'call', direction: 'inbound', personId: p.id })
    const lists = { person: 'people', company: 'companies', deal: 'deals', activity: 'activities' }
    for (const [object, list] of Object.entries(lists)) {
      const fields = (await as(t.app, me).get(`/api/v1/fields?object=${object}`)).json().data
      const all = idsOf(await walk(list, '-createdAt', 100)).sort()
      const sortable = fields.filter((f: { sortable: boolean }) => f.sortable)
      expect(sortable.length).toBeGreaterThan(3)
      for (const f of sortable as { key: string }[]) {
        for (const sort of [f.key, `-${f.key}`]) {
          const walked = idsOf(await walk(list, sort, 2))
          expect([...walked].sort(), `${list} by ${sort}`).toEqual(all)
        }
      }
    }
  })

  it('keeps the old sorts and their cursors working', async () => {
    const first = await as(t.app, me).get('/api/v1/people?limit=1&sort=-updatedAt')
    const [row] = first.json().data
    // A cursor as the lists wrote it before: [ISO time, id].
    const cursor = Buffer.from(JSON.stringify([row.updatedAt, row.id])).toString('base64url')
    expect(first.json().nextCursor).toBe(cursor)
    const next = await as(t.app, me).get(`/api/v1/people?limit=1&sort=-updatedAt&cursor=${cursor}`)
    expect(next.statusCode).toBe(200)
    expect(next.json().data[0].id).not.toBe(row.id)
  })

  it('answers 400 for an unknown or unsortable field and for a cursor that is not from this list', async () => {
    const cases: [string, string, string][] = [
      ['people', 'sort=nope', 'sort'],
      ['people', 'sort=-tags', 'sort'],
      ['people', 'sort=phone', 'sort'],
      ['deals', 'sort=owner', 'sort'],
      ['people', 'sort=custom.nope', 'sort'],
      ['people', 'sort=drop%20table', 'sort'],
      ['people', 'cursor=garbage', 'cursor'],
      ['people', `sort=createdAt&cursor=${Buffer.from('["yesterday","x"]').toString('base64url')}`, 'cursor'],
      [
        'deals',
        `sort=amount&cursor=${Buffer.from(JSON.stringify(['1 or 1=1', uuidv7()])).toString('base64url')}`,
        'cursor',
      ],
      // A null sort value only exists for nullable fields.
      [
        'people',
        `sort=name&cursor=${Buffer.from(JSON.stringify([null, uuidv7()])).toString('base64url')}`,
        'cursor',
      ],
    ]
    for (const [list, params, field] of cases) {
      const res = await as(t.app, me).get(`/api/v1/${list}?${params}`)
      expect(res.statusCode, params).toBe(400)
      expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual([field])
    }
  })
})
