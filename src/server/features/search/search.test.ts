import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addMember, as, createTestApp, signUp, type TestApp, type User } from '../../test/harness.ts'
import { searchTerm } from './search.service.ts'

let t: TestApp
let owner: User
let abebe: { id: string }
let geez: { id: string }
let company: { id: string }
let deal: { id: string }

async function post(user: User, url: string, body: Record<string, unknown>) {
  const res = await as(t.app, user).post(url, body)
  expect(res.statusCode, res.body).toBe(201)
  return res.json()
}

async function search(user: User, q: string, extra = '') {
  const res = await as(t.app, user).get(`/api/v1/search?q=${encodeURIComponent(q)}${extra}`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json() as {
    people: { id: string; name: string }[]
    companies: { id: string; name: string }[]
    deals: { id: string; name: string }[]
  }
}

const ids = (hits: { id: string }[]) => hits.map((h) => h.id)

// One Ethiopian workspace with a person in Latin and one in Ge'ez script, a company and
// a deal; tests that need their own ranking build their own workspace.
beforeAll(async () => {
  t = await createTestApp()
  owner = await signUp(t.app)
  company = await post(owner, '/api/v1/companies', {
    name: 'Addis Sports',
    domain: 'https://www.Addis-Sports.et/about',
    city: 'Addis Ababa',
  })
  abebe = await post(owner, '/api/v1/people', {
    firstName: 'Abebe',
    lastName: 'Bikila',
    jobTitle: 'Runner',
    companyId: company.id,
    phones: [{ number: '0911 23 45 67' }, { number: '0922 00 00 01' }],
    emails: [{ email: 'Abebe.Bikila@Example.com' }],
  })
  geez = await post(owner, '/api/v1/people', { firstName: 'አበበ', lastName: 'ቢቂላ' })
  deal = await post(owner, '/api/v1/deals', { title: 'Coffee export contract', amountMinor: 15_000_000 })
})
afterAll(() => t.close())

describe('search', () => {
  it('finds a person by Latin name, case-insensitively, with a small hit', async () => {
    for (const q of ['Abebe', 'abebe bikila', 'BIKILA']) {
      const res = await search(owner, q)
      expect(ids(res.people), q).toEqual([abebe.id])
    }
    expect((await search(owner, 'abebe')).people[0]).toEqual({
      id: abebe.id,
      name: 'Abebe Bikila',
      subtitle: 'Runner · Addis Sports',
      phone: '+251911234567',
      email: 'Abebe.Bikila@Example.com',
    })
  })

  it("finds a person by Ge'ez name, whole or by its first two letters", async () => {
    expect(ids((await search(owner, 'አበበ')).people)).toEqual([geez.id])
    expect(ids((await search(owner, 'ቢቂላ')).people)).toEqual([geez.id])
    expect(ids((await search(owner, 'አበ')).people)).toEqual([geez.id])
    const hit = (await search(owner, 'አበበ ቢቂላ')).people[0]
    expect(hit).toEqual({ id: geez.id, name: 'አበበ ቢቂላ', subtitle: null, phone: null, email: null })
  })

  it('tolerates typos', async () => {
    for (const q of ['Abeeb', 'Abebe Bikilla', 'bikilla']) {
      expect(ids((await search(owner, q)).people), q).toEqual([abebe.id])
    }
    expect(ids((await search(owner, 'Cofee export')).deals)).toEqual([deal.id])
  })

  it('finds the same person by a phone number in any typed format', async () => {
    for (const q of [
      '0911 23 45 67',
      '+251911234567',
      '911234567',
      '251911234567',
      '+251 91 123 4567',
      '0911-234-567',
    ]) {
      expect(ids((await search(owner, q)).people), q).toEqual([abebe.id])
    }
    // The second phone counts too, and a number still being typed matches by its digits.
    expect(ids((await search(owner, '0922000001')).people)).toEqual([abebe.id])
    expect(ids((await search(owner, '0911 23')).people)).toEqual([abebe.id])
    expect(ids((await search(owner, '0911 99 99 99')).people)).toEqual([])
  })

  it('finds a company by its own phone number, and no deal by a phone number', async () => {
    const user = await signUp(t.app)
    const shop = await post(user, '/api/v1/companies', {
      name: 'Kariakoo Hardware',
      phones: [{ number: '+255 754 100 200' }],
    })
    // A deal has no phone numbers, even when its title carries the digits.
    await post(user, '/api/v1/deals', { title: 'Order 255754100200', amountMinor: 100 })
    const res = await search(user, '+255 754 100 200')
    expect([res.people, ids(res.companies), res.deals]).toEqual([[], [shop.id], []])
  })

  it('finds a person by email, as a prefix or anywhere inside', async () => {
    for (const q of ['abebe.bikila@example.com', 'ABEBE.BIKILA@', 'bikila@exam']) {
      expect(ids((await search(owner, q)).people), q).toEqual([abebe.id])
    }
  })

  it('finds a company by name or domain, and a deal by title', async () => {
    const byDomain = await search(owner, 'addis-sports.et')
    expect(byDomain.companies).toEqual([
      { id: company.id, name: 'Addis Sports', subtitle: 'addis-sports.et · Addis Ababa' },
    ])
    expect(ids((await search(owner, 'sports')).companies)).toEqual([company.id])
    const deals = (await search(owner, 'coffee export')).deals
    expect(deals).toEqual([
      {
        id: deal.id,
        name: 'Coffee export contract',
        subtitle: 'Lead',
        amount: { amountMinor: 15_000_000, currency: 'ETB' },
      },
    ])
  })

  it('ranks exact, then prefix, then word start, then inside a word, then typos', async () => {
    const user = await signUp(t.app)
    const names = [
      ['Tesfu', 'Alemu'], // typo
      ['Mestesfa', 'Kebede'], // inside a word
      ['Haile', 'Tesfamariam'], // a later word starts with it
      ['Tesfaye', 'Gebre'], // the name starts with it
      ['Tesfa', ''], // exact
    ]
    const made: Record<string, string> = {}
    for (const [firstName, lastName] of names) {
      made[firstName!] = (await post(user, '/api/v1/people', { firstName, lastName })).id
    }
    const res = await search(user, 'Tesfa')
    expect(ids(res.people)).toEqual(['Tesfa', 'Tesfaye', 'Haile', 'Mestesfa', 'Tesfu'].map((n) => made[n]))
    expect(ids((await search(user, 'Tesfa', '&limit=2')).people)).toEqual([made.Tesfa, made.Tesfaye])
  })

  it('leaves trashed records out', async () => {
    const user = await signUp(t.app)
    const p = await post(user, '/api/v1/people', { firstName: 'Zebulon', lastName: 'Trashed' })
    const c = await post(user, '/api/v1/companies', { name: 'Zebulon Trading' })
    const d = await post(user, '/api/v1/deals', { title: 'Zebulon order' })
    const before = await search(user, 'zebulon')
    expect([before.people, before.companies, before.deals].map(ids)).toEqual([[p.id], [c.id], [d.id]])
    for (const url of [`/api/v1/people/${p.id}`, `/api/v1/companies/${c.id}`, `/api/v1/deals/${d.id}`]) {
      expect((await as(t.app, user).delete(url)).statusCode).toBe(200)
    }
    expect(await search(user, 'zebulon')).toEqual({ people: [], companies: [], deals: [] })
  })

  it('answers empty below two characters, 400 naming q above 100, and honours limit', async () => {
    const empty = { people: [], companies: [], deals: [] }
    for (const q of ['', 'a', ' b ', 'አ', '+', '--']) expect(await search(owner, q), q).toEqual(empty)
    const long = await as(t.app, owner).get(`/api/v1/search?q=${'a'.repeat(101)}`)
    expect(long.statusCode).toBe(400)
    expect(long.json().errors.map((e: { field: string }) => e.field)).toEqual(['q'])
    expect((await as(t.app, owner).get('/api/v1/search?q=abc&limit=21')).statusCode).toBe(400)

    const user = await signUp(t.app)
    for (let i = 0; i < 7; i++)
      await post(user, '/api/v1/people', { firstName: 'Limitname', lastName: `N${i}` })
    expect((await search(user, 'limitname')).people).toHaveLength(5)
    expect((await search(user, 'limitname', '&limit=20')).people).toHaveLength(7)
  })

  it("never shows another workspace's records", async () => {
    const stranger = await signUp(t.app)
    for (const q of ['abebe', 'አበበ', '0911234567', 'addis-sports.et', 'coffee', 'Abeeb']) {
      expect(await search(stranger, q), q).toEqual({ people: [], companies: [], deals: [] })
    }
    const mine = await post(stranger, '/api/v1/people', { firstName: 'Abebe', lastName: 'Other' })
    expect(ids((await search(stranger, 'abebe')).people)).toEqual([mine.id])
    expect(ids((await search(owner, 'abebe')).people)).toEqual([abebe.id])
  })

  it('lets a viewer search, and nobody signed out', async () => {
    const viewer = await addMember(t.app, owner, 'viewer')
    expect(ids((await search(viewer, 'abebe')).people)).toEqual([abebe.id])
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/search?q=abebe' })
    expect(anonymous.statusCode).toBe(401)
  })
})

describe('searchTerm', () => {
  it('reads phone numbers with the workspace country and picks a mode the trigram index can serve', () => {
    expect(searchTerm('0712 345678', 'KE')).toMatchObject({ text: '254712345678', e164: '+254712345678' })
    expect(searchTerm('0911 23', 'ET')).toMatchObject({ text: '091123', mode: 'contains', e164: null })
    expect(searchTerm('  Abebe   BIKILA ', 'ET')).toEqual({
      text: 'abebe bikila',
      mode: 'contains',
      fuzzy: true,
      e164: null,
    })
    expect(searchTerm('ab', 'ET')).toMatchObject({ mode: 'prefix', fuzzy: false })
    expect(searchTerm('ab cd', 'ET')).toMatchObject({ mode: 'prefix', fuzzy: false })
    expect(searchTerm('abe', 'ET')).toMatchObject({ mode: 'contains', fuzzy: false })
    expect(searchTerm('abebe@example.com', 'ET')).toMatchObject({ mode: 'contains', fuzzy: false })
    expect(searchTerm('shop 24', 'ET')).toMatchObject({ mode: 'contains', fuzzy: false })
    expect(searchTerm('a', 'ET')).toBeNull()
    expect(searchTerm('.,', 'ET')).toBeNull()
  })
})
