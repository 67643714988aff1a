import { sql } from 'drizzle-orm'
import { uuidv7 } from 'uuidv7'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addMember, as, createTestApp, signUp, type TestApp, type User } from '../../test/harness.ts'
import type { FilterCondition } from './filter.schema.ts'

let t: TestApp
let owner: User
beforeAll(async () => {
  t = await createTestApp()
  owner = await signUp(t.app)
})
afterAll(() => t.close())

const exec = (query: ReturnType<typeof sql>) => t.database.db.execute(query)

async function post(user: User, url: string, body: Record<string, unknown>) {
  const res = await as(t.app, user).post(url, body)
  expect(res.statusCode, res.body).toBe(201)
  return res.json()
}
const person = (user: User, body: Record<string, unknown>) =>
  post(user, '/api/v1/people?allowDuplicate=true', body)

const q = (filters: unknown[]) => `filters=${encodeURIComponent(JSON.stringify(filters))}`

/** The ids a list answers with these filters (every page). */
async function ids(user: User, list: string, filters: Partial<FilterCondition>[], extra = '') {
  const res = await as(t.app, user).get(`/api/v1/${list}?limit=100&${q(filters)}${extra}`)
  expect(res.statusCode, res.body).toBe(200)
  return res
    .json()
    .data.map((r: { id: string }) => r.id)
    .sort()
}
const sorted = (...xs: { id: string }[]) => xs.map((x) => x.id).sort()

async function customField(user: User, object: string, key: string, type: string, options: string[] = []) {
  await exec(sql`insert into custom_fields (workspace_id, id, object, key, type, labels, options)
    values (${user.workspaceId}, ${uuidv7()}, ${object}, ${key}, ${type}, ${JSON.stringify({ en: key })}::jsonb,
      ${JSON.stringify(options.map((k) => ({ key: k, labels: { en: k } })))}::jsonb)`)
}
const setCustom = (table: string, id: string, custom: Record<string, unknown>) =>
  exec(sql`update ${sql.identifier(table)} set custom = ${JSON.stringify(custom)}::jsonb where id = ${id}`)

async function tag(user: User, name: string) {
  const id = uuidv7()
  await exec(sql`insert into tags (workspace_id, id, name) values (${user.workspaceId}, ${id}, ${name})`)
  return id
}
const setTags = (table: string, id: string, tagIds: string[]) =>
  exec(sql`update ${sql.identifier(table)} set tag_ids = ${`{${tagIds.join(',')}}`}::uuid[] where id = ${id}`)

describe('list filters', () => {
  it('filters text fields: contains, notContains, eq (any case), neq, empty, notEmpty; name by search text', async () => {
    const me = await signUp(t.app)
    const a = await person(me, { firstName: 'Almaz', lastName: 'Tesfaye', jobTitle: 'Coffee Buyer' })
    const b = await person(me, { firstName: 'Bekele', lastName: 'Girma', jobTitle: 'Driver' })
    const c = await person(me, { firstName: 'Chaltu', lastName: 'Tesfaye' })
    const f = (op: string, value?: unknown) => ids(me, 'people', [{ field: 'jobTitle', op, value } as never])
    expect(await f('contains', 'coffee')).toEqual(sorted(a))
    expect(await f('notContains', 'coffee')).toEqual(sorted(b, c))
    expect(await f('eq', 'DRIVER')).toEqual(sorted(b))
    expect(await f('neq', 'driver')).toEqual(sorted(a, c))
    expect(await f('empty')).toEqual(sorted(c))
    expect(await f('notEmpty')).toEqual(sorted(a, b))
    // A literal % is a character, not a wildcard.
    expect(await f('contains', '%')).toEqual([])

    expect(await ids(me, 'people', [{ field: 'name', op: 'contains', value: 'tesf' }])).toEqual(sorted(a, c))
    expect(await ids(me, 'people', [{ field: 'name', op: 'eq', value: 'Bekele Girma' }])).toEqual(sorted(b))
    expect(await ids(me, 'people', [{ field: 'lastName', op: 'eq', value: 'tesfaye' }])).toEqual(sorted(a, c))
    // Several conditions: all must hold.
    expect(
      await ids(me, 'people', [
        { field: 'lastName', op: 'eq', value: 'Tesfaye' },
        { field: 'jobTitle', op: 'empty' },
      ]),
    ).toEqual(sorted(c))
  })

  it('matches phones in any typed form (workspace country) and emails in any case', async () => {
    const me = await signUp(t.app)
    const a = await person(me, {
      firstName: 'Abebe',
      phones: [{ number: '0911 23 45 67' }, { number: '+254 712 345678' }],
      emails: [{ email: 'Abebe@Example.com' }],
    })
    const b = await person(me, { firstName: 'Beza', phones: [{ number: '0922 11 22 33' }] })
    const c = await person(me, { firstName: 'Chala' })
    const phone = (op: string, value?: unknown) => ids(me, 'people', [{ field: 'phone', op, value } as never])
    expect(await phone('contains', '0911 23 45 67')).toEqual(sorted(a))
    expect(await phone('contains', '+251911234567')).toEqual(sorted(a))
    expect(await phone('contains', '0911')).toEqual(sorted(a)) // national prefix
    expect(await phone('contains', '712345')).toEqual(sorted(a)) // the Kenyan number, any part
    expect(await phone('contains', '2233')).toEqual(sorted(b))
    expect(await phone('notContains', '0911')).toEqual(sorted(b, c))
    expect(await phone('eq', '0922112233')).toEqual(sorted(b))
    expect(await phone('neq', '0922112233')).toEqual(sorted(a, c))
    expect(await phone('empty')).toEqual(sorted(c))
    expect(await phone('notEmpty')).toEqual(sorted(a, b))

    const email = (op: string, value?: unknown) => ids(me, 'people', [{ field: 'email', op, value } as never])
    expect(await email('eq', 'abebe@EXAMPLE.com')).toEqual(sorted(a))
    expect(await email('contains', 'EXAMPLE')).toEqual(sorted(a))
    expect(await email('empty')).toEqual(sorted(b, c))

    const res = await as(t.app, me).get(`/api/v1/people?${q([{ field: 'phone', op: 'eq', value: '12' }])}`)
    expect(res.statusCode).toBe(400)
    expect(res.json().errors[0].field).toBe('filters.0.value')
  })

  it('filters owner (me, eq, in, notIn, empty) and references (company)', async () => {
    const me = await signUp(t.app)
    const member = await addMember(t.app, me, 'member')
    const company = await post(me, '/api/v1/companies', { name: 'Sheger Coffee' })
    const mine = await person(me, { firstName: 'Mine', companyId: company.id })
    const theirs = await person(me, { firstName: 'Theirs', ownerId: member.userId })
    const nobody = await person(me, { firstName: 'Nobody', ownerId: null })
    const owner = (op: string, value?: unknown) => ids(me, 'people', [{ field: 'owner', op, value } as never])
    expect(await owner('me')).toEqual(sorted(mine))
    expect(await ids(member, 'people', [{ field: 'owner', op: 'me' }])).toEqual(sorted(theirs))
    expect(await owner('eq', member.userId)).toEqual(sorted(theirs))
    expect(await owner('in', [me.userId, member.userId])).toEqual(sorted(mine, theirs))
    expect(await owner('notIn', [me.userId])).toEqual(sorted(theirs, nobody))
    expect(await owner('empty')).toEqual(sorted(nobody))
    expect(await owner('notEmpty')).toEqual(sorted(mine, theirs))

    const co = (op: string, value?: unknown) => ids(me, 'people', [{ field: 'company', op, value } as never])
    expect(await co('eq', company.id)).toEqual(sorted(mine))
    expect(await co('in', [company.id, uuidv7()])).toEqual(sorted(mine))
    expect(await co('neq', company.id)).toEqual(sorted(theirs, nobody))
    expect(await co('empty')).toEqual(sorted(theirs, nobody))
    const bad = await as(t.app, me).get(`/api/v1/people?${q([{ field: 'company', op: 'eq', value: 'x' }])}`)
    expect(bad.statusCode).toBe(400)
    expect(bad.json().errors[0].field).toBe('filters.0.value')
  })

  it('filters tags: has any, has all, has none, empty, not empty', async () => {
    const me = await signUp(t.app)
    const [vip, lead, cold] = [await tag(me, 'VIP'), await tag(me, 'Lead'), await tag(me, 'Cold')]
    const a = await person(me, { firstName: 'A' })
    const b = await person(me, { firstName: 'B' })
    const c = await person(me, { firstName: 'C' })
    await setTags('people', a.id, [vip, lead])
    await setTags('people', b.id, [lead])
    const f = (op: string, value?: unknown) => ids(me, 'people', [{ field: 'tags', op, value } as never])
    expect(await f('in', [vip, cold])).toEqual(sorted(a))
    expect(await f('in', [lead])).toEqual(sorted(a, b))
    expect(await f('all', [vip, lead])).toEqual(sorted(a))
    expect(await f('notIn', [vip])).toEqual(sorted(b, c))
    expect(await f('empty')).toEqual(sorted(c))
    expect(await f('notEmpty')).toEqual(sorted(a, b))

    const company = await post(me, '/api/v1/companies', { name: 'Tagged' })
    await setTags('companies', company.id, [cold])
    expect(await ids(me, 'companies', [{ field: 'tags', op: 'in', value: [cold] }])).toEqual(sorted(company))
    const deal = await post(me, '/api/v1/deals', { title: 'Tagged deal' })
    await setTags('deals', deal.id, [vip])
    expect(await ids(me, 'deals', [{ field: 'tags', op: 'all', value: [vip] }])).toEqual(sorted(deal))
  })

  it('compares datetimes by whole days in the workspace time zone (Addis Ababa, UTC+3)', async () => {
    const me = await signUp(t.app)
    const late = await person(me, { firstName: 'Late' }) // 2025-03-09 23:30 in Addis
    const early = await person(me, { firstName: 'Early' }) // 2025-03-10 00:30 in Addis
    const next = await person(me, { firstName: 'Next' }) // 2025-03-11 12:00 in Addis
    await exec(sql`update people set created_at = '2025-03-09T20:30:00Z' where id = ${late.id}`)
    await exec(sql`update people set created_at = '2025-03-09T21:30:00Z' where id = ${early.id}`)
    await exec(sql`update people set created_at = '2025-03-11T09:00:00Z' where id = ${next.id}`)
    const f = (op: string, value: unknown) => ids(me, 'people', [{ field: 'createdAt', op, value } as never])
    expect(await f('eq', '2025-03-10')).toEqual(sorted(early))
    expect(await f('neq', '2025-03-10')).toEqual(sorted(late, next))
    expect(await f('gt', '2025-03-09')).toEqual(sorted(early, next))
    expect(await f('gte', '2025-03-10')).toEqual(sorted(early, next))
    expect(await f('lt', '2025-03-10')).toEqual(sorted(late))
    expect(await f('lte', '2025-03-10')).toEqual(sorted(late, early))
    expect(await f('between', ['2025-03-10', '2025-03-11'])).toEqual(sorted(early, next))
    expect(await f('between', [null, '2025-03-09'])).toEqual(sorted(late))
    const bad = await as(t.app, me).get(
      `/api/v1/people?${q([{ field: 'createdAt', op: 'eq', value: '2025-02-30' }])}`,
    )
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'filters.0.value' })])
  })

  it('filters deals by amount, status, currency, dates and stage', async () => {
    const me = await signUp(t.app)
    const pipeline = (await as(t.app, me).get('/api/v1/pipelines')).json().data[0]
    const small = await post(me, '/api/v1/deals', { title: 'Small', amountMinor: 10_000 })
    const big = await post(me, '/api/v1/deals', {
      title: 'Big',
      amountMinor: 5_000_000,
      currency: 'USD',
      expectedCloseDate: '2025-06-30',
    })
    const won = await post(me, '/api/v1/deals', { title: 'Won', amountMinor: 70_000 })
    const wonStage = pipeline.stages.find((s: { kind: string }) => s.kind === 'won')
    const moved = await as(t.app, me).patch(
      `/api/v1/deals/${won.id}`,
      { stageId: wonStage.id },
      { 'if-match': '"1"' },
    )
    expect(moved.statusCode, moved.body).toBe(200)
    const f = (field: string, op: string, value?: unknown) =>
      ids(me, 'deals', [{ field, op, value } as never])
    expect(await f('amount', 'gt', 10_000)).toEqual(sorted(big, won))
    expect(await f('amount', 'between', [10_000, 70_000])).toEqual(sorted(small, won))
    expect(await f('amount', 'lte', '70000')).toEqual(sorted(small, won))
    expect(await f('status', 'eq', 'won')).toEqual(sorted(won))
    expect(await f('status', 'in', ['open', 'lost'])).toEqual(sorted(small, big))
    expect(await f('currency', 'eq', 'USD')).toEqual(sorted(big))
    expect(await f('expectedCloseDate', 'lt', '2025-07-01')).toEqual(sorted(big))
    expect(await f('expectedCloseDate', 'empty')).toEqual(sorted(small, won))
    expect(await f('closedAt', 'notEmpty')).toEqual(sorted(won))
    expect(await f('stage', 'eq', wonStage.id)).toEqual(sorted(won))
    expect(await f('title', 'contains', 'BI')).toEqual(sorted(big))
    const frac = await as(t.app, me).get(`/api/v1/deals?${q([{ field: 'amount', op: 'gt', value: 1.5 }])}`)
    expect(frac.json().errors[0].field).toBe('filters.0.value')
  })

  it('filters activities by type, done, due date and assignee', async () => {
    const me = await signUp(t.app)
    const p = await person(me, { firstName: 'Linked' })
    const note = await post(me, '/api/v1/activities', { type: 'note', body: 'Hello', personId: p.id })
    const task = await post(me, '/api/v1/activities', {
      type: 'task',
      title: 'Call back',
      dueAt: '2030-01-01T09:00:00Z',
      personId: p.id,
    })
    const done = await post(me, '/api/v1/activities', {
      type: 'task',
      title: 'Send offer',
      dueAt: '2030-01-02T09:00:00Z',
      personId: p.id,
      done: true,
    })
    const f = (field: string, op: string, value?: unknown) =>
      ids(me, 'activities', [{ field, op, value } as never])
    expect(await f('type', 'eq', 'task')).toEqual(sorted(task, done))
    expect(await f('done', 'eq', true)).toEqual(sorted(done))
    expect(await f('done', 'eq', false)).toEqual(sorted(note, task))
    expect(await f('dueAt', 'empty')).toEqual(sorted(note))
    expect(await f('dueAt', 'eq', '2030-01-01')).toEqual(sorted(task))
    expect(await f('assignee', 'me')).toEqual(sorted(task, done))
    expect(await f('person', 'eq', p.id)).toEqual(sorted(note, task, done))
    expect(await f('title', 'contains', 'offer')).toEqual(sorted(done))
    expect(await ids(me, 'activities', [], '&q=hello')).toEqual(sorted(note))
  })

  it('filters custom fields of every type, read from the custom jsonb', async () => {
    const me = await signUp(t.app)
    await customField(me, 'person', 'budget', 'number')
    await customField(me, 'person', 'deposit', 'currency')
    await customField(me, 'person', 'birthday', 'date')
    await customField(me, 'person', 'vip', 'boolean')
    await customField(me, 'person', 'region', 'select', ['north', 'south'])
    await customField(me, 'person', 'langs', 'multiSelect', ['am', 'en', 'sw'])
    await customField(me, 'person', 'note', 'text')
    await customField(me, 'person', 'alt_phone', 'phone')
    const a = await person(me, { firstName: 'A' })
    const b = await person(me, { firstName: 'B' })
    const c = await person(me, { firstName: 'C' })
    await setCustom('people', a.id, {
      budget: 1500.5,
      deposit: { amount: 250_000, currency: 'ETB' },
      birthday: '1990-05-01',
      vip: true,
      region: 'north',
      langs: ['am', 'en'],
      note: 'Prefers mornings',
      alt_phone: '+251911000111',
    })
    await setCustom('people', b.id, {
      budget: 20,
      deposit: { amount: 1_000, currency: 'USD' },
      birthday: '2001-12-31',
      vip: false,
      region: 'south',
      langs: ['sw'],
    })
    const f = (key: string, op: string, value?: unknown) =>
      ids(me, 'people', [{ field: `custom.${key}`, op, value } as never])
    expect(await f('budget', 'gt', 100)).toEqual(sorted(a))
    expect(await f('budget', 'between', [0, 1500.5])).toEqual(sorted(a, b))
    expect(await f('budget', 'eq', '20')).toEqual(sorted(b))
    expect(await f('budget', 'neq', 20)).toEqual(sorted(a, c))
    expect(await f('budget', 'empty')).toEqual(sorted(c))
    expect(await f('deposit', 'gte', 1_000)).toEqual(sorted(a, b))
    expect(await f('deposit', 'gt', 1_000)).toEqual(sorted(a))
    expect(await f('birthday', 'lt', '2000-01-01')).toEqual(sorted(a))
    expect(await f('birthday', 'eq', '2001-12-31')).toEqual(sorted(b))
    expect(await f('vip', 'eq', true)).toEqual(sorted(a))
    expect(await f('vip', 'eq', 'false')).toEqual(sorted(b))
    expect(await f('vip', 'empty')).toEqual(sorted(c))
    expect(await f('region', 'eq', 'north')).toEqual(sorted(a))
    expect(await f('region', 'notIn', ['north'])).toEqual(sorted(b, c))
    expect(await f('langs', 'in', ['en', 'sw'])).toEqual(sorted(a, b))
    expect(await f('langs', 'all', ['am', 'en'])).toEqual(sorted(a))
    expect(await f('langs', 'notIn', ['am'])).toEqual(sorted(b, c))
    expect(await f('langs', 'empty')).toEqual(sorted(c))
    expect(await f('langs', 'notEmpty')).toEqual(sorted(a, b))
    expect(await f('note', 'contains', 'MORNING')).toEqual(sorted(a))
    expect(await f('note', 'notEmpty')).toEqual(sorted(a))
    expect(await f('alt_phone', 'contains', '0911 000 111')).toEqual(sorted(a))
    expect(await f('alt_phone', 'contains', '000111')).toEqual(sorted(a))

    // Archived fields are gone from filters; another workspace's fields never existed here.
    await exec(
      sql`update custom_fields set archived_at = now() where workspace_id = ${me.workspaceId} and key = 'note'`,
    )
    const archived = await as(t.app, me).get(
      `/api/v1/people?${q([{ field: 'custom.note', op: 'notEmpty' }])}`,
    )
    expect(archived.json().errors).toEqual([
      expect.objectContaining({ field: 'filters.0.field', code: 'unknown_field' }),
    ])
    const stranger = await signUp(t.app)
    const theirs = await as(t.app, stranger).get(
      `/api/v1/people?${q([{ field: 'custom.budget', op: 'empty' }])}`,
    )
    expect(theirs.statusCode).toBe(400)
  })

  it('answers 400 naming each bad condition: field, operator or value', async () => {
    const filters = [
      { field: 'nope', op: 'eq', value: 'x' },
      { field: 'tags', op: 'contains', value: 'x' },
      { field: 'jobTitle', op: 'contains', value: ['x'] },
      { field: 'owner', op: 'in', value: [] },
      { field: 'createdAt', op: 'between', value: ['2025-01-01'] },
      { field: 'firstName', op: 'eq', value: 'ok' },
    ]
    for (const list of ['people', 'people/count']) {
      const res = await as(t.app, owner).get(`/api/v1/${list}?${q(filters)}`)
      expect(res.statusCode).toBe(400)
      expect(res.headers['content-type']).toContain('application/problem+json')
      expect(res.json().errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
        ['filters.0.field', 'unknown_field'],
        ['filters.1.op', 'invalid_op'],
        ['filters.2.value', 'invalid_value'],
        ['filters.3.value', 'invalid_value'],
        ['filters.4.value', 'invalid_value'],
      ])
    }
    // Shape errors come from the schema, with the same paths.
    const shape = await as(t.app, owner).get(`/api/v1/people?${q([{ field: 'x', op: 'bogus' }])}`)
    expect(shape.statusCode).toBe(400)
    expect(shape.json().errors.map((e: { field: string }) => e.field)).toEqual(['filters.0.op'])
    const json = await as(t.app, owner).get('/api/v1/people?filters=%5Bnot-json')
    expect(json.statusCode).toBe(400)
    expect(json.json().errors[0].field).toBe('filters')
    for (const list of ['companies', 'deals', 'activities']) {
      const res = await as(t.app, owner).get(`/api/v1/${list}?${q([{ field: 'nope', op: 'empty' }])}`)
      expect(res.json().errors[0].field).toBe('filters.0.field')
    }
  })
})
