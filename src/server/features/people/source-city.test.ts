import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { as, createTestApp, signUp, type TestApp } from '../../test/harness.ts'

// Where a person came from (a fixed list) and their town: written by create and edit,
// read back by get and list, and recorded as field changes on the timeline.
let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

describe('people source and city', () => {
  it('creates a person with a source and a trimmed city, and reads them back', async () => {
    const me = await signUp(t.app)
    const res = await as(t.app, me).post('/api/v1/people', {
      firstName: 'Almaz',
      source: 'walk_in',
      city: '  Bahir Dar ',
    })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toMatchObject({ firstName: 'Almaz', source: 'walk_in', city: 'Bahir Dar', version: 1 })
    const got = (await as(t.app, me).get(`/api/v1/people/${res.json().id}`)).json()
    expect(got).toMatchObject({ source: 'walk_in', city: 'Bahir Dar' })
    // Without them both are null, and a blank city is no city.
    const plain = await as(t.app, me).post('/api/v1/people', { firstName: 'Juma', city: '   ' })
    expect(plain.json()).toMatchObject({ source: null, city: null })
  })

  it('answers 400 naming source for an unknown source and city for a long one, writing nothing', async () => {
    const me = await signUp(t.app)
    const bad = await as(t.app, me).post('/api/v1/people', { firstName: 'Neema', source: 'billboard' })
    expect(bad.statusCode).toBe(400)
    expect(bad.headers['content-type']).toContain('application/problem+json')
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(['source'])
    const long = await as(t.app, me).post('/api/v1/people', { firstName: 'Neema', city: 'x'.repeat(101) })
    expect(long.statusCode).toBe(400)
    expect(long.json().errors.map((e: { field: string }) => e.field)).toEqual(['city'])
    expect((await as(t.app, me).get('/api/v1/people')).json().data).toHaveLength(0)
  })

  it('updates source and city with If-Match, clears them with null, and records the changes', async () => {
    const me = await signUp(t.app)
    const p = (
      await as(t.app, me).post('/api/v1/people', { firstName: 'Baraka', source: 'referral', city: 'Arusha' })
    ).json()
    const edit = await as(t.app, me).patch(
      `/api/v1/people/${p.id}`,
      { source: 'event', city: 'Mwanza' },
      { 'if-match': '"1"' },
    )
    expect(edit.statusCode, edit.body).toBe(200)
    expect(edit.json()).toMatchObject({ source: 'event', city: 'Mwanza', version: 2 })
    // Another field alone leaves them as they are.
    const other = await as(t.app, me).patch(
      `/api/v1/people/${p.id}`,
      { jobTitle: 'Trader' },
      { 'if-match': '"2"' },
    )
    expect(other.json()).toMatchObject({ source: 'event', city: 'Mwanza', jobTitle: 'Trader', version: 3 })
    const stale = await as(t.app, me).patch(
      `/api/v1/people/${p.id}`,
      { source: 'phone' },
      { 'if-match': '"1"' },
    )
    expect(stale.statusCode).toBe(412)
    const badEdit = await as(t.app, me).patch(
      `/api/v1/people/${p.id}`,
      { source: 'EVENT' },
      { 'if-match': '"3"' },
    )
    expect(badEdit.statusCode).toBe(400)
    expect(badEdit.json().errors[0].field).toBe('source')
    const cleared = await as(t.app, me).patch(
      `/api/v1/people/${p.id}`,
      { source: null, city: '' },
      { 'if-match': '"3"' },
    )
    expect(cleared.json()).toMatchObject({ source: null, city: null, version: 4 })

    const timeline = (await as(t.app, me).get(`/api/v1/people/${p.id}/timeline`)).json().data
    const updates = timeline.filter((e: { kind: string }) => e.kind === 'updated')
    expect(updates.map((e: { changes: unknown }) => e.changes)).toEqual([
      [
        { field: 'source', from: 'event', to: null },
        { field: 'city', from: 'Mwanza', to: null },
      ],
      [{ field: 'jobTitle', from: null, to: 'Trader' }],
      [
        { field: 'source', from: 'referral', to: 'event' },
        { field: 'city', from: 'Arusha', to: 'Mwanza' },
      ],
    ])
  })

  it('lists people with their source and city', async () => {
    const me = await signUp(t.app)
    await as(t.app, me).post('/api/v1/people', { firstName: 'Amani', source: 'phone', city: 'Dodoma' })
    await as(t.app, me).post('/api/v1/people', { firstName: 'Zawadi', source: 'social' })
    await as(t.app, me).post('/api/v1/people', { firstName: 'Makeda', city: 'Adama' })
    const list = (await as(t.app, me).get('/api/v1/people?sort=name')).json().data
    expect(
      list.map((p: { firstName: string; source: string | null; city: string | null }) => [
        p.firstName,
        p.source,
        p.city,
      ]),
    ).toEqual([
      ['Amani', 'phone', 'Dodoma'],
      ['Makeda', null, 'Adama'],
      ['Zawadi', 'social', null],
    ])
    // Another workspace sees none of them.
    const stranger = await signUp(t.app)
    expect((await as(t.app, stranger).get('/api/v1/people')).json().data).toHaveLength(0)
  })
})
