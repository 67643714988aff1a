import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  addMember,
  as,
  cookieFrom,
  createTestApp,
  ORIGIN,
  PASSWORD,
  signUp,
  type TestApp,
  uniqueEmail,
} from '../../test/harness.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

describe('workspace settings', () => {
  it('lets an admin change settings with If-Match and refuses a stale version', async () => {
    const owner = await signUp(t.app)
    const ok = await as(t.app, owner).patch(
      '/api/v1/workspace',
      { calendar: 'ethiopic', currency: 'USD' },
      { 'if-match': '"1"' },
    )
    expect(ok.statusCode, ok.body).toBe(200)
    expect(ok.json()).toMatchObject({ calendar: 'ethiopic', currency: 'USD', version: 2 })
    const stale = await as(t.app, owner).patch('/api/v1/workspace', { name: 'Lost' }, { 'if-match': '"1"' })
    expect(stale.statusCode).toBe(412)
    const bad = await as(t.app, owner).patch('/api/v1/workspace', { currency: 'XYZ' }, { 'if-match': '"2"' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().errors[0].field).toBe('currency')
  })

  it('refuses settings changes from members and viewers', async () => {
    const owner = await signUp(t.app)
    for (const role of ['member', 'viewer'] as const) {
      const user = await addMember(t.app, owner, role)
      const res = await as(t.app, user).patch(
        '/api/v1/workspace',
        { name: 'Mine now' },
        { 'if-match': '"1"' },
      )
      expect(res.statusCode).toBe(403)
      expect(
        (await as(t.app, user).post('/api/v1/workspace/invitations', { role: 'admin' })).statusCode,
      ).toBe(403)
    }
  })
})

describe('invitations', () => {
  it('joins a workspace by link with the invited role, once', async () => {
    const owner = await signUp(t.app, { name: 'Mama Duka' })
    const invite = await as(t.app, owner).post('/api/v1/workspace/invitations', { role: 'member' })
    expect(invite.statusCode).toBe(201)
    const { url } = invite.json()
    expect(url).toMatch(/^http:\/\/localhost:3000\/invite\/[\w-]{20,}$/)
    const token = url.split('/invite/')[1]

    const preview = await t.app.inject({ method: 'GET', url: `/api/v1/invitations/${token}` })
    expect(preview.json()).toMatchObject({ workspaceName: 'Mama Duka', role: 'member' })

    // A newcomer signs up without a workspace of their own, then accepts.
    const signup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/signup',
      headers: ORIGIN,
      payload: { name: 'Juma', email: uniqueEmail(), password: PASSWORD },
    })
    const juma = { cookie: cookieFrom(signup.headers['set-cookie']) }
    const accepted = await as(t.app, juma).post(`/api/v1/invitations/${token}/accept`)
    expect(accepted.statusCode).toBe(200)
    expect(accepted.json()).toMatchObject({ role: 'member', workspace: { name: 'Mama Duka' } })

    const again = await as(t.app, await signUp(t.app)).post(`/api/v1/invitations/${token}/accept`)
    expect(again.statusCode).toBe(404)
    expect(again.json().code).toBe('invitation_invalid')

    const members = (await as(t.app, owner).get('/api/v1/workspace/members')).json()
    expect(members.map((m: { name: string; role: string }) => [m.name, m.role])).toEqual(
      expect.arrayContaining([['Juma', 'member']]),
    )
  })

  it('lists and revokes links; a revoked link does not work; other workspaces get 404', async () => {
    const owner = await signUp(t.app)
    const created = (await as(t.app, owner).post('/api/v1/workspace/invitations', { role: 'viewer' })).json()
    const list = (await as(t.app, owner).get('/api/v1/workspace/invitations')).json()
    expect(list[0]).toMatchObject({ id: created.id, role: 'viewer' })
    expect(list[0].url).toBeUndefined()

    const stranger = await signUp(t.app)
    expect((await as(t.app, stranger).delete(`/api/v1/workspace/invitations/${created.id}`)).statusCode).toBe(
      404,
    )

    expect((await as(t.app, owner).delete(`/api/v1/workspace/invitations/${created.id}`)).statusCode).toBe(
      204,
    )
    const token = created.url.split('/invite/')[1]
    expect((await as(t.app, stranger).post(`/api/v1/invitations/${token}/accept`)).statusCode).toBe(404)
  })

  it('refuses owner as an invitation role', async () => {
    const owner = await signUp(t.app)
    const res = await as(t.app, owner).post('/api/v1/workspace/invitations', { role: 'owner' })
    expect(res.statusCode).toBe(400)
    expect(res.json().errors[0].field).toBe('role')
  })
})

describe('members and roles', () => {
  it('changes roles, keeps at least one owner, and hides other workspaces', async () => {
    const owner = await signUp(t.app)
    const member = await addMember(t.app, owner, 'member')
    const o = as(t.app, owner)
    expect((await o.patch(`/api/v1/workspace/members/${member.userId}`, { role: 'viewer' })).statusCode).toBe(
      204,
    )
    const v = await as(t.app, member).post('/api/v1/people', { firstName: 'Blocked' })
    expect(v.statusCode).toBe(403)

    const last = await o.patch(`/api/v1/workspace/members/${owner.userId}`, { role: 'admin' })
    expect(last.statusCode).toBe(400)
    expect(last.json().errors[0].code).toBe('last_owner')

    const stranger = await signUp(t.app)
    expect(
      (await o.patch(`/api/v1/workspace/members/${stranger.userId}`, { role: 'admin' })).statusCode,
    ).toBe(404)
    expect((await as(t.app, stranger).delete(`/api/v1/workspace/members/${member.userId}`)).statusCode).toBe(
      404,
    )

    expect((await o.delete(`/api/v1/workspace/members/${member.userId}`)).statusCode).toBe(204)
    const gone = await as(t.app, member).get('/api/v1/people')
    // Back in their own workspace, which is empty.
    expect(gone.json().data).toHaveLength(0)
  })

  it('an admin cannot promote anyone to owner', async () => {
    const owner = await signUp(t.app)
    const admin = await addMember(t.app, owner, 'admin')
    const member = await addMember(t.app, owner, 'member')
    const res = await as(t.app, admin).patch(`/api/v1/workspace/members/${member.userId}`, { role: 'owner' })
    expect(res.statusCode).toBe(403)
  })
})

describe('several workspaces', () => {
  it('creates a second workspace, switches between them, and keeps their people apart', async () => {
    const user = await signUp(t.app, { name: 'Addis shop' })
    const u = as(t.app, user)
    await u.post('/api/v1/people', { firstName: 'Almaz' })
    const second = await u.post('/api/v1/workspaces', {
      name: 'Nairobi shop',
      locale: 'sw',
      country: 'KE',
      calendar: 'gregorian',
    })
    expect(second.statusCode).toBe(201)
    expect(second.json().workspaces).toHaveLength(2)
    expect(second.json().workspace).toMatchObject({ name: 'Nairobi shop', currency: 'KES' })
    expect((await u.get('/api/v1/people')).json().data).toHaveLength(0)

    const back = await u.post('/api/v1/session/workspace', { workspaceId: user.workspaceId })
    expect(back.json().workspace.name).toBe('Addis shop')
    expect(
      (await u.get('/api/v1/people')).json().data.map((p: { firstName: string }) => p.firstName),
    ).toEqual(['Almaz'])

    const stranger = await signUp(t.app)
    const sneak = await as(t.app, stranger).post('/api/v1/session/workspace', {
      workspaceId: user.workspaceId,
    })
    expect(sneak.statusCode).toBe(404)
  })

  it('remembers the language a user picks', async () => {
    const user = await signUp(t.app)
    const res = await as(t.app, user).patch('/api/v1/me', { locale: 'am' })
    expect(res.json().user.locale).toBe('am')
    expect((await as(t.app, user).get('/api/v1/me')).json().user.locale).toBe('am')
  })
})
