import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { as, createTestApp, signUp, type TestApp } from '../../test/harness.ts'
import { runJobsOnce } from '../jobs/jobs.ts'
import { detectSource, suggestMapping } from './detect.ts'
import { personSourceOf } from './person-source.ts'
import { importFile } from './test-upload.ts'

// A person's town and source from an import: which columns feed them in the known
// exports and in any file, how a source cell is read, and what the people end up with.
let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

const mapped = (columns: string[]) => {
  const mapping = suggestMapping('person', columns, detectSource(columns), [])
  return Object.fromEntries(Object.entries(mapping).filter(([, target]) => target))
}

describe('city and source columns', () => {
  it('maps the city columns of Google, Outlook and HubSpot exports, and their source columns', () => {
    const google = ['First Name', 'Last Name', 'Phone 1 - Value', 'Address 1 - Street', 'Address 1 - City']
    expect(mapped(google)).toEqual({
      'First Name': 'firstName',
      'Last Name': 'lastName',
      'Phone 1 - Value': 'phone',
      'Address 1 - City': 'city',
    })
    const outlook = [
      'First Name',
      'Last Name',
      'E-mail Address',
      'Mobile Phone',
      'Business City',
      'Home City',
    ]
    // One column per field: Business City comes first in Outlook's files.
    expect(mapped(outlook)).toMatchObject({ 'Business City': 'city' })
    expect(mapped(outlook)['Home City']).toBeUndefined()
    expect(mapped(['First Name', 'Last Name', 'E-mail Address', 'Mobile Phone', 'Home City'])).toMatchObject({
      'Home City': 'city',
    })
    const hubspot = ['Record ID', 'First Name', 'Last Name', 'Email', 'City', 'Original Source']
    expect(detectSource(hubspot)).toBe('hubspot')
    expect(mapped(hubspot)).toMatchObject({ City: 'city', 'Original Source': 'source' })
    // Any other file: by name, in English, Swahili and Amharic.
    expect(mapped(['Name', 'City', 'Lead Source'])).toEqual({
      Name: 'fullName',
      City: 'city',
      'Lead Source': 'source',
    })
    expect(mapped(['Jina', 'Mji', 'Chanzo'])).toEqual({ Jina: 'fullName', Mji: 'city', Chanzo: 'source' })
    expect(mapped(['ስም', 'ከተማ', 'ምንጭ'])).toEqual({ ስም: 'fullName', ከተማ: 'city', ምንጭ: 'source' })
    expect(mapped(['Name', 'Source'])).toEqual({ Name: 'fullName', Source: 'source' })
  })

  it('reads a source cell as a known source key in any case, else as not set', () => {
    expect(personSourceOf('Referral')).toBe('referral')
    expect(personSourceOf(' WALK_IN ')).toBe('walk_in')
    expect(personSourceOf('Walk-in')).toBe('walk_in')
    expect(personSourceOf('walk in')).toBe('walk_in')
    expect(personSourceOf('Referrals')).toBe('referral')
    expect(personSourceOf('EVENT')).toBe('event')
    expect(personSourceOf('Organic Search')).toBeNull()
    expect(personSourceOf('Offline Sources')).toBeNull()
    expect(personSourceOf('')).toBeNull()
  })
})

describe('importing city and source', () => {
  it('creates people with their city and known source; an unknown source leaves it unset', async () => {
    const user = await signUp(t.app)
    const csv = [
      'Name,Phone,City,Lead Source',
      'Almaz Tesfaye,0911 00 10 01, Hawassa ,Referral',
      'Juma Ali,0911 00 10 02,Mombasa,Billboard',
      'Neema Mushi,0911 00 10 03,,walk-in',
    ].join('\n')
    const done = await importFile(t.app, t.database.db, user, 'leads.csv', csv)
    expect(done.counts).toMatchObject({ created: 3, updated: 0, skipped: 0, failed: 0 })
    const list = (await as(t.app, user).get('/api/v1/people?sort=name')).json().data
    expect(
      list.map((p: { firstName: string; city: string | null; source: string | null }) => [
        p.firstName,
        p.city,
        p.source,
      ]),
    ).toEqual([
      ['Almaz', 'Hawassa', 'referral'],
      ['Juma', 'Mombasa', null],
      ['Neema', null, 'walk_in'],
    ])
  })

  it('updates a duplicate’s city and source (blank cells keep theirs), and a revert puts them back', async () => {
    const user = await signUp(t.app)
    const api = as(t.app, user)
    const baraka = (
      await api.post('/api/v1/people', {
        firstName: 'Baraka',
        phones: [{ number: '0911 00 20 01' }],
        source: 'phone',
        city: 'Arusha',
      })
    ).json()
    const zawadi = (
      await api.post('/api/v1/people', {
        firstName: 'Zawadi',
        phones: [{ number: '0911 00 20 02' }],
        city: 'Dodoma',
      })
    ).json()
    const csv = [
      'Name,Phone,City,Source',
      'Baraka,0911002001,Mwanza,event',
      'Zawadi,0911002002,,social',
    ].join('\n')
    const done = await importFile(t.app, t.database.db, user, 'again.csv', csv, { duplicates: 'update' })
    expect(done.counts).toMatchObject({ created: 0, updated: 2, failed: 0 })
    expect((await api.get(`/api/v1/people/${baraka.id}`)).json()).toMatchObject({
      city: 'Mwanza',
      source: 'event',
      version: 2,
    })
    expect((await api.get(`/api/v1/people/${zawadi.id}`)).json()).toMatchObject({
      city: 'Dodoma',
      source: 'social',
    })
    const timeline = (await api.get(`/api/v1/people/${baraka.id}/timeline`)).json().data
    expect(timeline[0]).toMatchObject({
      kind: 'updated',
      changes: [
        { field: 'source', from: 'phone', to: 'event' },
        { field: 'city', from: 'Arusha', to: 'Mwanza' },
      ],
    })

    expect((await api.post(`/api/v1/imports/${done.id}/revert`)).statusCode).toBe(202)
    await runJobsOnce(t.database.db, { workspaceId: user.workspaceId })
    expect((await api.get(`/api/v1/people/${baraka.id}`)).json()).toMatchObject({
      city: 'Arusha',
      source: 'phone',
    })
    expect((await api.get(`/api/v1/people/${zawadi.id}`)).json()).toMatchObject({
      city: 'Dodoma',
      source: null,
    })
  })
})
