import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addMember, as, createTestApp, signUp, type TestApp, type User } from '../../test/harness.ts'

let t: TestApp
let owner: User

beforeAll(async () => {
  t = await createTestApp()
  owner = await signUp(t.app)
})
afterAll(() => t.close())

const abebe = {
  firstName: 'አበበ',
  lastName: 'ቢቂላ',
  jobTitle: 'Shop owner',
  phones: [{ number: '0911 23 45 67', label: 'mobile' }],
  emails: [{ email: 'Abebe@Example.com' }],
}

// Tests reuse one sample person, so they confirm duplicates; the duplicate rule has its own tests.
async function create(user: User, body: Record<string, unknown> = abebe) {
  const res = await as(t.app, user).post('/api/v1/people?allowDuplicate=true', body)
  expect(res.statusCode, res.body).toBe(201)
  return res.json()
}

describe('people', () => {
  it("creates a person with Ge'ez names and normalises the phone to E.164", async () => {
    const person = await create(owner)
    expect(person).toMatchObject({
      firstName: 'አበበ',
      lastName: 'ቢቂላ',
      jobTitle: 'Shop owner',
      phones: [{ e164: '+251911234567', label: 'mobile' }],
      emails: [{ email: 'Abebe@Example.com', label: null }],
      owner: { id: owner.userId, name: 'Abebe Bikila' },
      version: 1,
      deletedAt: null,
    })
    const got = await as(t.app, owner).get(`/api/v1/people/${person.id}`)
    expect(got.statusCode).toBe(200)
    expect(got.headers.etag).toBe('"1"')
    expect(got.json().phones[0].e164).toBe('+251911234567')
  })

  it('uses the workspace country as the default phone region', async () => {
    const kenyan = await signUp(t.app, { country: 'KE', locale: 'sw' })
    const person = await create(kenyan, { firstName: 'Wanjiru', phones: [{ number: '0712 345678' }] })
    expect(person.phones[0].e164).toBe('+254712345678')
  })

  it('answers 400 naming the field for an invalid phone, and writes nothing', async () => {
    const res = await as(t.app, owner).post('/api/v1/people', {
      firstName: 'Bad',
      lastName: 'Phone-Unique-Zq',
      phones: [{ number: '+251 911' }, { number: '12' }],
    })
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toContain('application/problem+json')
    const body = res.json()
    expect(body.code).toBe('validation_failed')
    expect(body.errors.map((e: { field: string }) => e.field)).toEqual(['phones.0.number', 'phones.1.number'])
    const list = await as(t.app, owner).get('/api/v1/people?q=phone-unique-zq')
    expect(list.json().data).toHaveLength(0)
  })

  it('answers 400 naming the field for a bad email, a missing name and an unknown field', async () => {
    const res = await as(t.app, owner).post('/api/v1/people', {
      firstName: '',
      emails: [{ email: 'nope' }],
      workspaceId: 'x',
    })
    expect(res.statusCode).toBe(400)
    const fields = res.json().errors.map((e: { field: string }) => e.field)
    expect(fields).toEqual(expect.arrayContaining(['firstName', 'emails.0.email', 'workspaceId']))
  })

  it('returns the same person when a create with a client id is replayed', async () => {
    const id = '01936b2e-1c3f-7d4a-8b5c-6d7e8f901234'
    const first = await as(t.app, owner).post('/api/v1/people', { id, firstName: 'Replay' })
    const again = await as(t.app, owner).post('/api/v1/people', { id, firstName: 'Replay' })
    expect(first.statusCode).toBe(201)
    expect(again.statusCode).toBe(200)
    expect(again.json().id).toBe(id)
  })

  it('updates with If-Match, bumps the version, and answers 412 on a stale version without writing', async () => {
    const person = await create(owner)
    const ok = await as(t.app, owner).patch(
      `/api/v1/people/${person.id}`,
      { jobTitle: 'Manager' },
      { 'if-match': '"1"' },
    )
    expect(ok.statusCode, ok.body).toBe(200)
    expect(ok.json()).toMatchObject({ jobTitle: 'Manager', version: 2 })
    expect(ok.headers.etag).toBe('"2"')

    const stale = await as(t.app, owner).patch(
      `/api/v1/people/${person.id}`,
      { jobTitle: 'Overwritten', phones: [] },
      { 'if-match': '"1"' },
    )
    expect(stale.statusCode).toBe(412)
    expect(stale.json().code).toBe('version_mismatch')
    const after = (await as(t.app, owner).get(`/api/v1/people/${person.id}`)).json()
    expect(after).toMatchObject({ jobTitle: 'Manager', version: 2, phones: [{ e164: '+251911234567' }] })

    const missing = await as(t.app, owner).patch(`/api/v1/people/${person.id}`, { jobTitle: 'x' })
    expect(missing.statusCode).toBe(428)
  })

  it('soft-deletes to the trash and restores', async () => {
    const person = await create(owner, { firstName: 'Trash', lastName: 'Candidate-Qx' })
    const del = await as(t.app, owner).delete(`/api/v1/people/${person.id}`)
    expect(del.statusCode).toBe(200)
    expect(del.json().deletedAt).not.toBeNull()

    const active = await as(t.app, owner).get('/api/v1/people?q=candidate-qx')
    expect(active.json().data).toHaveLength(0)
    const trash = await as(t.app, owner).get('/api/v1/people?q=candidate-qx&trashed=true')
    expect(trash.json().data.map((p: { id: string }) => p.id)).toEqual([person.id])
    const edit = await as(t.app, owner).patch(
      `/api/v1/people/${person.id}`,
      { firstName: 'X' },
      { 'if-match': '"2"' },
    )
    expect(edit.statusCode).toBe(409)

    const restored = await as(t.app, owner).post(`/api/v1/people/${person.id}/restore`)
    expect(restored.statusCode).toBe(200)
    expect(restored.json()).toMatchObject({ deletedAt: null, version: 3 })
    const back = await as(t.app, owner).get('/api/v1/people?q=candidate-qx')
    expect(back.json().data).toHaveLength(1)
  })

  it('pages through the list with a keyset cursor in every sort order, without gaps or repeats', async () => {
    const user = await signUp(t.app)
    const names = ['Zawadi', 'Amani', 'Baraka', 'Neema', 'Tesfaye', 'Makeda', 'Juma']
    for (const firstName of names) await create(user, { firstName })
    for (const sort of ['name', '-name', '-updatedAt', 'createdAt']) {
      const seen: string[] = []
      let cursor: string | null = null
      do {
        const url: string = `/api/v1/people?limit=3&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`
        const page = (await as(t.app, user).get(url)).json()
        seen.push(...page.data.map((p: { firstName: string }) => p.firstName))
        cursor = page.nextCursor
      } while (cursor)
      expect(seen).toHaveLength(names.length)
      if (sort === 'name') expect(seen).toEqual([...names].sort())
      if (sort === '-name') expect(seen).toEqual([...names].sort().reverse())
      if (sort === 'createdAt') expect(seen).toEqual(names)
    }
    const bad = await as(t.app, user).get('/api/v1/people?cursor=garbage')
    expect(bad.statusCode).toBe(400)
    expect(bad.json().errors[0].field).toBe('cursor')
  })

  it('finds people by name, email and phone digits', async () => {
    const user = await signUp(t.app)
    await create(user)
    for (const q of ['አበበ', 'abebe@example', '0911234567', '251911234567']) {
      const res = await as(t.app, user).get(`/api/v1/people?q=${encodeURIComponent(q)}`)
      expect(res.json().data, q).toHaveLength(1)
    }
  })

  it('gives a member of another workspace 404 on every person route', async () => {
    const person = await create(owner)
    const stranger = await signUp(t.app)
    const s = as(t.app, stranger)
    const url = `/api/v1/people/${person.id}`
    for (const res of [
      await s.get(url),
      await s.patch(url, { firstName: 'Hacked' }, { 'if-match': '"1"' }),
      await s.delete(url),
      await s.post(`${url}/restore`),
    ]) {
      expect(res.statusCode).toBe(404)
      expect(res.json().code).toBe('not_found')
    }
    // The stranger's list and create stay inside their own workspace.
    expect((await s.get('/api/v1/people')).json().data).toHaveLength(0)
    const replay = await s.post('/api/v1/people', { id: person.id, firstName: 'Clash' })
    expect(replay.statusCode).toBe(201)
    expect((await as(t.app, owner).get(url)).json().firstName).toBe('አበበ')
  })

  it('lets a viewer read but not write', async () => {
    const person = await create(owner)
    const viewer = await addMember(t.app, owner, 'viewer')
    const v = as(t.app, viewer)
    expect((await v.get(`/api/v1/people/${person.id}`)).statusCode).toBe(200)
    expect((await v.get('/api/v1/people')).statusCode).toBe(200)
    const writes = [
      await v.post('/api/v1/people', { firstName: 'Nope' }),
      await v.patch(`/api/v1/people/${person.id}`, { firstName: 'Nope' }, { 'if-match': '"1"' }),
      await v.delete(`/api/v1/people/${person.id}`),
      await v.post(`/api/v1/people/${person.id}/restore`),
    ]
    for (const res of writes) expect(res.statusCode).toBe(403)
    expect((await as(t.app, owner).get(`/api/v1/people/${person.id}`)).json()).toMatchObject({
      firstName: 'አበበ',
      version: 1,
    })
  })

  it('only accepts workspace members as owner', async () => {
    const stranger = await signUp(t.app)
    const res = await as(t.app, owner).post('/api/v1/people', {
      firstName: 'Owned',
      ownerId: stranger.userId,
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().errors[0]).toMatchObject({ field: 'ownerId', code: 'not_a_member' })
    const member = await addMember(t.app, owner, 'member')
    const ok = await as(t.app, owner).post('/api/v1/people', { firstName: 'Owned', ownerId: member.userId })
    expect(ok.statusCode).toBe(201)
  })

  it('refuses requests without a session', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/people' })
    expect(res.statusCode).toBe(401)
  })

  it('answers 409 naming the existing person when a phone or email is already used, unless confirmed', async () => {
    const user = await signUp(t.app)
    const first = await create(user, {
      firstName: 'Neema',
      phones: [{ number: '0911 11 22 33' }],
      emails: [{ email: 'neema@duka.tz' }],
    })
    const byPhone = await as(t.app, user).post('/api/v1/people', {
      firstName: 'Other',
      phones: [{ number: '+251911112233' }],
    })
    expect(byPhone.statusCode).toBe(409)
    expect(byPhone.json()).toMatchObject({ code: 'duplicate', existing: { id: first.id, name: 'Neema' } })
    expect(byPhone.json().errors[0]).toMatchObject({ field: 'phones.0.number', code: 'duplicate_record' })
    const byEmail = await as(t.app, user).post('/api/v1/people', {
      firstName: 'Other',
      emails: [{ email: 'x@y.com' }, { email: 'NEEMA@duka.tz' }],
    })
    expect(byEmail.statusCode).toBe(409)
    expect(byEmail.json().errors[0].field).toBe('emails.1.email')
    const confirmed = await as(t.app, user).post('/api/v1/people?allowDuplicate=true', {
      firstName: 'Other',
      phones: [{ number: '+251911112233' }],
    })
    expect(confirmed.statusCode).toBe(201)
    // Editing a person keeps their own numbers without tripping over themselves.
    const same = await as(t.app, user).patch(
      `/api/v1/people/${first.id}`,
      { phones: [{ number: '0911112233' }] },
      { 'if-match': '"1"' },
    )
    expect(same.statusCode).toBe(409)
    expect(same.json().existing.name).toBe('Other')
  })

  it('writes creation, field changes (old → new), deletion and restore to the timeline, newest first', async () => {
    const user = await signUp(t.app)
    const p = await create(user, { firstName: 'Baraka', jobTitle: 'Clerk' })
    await as(t.app, user).patch(`/api/v1/people/${p.id}`, { jobTitle: 'Manager' }, { 'if-match': '"1"' })
    await as(t.app, user).delete(`/api/v1/people/${p.id}`)
    await as(t.app, user).post(`/api/v1/people/${p.id}/restore`)
    const res = await as(t.app, user).get(`/api/v1/people/${p.id}/timeline?limit=2`)
    expect(res.statusCode).toBe(200)
    const page1 = res.json()
    expect(page1.data.map((e: { kind: string }) => e.kind)).toEqual(['restored', 'deleted'])
    const page2 = (
      await as(t.app, user).get(`/api/v1/people/${p.id}/timeline?limit=2&cursor=${page1.nextCursor}`)
    ).json()
    expect(page2.data.map((e: { kind: string }) => e.kind)).toEqual(['updated', 'created'])
    expect(page2.data[0]).toMatchObject({
      changes: [{ field: 'jobTitle', from: 'Clerk', to: 'Manager' }],
      actor: { id: user.userId, name: 'Abebe Bikila' },
      label: 'Baraka',
    })
    expect(page2.nextCursor).toBeNull()
    const stranger = await signUp(t.app)
    expect((await as(t.app, stranger).get(`/api/v1/people/${p.id}/timeline`)).statusCode).toBe(404)
  })
})
