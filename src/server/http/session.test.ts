import { createHmac } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sessions, workspaces } from '../db/schema/index.ts'
import { addMember, as, createTestApp, signUp, type TestApp } from '../test/harness.ts'
import { selectSessionScope, unsignedToken } from './session.ts'

// The one-statement session read (session.ts) and when context.ts hands a session to
// better-auth instead: expired, due for its daily refresh, or a cookie it cannot read.

const SECRET = 'a-test-secret-a-test-secret-a-test-secret'
const signed = (token: string, secret = SECRET) =>
  encodeURIComponent(`${token}.${createHmac('sha256', secret).update(token).digest('base64')}`)

describe('unsignedToken', () => {
  it('returns the token of a cookie signed with the secret', () => {
    const header = `other=1; kiungo.session_token=${signed('abc123')}; x=y`
    expect(unsignedToken(header, 'kiungo.session_token', SECRET)).toBe('abc123')
  })

  it('refuses a wrong signature, a changed token, no signature and no cookie', () => {
    expect(
      unsignedToken(
        `kiungo.session_token=${signed('abc123', 'another-secret')}`,
        'kiungo.session_token',
        SECRET,
      ),
    ).toBeNull()
    const tampered = signed('abc123').replace('abc123', 'abc124')
    expect(unsignedToken(`kiungo.session_token=${tampered}`, 'kiungo.session_token', SECRET)).toBeNull()
    expect(unsignedToken('kiungo.session_token=abc123', 'kiungo.session_token', SECRET)).toBeNull()
    expect(unsignedToken('kiungo.session_token=%E0%A4%A', 'kiungo.session_token', SECRET)).toBeNull()
    expect(unsignedToken(undefined, 'kiungo.session_token', SECRET)).toBeNull()
    expect(
      unsignedToken(`x.kiungo.session_token=${signed('abc123')}`, 'kiungo.session_token', SECRET),
    ).toBeNull()
  })
})

describe('reading the session on each request', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp()
  })
  afterAll(() => t.close())

  const sessionOf = async (userId: string) =>
    (await t.database.db.select().from(sessions).where(eq(sessions.userId, userId)))[0]!

  it('reads the session, its workspace row and role as stored, whatever the database', async () => {
    const user = await signUp(t.app)
    const session = await sessionOf(user.userId)
    const [workspace] = await t.database.db
      .select()
      .from(workspaces)
      .where(eq(workspaces.id, user.workspaceId))
    // Twice: the first read prepares the statement (PGlite), the second reuses it.
    for (let i = 0; i < 2; i++) {
      expect(await selectSessionScope(t.database.db, session.token)).toEqual({
        sessionId: session.id,
        userId: user.userId,
        expiresAt: session.expiresAt,
        activeWorkspaceId: session.activeWorkspaceId,
        membership: { workspace, role: 'owner' },
      })
    }
    expect(await selectSessionScope(t.database.db, 'no-such-token')).toBeNull()
    expect(await selectSessionScope(t.database.db, "it's'); drop table sessions; --")).toBeNull()
    expect(await sessionOf(user.userId)).toEqual(session)
  })

  it('a fresh session reads the user and the active workspace', async () => {
    const user = await signUp(t.app)
    const me = await as(t.app, user).get('/api/v1/me')
    expect(me.statusCode).toBe(200)
    expect(me.json().workspace.id).toBe(user.workspaceId)
    expect(me.json().role).toBe('owner')
  })

  it('follows a switch of workspace and a lost membership on the next request', async () => {
    const owner = await signUp(t.app)
    // Joins the owner's workspace and works in it from then on.
    const other = await addMember(t.app, owner, 'member')
    const joined = (await as(t.app, other).get('/api/v1/me')).json()
    expect(joined.workspace.id).toBe(owner.workspaceId)
    expect(joined.role).toBe('member')
    const own = joined.workspaces.find((w: { id: string }) => w.id !== owner.workspaceId).id
    const switched = await as(t.app, other).post('/api/v1/session/workspace', { workspaceId: own })
    expect(switched.statusCode, switched.body).toBe(200)
    expect((await as(t.app, other).get('/api/v1/me')).json()).toMatchObject({
      workspace: { id: own },
      role: 'owner',
    })
    await as(t.app, other).post('/api/v1/session/workspace', { workspaceId: owner.workspaceId })
    // Removed from the owner's workspace: back in their own, without signing in again.
    const removed = await as(t.app, owner).delete(`/api/v1/workspace/members/${other.userId}`)
    expect(removed.statusCode, removed.body).toBe(204)
    expect((await as(t.app, other).get('/api/v1/me')).json()).toMatchObject({
      workspace: { id: own },
      role: 'owner',
    })
  })

  it('a session due for its daily refresh goes through better-auth, which extends it', async () => {
    const user = await signUp(t.app)
    // Two days old: expires in five days, past the one-day update age.
    await t.database.db
      .update(sessions)
      .set({ expiresAt: sql`now() + interval '5 days'` })
      .where(eq(sessions.userId, user.userId))
    const before = (await sessionOf(user.userId)).expiresAt.getTime()
    expect((await as(t.app, user).get('/api/v1/me')).statusCode).toBe(200)
    const after = (await sessionOf(user.userId)).expiresAt.getTime()
    expect(after - before).toBeGreaterThan(24 * 3600 * 1000)
  })

  it('an expired session, a forged cookie and a signed-out one are 401', async () => {
    const user = await signUp(t.app)
    await t.database.db
      .update(sessions)
      .set({ expiresAt: sql`now() - interval '1 minute'` })
      .where(eq(sessions.userId, user.userId))
    expect((await as(t.app, user).get('/api/v1/me')).statusCode).toBe(401)

    const fresh = await signUp(t.app)
    const { token } = await sessionOf(fresh.userId)
    const forged = { cookie: `kiungo.session_token=${signed(token, 'not-the-app-secret')}` }
    expect((await as(t.app, forged).get('/api/v1/me')).statusCode).toBe(401)
    expect((await as(t.app, { cookie: '' }).get('/api/v1/me')).statusCode).toBe(401)

    const out = await as(t.app, fresh).post('/api/auth/sign-out', {})
    expect(out.statusCode, out.body).toBe(200)
    expect((await as(t.app, fresh).get('/api/v1/me')).statusCode).toBe(401)
  })
})
