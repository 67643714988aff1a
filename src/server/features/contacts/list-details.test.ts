import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { as, createTestApp, signUp, type TestApp, type User } from '../../test/harness.ts'

// List pages read each record's details (phones, emails, names it points at, stage,
// people count) inside the page's own statement; a record page reads them with separate
// lookups. Both must present a record identically.

let t: TestApp
let owner: User
beforeAll(async () => {
  t = await createTestApp()
  owner = await signUp(t.app)
  const demo = await as(t.app, owner).post('/api/v1/demo-data')
  expect(demo.statusCode, demo.body).toBe(201)
})
afterAll(() => t.close())

describe.each([
  ['people', '-updatedAt', ['phones', 'emails', 'owner', 'company']],
  ['companies', '-updatedAt', ['phones', 'emails', 'owner', 'peopleCount']],
  ['deals', '-updatedAt', ['stage', 'pipeline', 'person', 'company', 'owner']],
  ['activities', '-createdAt', ['person', 'company', 'deal', 'assignee', 'createdBy']],
] as const)('the %s list', (list, sort, details) => {
  it('shows every record exactly as its own page does', async () => {
    const page = await as(t.app, owner).get(`/api/v1/${list}?limit=100&sort=${sort}`)
    expect(page.statusCode, page.body).toBe(200)
    const rows = page.json().data as Record<string, unknown>[]
    expect(rows.length).toBeGreaterThan(5)
    for (const row of rows) {
      const one = await as(t.app, owner).get(`/api/v1/${list}/${row.id}`)
      expect(one.statusCode).toBe(200)
      expect(row).toEqual(one.json())
    }
    // The demo data fills each detail somewhere on the page, so the comparison covers it.
    for (const key of details) {
      const filled = rows.filter((r) => {
        const v = r[key]
        return Array.isArray(v) ? v.length > 0 : typeof v === 'number' ? v > 0 : v !== null
      })
      expect(filled.length, key).toBeGreaterThan(0)
    }
  })
})
