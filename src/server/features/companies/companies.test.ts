import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addMember, as, createTestApp, signUp, type TestApp, type User } from '../../test/harness.ts'

let t: TestApp
let owner: User
beforeAll(async () => {
  t = await createTestApp()
  owner = await signUp(t.app, { country: 'KE', locale: 'sw' })
})
afterAll(() => t.close())

let n = 0
async function create(user: User, body: Record<string, unknown> = {}) {
  n++
  const res = await as(t.app, user).post('/api/v1/companies', { name: `Safari Traders ${n}`, ...body })
  expect(res.statusCode, res.body).toBe(201)
  return res.json()
}

describe('companies', () => {
  it('creates a company with a cleaned-up domain, E.164 phones and the creator as owner', async () => {
    const c = await create(owner, {
      name: 'Mama Mboga Ltd',
      domain: 'https://www.MamaMboga.co.ke/about',
      industry: 'Retail',
      size: '11-50',
      city: 'Nairobi',
      country: 'KE',
      phones: [{ number: '0712 345 678' }],
      emails: [{ email: 'info@mamamboga.co.ke' }],
    })
    expect(c).toMatchObject({
      name: 'Mama Mboga Ltd',
      domain: 'mamamboga.co.ke',
      phones: [{ e164: '+254712345678' }],
      owner: { id: owner.userId },
      peopleCount: 0,
      version: 1,
    })
    const bad = await as(t.app, owner).post('/api/v1/companies', {
      name: 'X',
      domain: 'not a domain',
      size: 'huge',
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['domain', 'size']),
    )
  })

  it('answers 409 for a second company with the same website unless confirmed', async () => {
    const first = await create(owner, { domain: 'kiosk.co.tz' })
    const again = await as(t.app, owner).post('/api/v1/companies', {
      name: 'Kiosk',
      domain: 'http://kiosk.co.tz',
    })
    expect(again.statusCode).toBe(409)
    expect(again.json()).toMatchObject({ code: 'duplicate', existing: { id: first.id } })
    expect(again.json().errors[0].field).toBe('domain')
    const ok = await as(t.app, owner).post('/api/v1/companies?allowDuplicate=true', {
      name: 'Kiosk',
      domain: 'kiosk.co.tz',
    })
    expect(ok.statusCode).toBe(201)
  })

  it('links people, counts and lists them, and shows a person joining on the company timeline', async () => {
    const c = await create(owner)
    const p = await as(t.app, owner).post('/api/v1/people', { firstName: 'Wanjiru', companyId: c.id })
    expect(p.json().company).toEqual({ id: c.id, name: c.name })
    const other = await create(owner)
    const moved = await as(t.app, owner).patch(
      `/api/v1/people/${p.json().id}`,
      { companyId: other.id },
      { 'if-match': '"1"' },
    )
    expect(moved.json().company.id).toBe(other.id)
    await as(t.app, owner).post('/api/v1/people', { firstName: 'Otieno', companyId: other.id })

    expect((await as(t.app, owner).get(`/api/v1/companies/${other.id}`)).json().peopleCount).toBe(2)
    const people = (await as(t.app, owner).get(`/api/v1/people?companyId=${other.id}&sort=name`)).json()
    expect(people.data.map((x: { firstName: string }) => x.firstName)).toEqual(['Otieno', 'Wanjiru'])

    const timeline = (await as(t.app, owner).get(`/api/v1/companies/${other.id}/timeline`)).json()
    expect(timeline.data.map((e: { kind: string; label: string }) => `${e.kind}:${e.label}`)).toEqual([
      'created:Otieno',
      'updated:Wanjiru',
      `created:${other.name}`,
    ])
    const unknown = await as(t.app, owner).post('/api/v1/people', {
      firstName: 'X',
      companyId: '01936b2e-1c3f-7d4a-8b5c-6d7e8f901299',
    })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().errors[0]).toMatchObject({ field: 'companyId', code: 'not_found' })
  })

  it('updates with If-Match, 412 on stale, and records old → new', async () => {
    const c = await create(owner, { city: 'Mombasa' })
    const ok = await as(t.app, owner).patch(
      `/api/v1/companies/${c.id}`,
      { city: 'Kisumu' },
      { 'if-match': '"1"' },
    )
    expect(ok.statusCode).toBe(200)
    const stale = await as(t.app, owner).patch(
      `/api/v1/companies/${c.id}`,
      { city: 'Nakuru' },
      { 'if-match': '"1"' },
    )
    expect(stale.statusCode).toBe(412)
    expect((await as(t.app, owner).get(`/api/v1/companies/${c.id}`)).json().city).toBe('Kisumu')
    const tl = (await as(t.app, owner).get(`/api/v1/companies/${c.id}/timeline`)).json()
    expect(tl.data[0].changes).toEqual([{ field: 'city', from: 'Mombasa', to: 'Kisumu' }])
  })

  it('soft-deletes and restores; the trash lists it', async () => {
    const c = await create(owner, { name: 'Trash Co Zq' })
    await as(t.app, owner).delete(`/api/v1/companies/${c.id}`)
    expect((await as(t.app, owner).get('/api/v1/companies?q=trash co zq')).json().data).toHaveLength(0)
    expect(
      (await as(t.app, owner).get('/api/v1/companies?q=trash co zq&trashed=true')).json().data,
    ).toHaveLength(1)
    const back = await as(t.app, owner).post(`/api/v1/companies/${c.id}/restore`)
    expect(back.json().deletedAt).toBeNull()
  })

  it('gives another workspace 404 on every company route, and a viewer 403 on writes', async () => {
    const c = await create(owner)
    const stranger = as(t.app, await signUp(t.app))
    const url = `/api/v1/companies/${c.id}`
    for (const res of [
      await stranger.get(url),
      await stranger.patch(url, { name: 'Hacked' }, { 'if-match': '"1"' }),
      await stranger.delete(url),
      await stranger.post(`${url}/restore`),
      await stranger.get(`${url}/timeline`),
    ]) {
      expect(res.statusCode).toBe(404)
    }
    expect((await stranger.get('/api/v1/companies')).json().data).toHaveLength(0)
    const viewer = as(t.app, await addMember(t.app, owner, 'viewer'))
    expect((await viewer.get(url)).statusCode).toBe(200)
    for (const res of [
      await viewer.post('/api/v1/companies', { name: 'Nope' }),
      await viewer.patch(url, { name: 'Nope' }, { 'if-match': '"1"' }),
      await viewer.delete(url),
    ]) {
      expect(res.statusCode).toBe(403)
    }
  })
})
