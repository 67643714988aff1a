import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { as, createTestApp, signUp, type TestApp, type User } from '../../test/harness.ts'
import { normaliseUrl } from './custom-values.ts'

// Custom field values on people, companies and deals: one rule per type, merge on update,
// and the timeline.
let t: TestApp
let ws: User

const FIELDS = [
  { type: 'text', labels: { en: 'Nickname' } },
  { type: 'longText', labels: { en: 'Notes' } },
  { type: 'number', labels: { en: 'Score' } },
  { type: 'currency', labels: { en: 'Budget' } },
  { type: 'date', labels: { en: 'Birthday' } },
  { type: 'boolean', labels: { en: 'Wholesale' } },
  {
    type: 'select',
    labels: { en: 'Tier' },
    options: [{ labels: { en: 'Gold' } }, { labels: { en: 'Silver' } }],
  },
  {
    type: 'multiSelect',
    labels: { en: 'Channels' },
    options: [{ labels: { en: 'SMS' } }, { labels: { en: 'WhatsApp' } }, { labels: { en: 'Email' } }],
  },
  { type: 'phone', labels: { en: 'Shop phone' } },
  { type: 'email', labels: { en: 'Billing email' } },
  { type: 'url', labels: { en: 'Website' } },
]

beforeAll(async () => {
  t = await createTestApp()
  ws = await signUp(t.app)
  for (const f of FIELDS) {
    const res = await as(t.app, ws).post('/api/v1/custom-fields', { object: 'person', ...f })
    expect(res.statusCode, res.body).toBe(201)
  }
  for (const object of ['company', 'deal']) {
    const res = await as(t.app, ws).post('/api/v1/custom-fields', {
      object,
      type: 'number',
      labels: { en: 'Score' },
    })
    expect(res.statusCode, res.body).toBe(201)
  }
})
afterAll(() => t.close())

async function createPerson(custom: Record<string, unknown>) {
  return as(t.app, ws).post('/api/v1/people', { firstName: 'Custom', custom })
}

describe('custom values', () => {
  it('accepts a good value of every type and stores it normalised', async () => {
    const res = await createPerson({
      nickname: '  Abe  ',
      notes: 'n'.repeat(10000),
      score: -2.5,
      budget: { amount: 150000, currency: 'ETB' },
      birthday: '1990-02-28',
      wholesale: false,
      tier: 'gold',
      channels: ['sms', 'whatsapp', 'sms'],
      shop_phone: '0911 23 45 67',
      billing_email: 'pay@shop.et',
      website: 'example.com',
    })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json().custom).toEqual({
      nickname: 'Abe',
      notes: 'n'.repeat(10000),
      score: -2.5,
      budget: { amount: 150000, currency: 'ETB' },
      birthday: '1990-02-28',
      wholesale: false,
      tier: 'gold',
      channels: ['sms', 'whatsapp'],
      shop_phone: '+251911234567',
      billing_email: 'pay@shop.et',
      website: 'https://example.com',
    })
    const got = await as(t.app, ws).get(`/api/v1/people/${res.json().id}`)
    expect(got.json().custom.shop_phone).toBe('+251911234567')
  })

  it('answers 400 naming custom.<key> for each bad value, and writes nothing', async () => {
    const bad: [string, unknown][] = [
      ['nickname', 'x'.repeat(501)],
      ['nickname', 12],
      ['notes', 'x'.repeat(10001)],
      ['score', '12'],
      ['score', true],
      ['budget', 1500],
      ['budget', { amount: 1.5, currency: 'ETB' }],
      ['budget', { amount: 100, currency: 'XYZ' }],
      ['budget', { amount: 100, currency: 'ETB', extra: 1 }],
      ['birthday', '1990-02-30'],
      ['birthday', '28/02/1990'],
      ['wholesale', 'yes'],
      ['tier', 'platinum'],
      ['tier', ['gold']],
      ['channels', 'sms'],
      ['channels', ['sms', 'fax']],
      ['shop_phone', '12'],
      ['billing_email', 'not-an-email'],
      ['website', 'ftp://example.com'],
      ['website', 'not a url'],
      ['website', 'localhost'],
      ['nope', 'x'],
    ]
    for (const [key, value] of bad) {
      const res = await createPerson({ [key]: value })
      expect(res.statusCode, `${key}: ${JSON.stringify(value)}`).toBe(400)
      expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual([`custom.${key}`])
    }
    const unknown = await createPerson({ nope: 1 })
    expect(unknown.json().errors[0].code).toBe('unknown_field')
    // Every bad key is named at once.
    const many = await createPerson({ score: 'x', tier: 'x', nickname: 'fine' })
    expect(
      many
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['custom.score', 'custom.tier'])
    const people = (await as(t.app, ws).get('/api/v1/people?limit=100')).json().data
    expect(people.every((p: { custom: Record<string, unknown> }) => p.custom.nickname !== 'fine')).toBe(true)
  })

  it('merges on update: given keys change, null clears, the rest stays', async () => {
    const person = (await createPerson({ nickname: 'Abe', score: 1, tier: 'gold' })).json()
    const patch = async (custom: Record<string, unknown>, version: number) => {
      const res = await as(t.app, ws).patch(
        `/api/v1/people/${person.id}`,
        { custom },
        { 'if-match': `"${version}"` },
      )
      expect(res.statusCode, res.body).toBe(200)
      return res.json()
    }
    expect((await patch({ score: 2 }, 1)).custom).toEqual({ nickname: 'Abe', score: 2, tier: 'gold' })
    expect((await patch({ nickname: null, channels: ['email'] }, 2)).custom).toEqual({
      score: 2,
      tier: 'gold',
      channels: ['email'],
    })
    // Empty text and an empty list count as no value.
    expect((await patch({ tier: null, channels: [], website: ' ' }, 3)).custom).toEqual({ score: 2 })
    const untouched = await patch({}, 4)
    expect(untouched.custom).toEqual({ score: 2 })
    const bad = await as(t.app, ws).patch(
      `/api/v1/people/${person.id}`,
      { custom: { score: 3, tier: 'nope' } },
      { 'if-match': '"5"' },
    )
    expect(bad.statusCode).toBe(400)
    expect((await as(t.app, ws).get(`/api/v1/people/${person.id}`)).json()).toMatchObject({
      version: 5,
      custom: { score: 2 },
    })
  })

  it('records custom value changes on the timeline', async () => {
    const person = (await createPerson({ score: 1, tier: 'gold' })).json()
    await as(t.app, ws).patch(
      `/api/v1/people/${person.id}`,
      { custom: { score: 5, tier: null, budget: { amount: 200, currency: 'KES' } } },
      { 'if-match': '"1"' },
    )
    const timeline = (await as(t.app, ws).get(`/api/v1/people/${person.id}/timeline`)).json()
    expect(timeline.data[0].kind).toBe('updated')
    expect(timeline.data[0].changes).toEqual([
      { field: 'custom.score', from: 1, to: 5 },
      { field: 'custom.tier', from: 'gold', to: null },
      { field: 'custom.budget', from: null, to: { amount: 200, currency: 'KES' } },
    ])
  })

  it('carries custom values on companies and deals, with their own fields', async () => {
    const company = await as(t.app, ws).post('/api/v1/companies', { name: 'Custom Co', custom: { score: 3 } })
    expect(company.statusCode, company.body).toBe(201)
    expect(company.json().custom).toEqual({ score: 3 })
    const wrongObject = await as(t.app, ws).post('/api/v1/companies', { name: 'X', custom: { tier: 'gold' } })
    expect(wrongObject.statusCode).toBe(400)
    expect(wrongObject.json().errors[0]).toMatchObject({ field: 'custom.tier', code: 'unknown_field' })

    const deal = await as(t.app, ws).post('/api/v1/deals', { title: 'Custom deal', custom: { score: 9 } })
    expect(deal.statusCode, deal.body).toBe(201)
    expect(deal.json().custom).toEqual({ score: 9 })
    const moved = await as(t.app, ws).patch(
      `/api/v1/deals/${deal.json().id}`,
      { custom: { score: 10 } },
      { 'if-match': '"1"' },
    )
    expect(moved.json().custom).toEqual({ score: 10 })
    const timeline = (await as(t.app, ws).get(`/api/v1/deals/${deal.json().id}/timeline`)).json()
    expect(timeline.data[0].changes).toEqual([{ field: 'custom.score', from: 9, to: 10 }])
    const edited = await as(t.app, ws).patch(
      `/api/v1/companies/${company.json().id}`,
      { custom: { score: null } },
      { 'if-match': '"1"' },
    )
    expect(edited.json().custom).toEqual({})
  })

  it('normalises web addresses', () => {
    expect(normaliseUrl('example.com')).toBe('https://example.com')
    expect(normaliseUrl('shop.co.ke/about?x=1')).toBe('https://shop.co.ke/about?x=1')
    expect(normaliseUrl('HTTP://Example.com')).toBe('HTTP://Example.com')
    expect(normaliseUrl('example.com:8080')).toBe('https://example.com:8080')
    expect(normaliseUrl('javascript:alert(1)')).toBeNull()
    expect(normaliseUrl('mailto:a@b.com')).toBeNull()
  })
})
