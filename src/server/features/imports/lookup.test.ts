import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { as, createTestApp, signUp, type TestApp, type User } from '../../test/harness.ts'
import { findByKeys } from './lookup.ts'

// The duplicate lookup of an import batch: live records of the workspace only, by each
// kind of key, oldest first.

let t: TestApp
let owner: User
let other: User
beforeAll(async () => {
  t = await createTestApp()
  owner = await signUp(t.app)
  other = await signUp(t.app)
})
afterAll(() => t.close())

async function post(user: User, url: string, body: Record<string, unknown>) {
  const res = await as(t.app, user).post(url, body)
  expect(res.statusCode, res.body).toBe(201)
  return res.json() as { id: string }
}

const none = { phones: [], emails: [], domains: [], names: [] }

describe('findByKeys', () => {
  it('finds live people by phone and email, oldest first, and companies by domain and name', async () => {
    const first = await post(owner, '/api/v1/people', {
      firstName: 'Almaz',
      phones: [{ number: '+251911000101' }],
      emails: [{ email: 'Almaz@Example.et' }],
    })
    const second = await post(owner, '/api/v1/people?allowDuplicate=true', {
      firstName: 'Almaz',
      phones: [{ number: '+251911000101' }],
    })
    const gone = await post(owner, '/api/v1/people', {
      firstName: 'Gone',
      phones: [{ number: '+251911000102' }],
    })
    expect((await as(t.app, owner).delete(`/api/v1/people/${gone.id}`)).statusCode).toBe(200)
    // Another workspace's records with the same keys are never found.
    await post(other, '/api/v1/people', { firstName: 'Elsewhere', phones: [{ number: '+251911000101' }] })
    const company = await post(owner, '/api/v1/companies', { name: 'Abay Trading', domain: 'abay.example' })

    const rows = await findByKeys(t.database.db, owner.workspaceId, 'person', {
      phones: ['+251911000101', '+251911000102', '+251911000199'],
      emails: ['almaz@example.et'],
      domains: ['abay.example'],
      names: ['abay trading', 'nobody ltd'],
    })
    expect(rows.map((r) => [r.k, r.id])).toEqual(
      [
        ['p:+251911000101', first.id],
        ['e:almaz@example.et', first.id],
        ['p:+251911000101', second.id],
        ['d:abay.example', company.id],
        ['n:abay trading', company.id],
      ].sort((a, b) => a[1]!.localeCompare(b[1]!) || 0),
    )
    expect(rows.findIndex((r) => r.id === first.id)).toBeLessThan(rows.findIndex((r) => r.id === second.id))
    expect(await findByKeys(t.database.db, owner.workspaceId, 'person', none)).toEqual([])
  })

  it('finds companies by their own phones and emails', async () => {
    const company = await post(owner, '/api/v1/companies', {
      name: 'Rift Valley Dairy',
      phones: [{ number: '+254712000301' }],
      emails: [{ email: 'info@rift.example' }],
    })
    const rows = await findByKeys(t.database.db, owner.workspaceId, 'company', {
      ...none,
      phones: ['+254712000301'],
      emails: ['info@rift.example'],
    })
    expect(rows.map((r) => r.k).sort()).toEqual(['e:info@rift.example', 'p:+254712000301'])
    expect(rows.every((r) => r.id === company.id)).toBe(true)
  })
})
