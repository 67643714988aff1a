import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { accounts, users } from '../../db/schema/index.ts'
import {
  as,
  cookieFrom,
  createTestApp,
  ORIGIN,
  PASSWORD,
  signUp,
  type TestApp,
  uniqueEmail,
} from '../../test/harness.ts'
import { THROTTLE } from './signin-throttle.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

const workspace = { name: 'Duka la Mama', locale: 'sw', country: 'TZ', calendar: 'gregorian' }

function signUpRaw(payload: Record<string, unknown>) {
  return t.app.inject({ method: 'POST', url: '/api/v1/signup', headers: ORIGIN, payload })
}

function signIn(email: string, password: string, ip = '127.0.0.1') {
  return t.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in/email',
    headers: ORIGIN,
    remoteAddress: ip,
    payload: { email, password },
  })
}

describe('sign-up', () => {
  it('creates the user and a workspace they own, with country defaults, and signs them in', async () => {
    const email = uniqueEmail()
    const res = await signUpRaw({ name: 'Neema Mushi', email, password: PASSWORD, workspace })
    expect(res.statusCode, res.body).toBe(201)
    const me = res.json()
    expect(me.user).toMatchObject({ name: 'Neema Mushi', email, locale: 'sw' })
    expect(me.workspace).toMatchObject({
      name: 'Duka la Mama',
      country: 'TZ',
      currency: 'TZS',
      timeZone: 'Africa/Dar_es_Salaam',
      calendar: 'gregorian',
      locale: 'sw',
    })
    expect(me.role).toBe('owner')

    const setCookie = [res.headers['set-cookie']].flat().join('\n')
    expect(setCookie).toMatch(/kiungo\.session_token=/)
    expect(setCookie).toMatch(/HttpOnly/i)
    expect(setCookie).toMatch(/SameSite=Lax/i)
    const again = await as(t.app, { cookie: cookieFrom(res.headers['set-cookie']) }).get('/api/v1/me')
    expect(again.json().workspace.id).toBe(me.workspace.id)
  })

  it('hashes the password with argon2id at OWASP ASVS strength', async () => {
    const user = await signUp(t.app)
    const [row] = await t.database.db.select().from(accounts).where(eq(accounts.userId, user.userId))
    expect(row?.password).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
  })

  it('refuses a short password and a common one, naming the field, and creates nothing', async () => {
    const email = uniqueEmail()
    const short = await signUpRaw({ name: 'A', email, password: 'short', workspace })
    expect(short.statusCode).toBe(400)
    expect(short.headers['content-type']).toContain('application/problem+json')
    expect(short.json().errors[0]).toMatchObject({ field: 'password' })
    const common = await signUpRaw({ name: 'A', email, password: 'password123', workspace })
    expect(common.statusCode).toBe(400)
    expect(common.json().errors[0]).toMatchObject({ field: 'password', code: 'common_password' })
    const found = await t.database.db.select().from(users).where(eq(users.email, email))
    expect(found).toHaveLength(0)
  })

  it('names every bad workspace field', async () => {
    const res = await signUpRaw({
      name: 'A',
      email: uniqueEmail(),
      password: PASSWORD,
      workspace: { name: '', locale: 'fr', country: 'XX', calendar: 'julian' },
    })
    expect(res.statusCode).toBe(400)
    const fields = res.json().errors.map((e: { field: string }) => e.field)
    expect(fields).toEqual(
      expect.arrayContaining([
        'workspace.name',
        'workspace.locale',
        'workspace.country',
        'workspace.calendar',
      ]),
    )
  })

  it('answers 409 on an email that already has an account', async () => {
    const user = await signUp(t.app)
    const res = await signUpRaw({ name: 'B', email: user.email, password: PASSWORD, workspace })
    expect(res.statusCode).toBe(409)
    expect(res.json().errors[0]).toMatchObject({ field: 'email', code: 'email_taken' })
  })

  it('can create an account without a workspace (to join one by invitation)', async () => {
    const res = await signUpRaw({ name: 'Joiner', email: uniqueEmail(), password: PASSWORD })
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({ workspace: null, role: null, workspaces: [] })
    const cookie = cookieFrom(res.headers['set-cookie'])
    const people = await as(t.app, { cookie }).get('/api/v1/people')
    expect(people.statusCode).toBe(409)
    expect(people.json().code).toBe('no_workspace')
  })
})

describe('sign-in', () => {
  it('signs in with the right password and out again, ending the session on the server', async () => {
    const user = await signUp(t.app)
    const res = await signIn(user.email, PASSWORD)
    expect(res.statusCode).toBe(200)
    const cookie = cookieFrom(res.headers['set-cookie'])
    expect((await as(t.app, { cookie }).get('/api/v1/me')).statusCode).toBe(200)
    const out = await as(t.app, { cookie }).post('/api/auth/sign-out', {})
    expect(out.statusCode).toBe(200)
    expect((await as(t.app, { cookie }).get('/api/v1/me')).statusCode).toBe(401)
  })

  it('gives the same answer for a wrong password and an unknown email', async () => {
    const user = await signUp(t.app)
    const wrong = await signIn(user.email, 'not the password at all', '10.0.0.1')
    const unknown = await signIn(uniqueEmail('nobody'), 'not the password at all', '10.0.0.1')
    expect(wrong.statusCode).toBe(401)
    expect(unknown.statusCode).toBe(401)
    expect(unknown.body).toBe(wrong.body)
  })

  it('throttles failed sign-ins per account, even with the right password, then per IP', async () => {
    const user = await signUp(t.app)
    for (let i = 0; i < THROTTLE.perAccount; i++) {
      expect((await signIn(user.email, `wrong-${i}-password`, `10.1.0.${i}`)).statusCode).toBe(401)
    }
    const blocked = await signIn(user.email, PASSWORD, '10.1.1.1')
    expect(blocked.statusCode).toBe(429)
    expect(blocked.json().code).toBe('too_many_attempts')
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0)
    // Another account is not affected.
    const other = await signUp(t.app)
    expect((await signIn(other.email, PASSWORD, '10.1.1.1')).statusCode).toBe(200)
  })

  it('throttles one IP that tries many accounts', async () => {
    const ip = '10.2.0.1'
    for (let i = 0; i < THROTTLE.perIp; i++) {
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in/email',
        headers: ORIGIN,
        remoteAddress: ip,
        payload: { email: `spray-${i}@example.com`, password: 'wrong-password' },
      })
    }
    expect((await signIn(uniqueEmail(), 'wrong-password', ip)).statusCode).toBe(429)
  }, 120_000)
})

describe('CSRF', () => {
  it('refuses a cookie-authenticated write from another origin, and one without Origin', async () => {
    const user = await signUp(t.app)
    for (const headers of [{ origin: 'https://evil.example' }, {}]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/people',
        headers: { cookie: user.cookie, ...headers },
        payload: { firstName: 'Forged' },
      })
      expect(res.statusCode).toBe(403)
      expect(res.json().code).toBe('cross_site_request')
    }
    const list = await as(t.app, user).get('/api/v1/people')
    expect(list.json().data).toHaveLength(0)
  })
})
