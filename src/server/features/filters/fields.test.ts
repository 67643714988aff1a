import { sql } from 'drizzle-orm'
import { uuidv7 } from 'uuidv7'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addMember, as, createTestApp, signUp, type TestApp, type User } from '../../test/harness.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

const exec = (query: ReturnType<typeof sql>) => t.database.db.execute(query)
async function customField(user: User, object: string, key: string, type: string, options: string[] = []) {
  await exec(sql`insert into custom_fields (workspace_id, id, object, key, type, labels, options)
    values (${user.workspaceId}, ${uuidv7()}, ${object}, ${key}, ${type}, ${JSON.stringify({ en: key })}::jsonb,
      ${JSON.stringify(options.map((k) => ({ key: k, labels: { en: k } })))}::jsonb)`)
}

describe('field catalog', () => {
  it('lists built-in fields, then live custom fields, per object', async () => {
    const me = await signUp(t.app)
    await customField(me, 'person', 'budget', 'number')
    await customField(me, 'person', 'langs', 'multiSelect', ['am', 'sw'])
    await customField(me, 'person', 'old', 'text')
    await exec(
      sql`update custom_fields set archived_at = now() where workspace_id = ${me.workspaceId} and key = 'old'`,
    )
    const viewer = await addMember(t.app, me, 'viewer')
    const res = await as(t.app, viewer).get('/api/v1/fields?object=person')
    expect(res.statusCode, res.body).toBe(200)
    const fields = res.json().data
    expect(fields.map((f: { key: string }) => f.key)).toEqual([
      'name',
      'firstName',
      'lastName',
      'jobTitle',
      'company',
      'phone',
      'email',
      'source',
      'city',
      'owner',
      'tags',
      'createdAt',
      'updatedAt',
      'custom.budget',
      'custom.langs',
    ])
    expect(fields).toContainEqual({
      key: 'company',
      type: 'ref',
      builtIn: true,
      sortable: false,
      ref: 'company',
    })
    expect(fields).toContainEqual({ key: 'jobTitle', type: 'text', builtIn: true, sortable: true })
    expect(fields).toContainEqual({
      key: 'custom.langs',
      type: 'multiSelect',
      builtIn: false,
      sortable: false,
      labels: { en: 'langs' },
      options: [
        { key: 'am', labels: { en: 'am' } },
        { key: 'sw', labels: { en: 'sw' } },
      ],
    })
    const deal = (await as(t.app, me).get('/api/v1/fields?object=deal')).json().data
    expect(deal.find((f: { key: string }) => f.key === 'status').options).toEqual([
      { key: 'open' },
      { key: 'won' },
      { key: 'lost' },
    ])
    const activity = (await as(t.app, me).get('/api/v1/fields?object=activity')).json().data
    expect(activity.map((f: { key: string }) => f.key)).toContain('dueAt')
    // Another workspace sees only the built-in fields.
    const stranger = await signUp(t.app)
    const theirs = (await as(t.app, stranger).get('/api/v1/fields?object=person')).json().data
    expect(theirs.some((f: { builtIn: boolean }) => !f.builtIn)).toBe(false)
    expect((await as(t.app, me).get('/api/v1/fields?object=nope')).statusCode).toBe(400)
    expect((await t.app.inject({ url: '/api/v1/fields?object=person' })).statusCode).toBe(401)
  })
})
