import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addMember, as, createTestApp, signUp, type TestApp, type User } from '../../test/harness.ts'
import { importLimits } from './imports.service.ts'
import { fixture, importFile, multipartBody, upload } from './test-upload.ts'

// The import API end to end: multipart upload, detection, the mapping step, the job,
// duplicates, companies, errors.csv, permissions and workspace isolation.

let t: TestApp
let owner: User
beforeAll(async () => {
  t = await createTestApp()
  owner = await signUp(t.app)
})
afterAll(() => t.close())

const people = async (user: User, q = '') =>
  (await as(t.app, user).get(`/api/v1/people?limit=100${q ? `&q=${encodeURIComponent(q)}` : ''}`)).json().data

describe('upload and mapping step', () => {
  it('detects a Google Contacts export and suggests its mapping', async () => {
    const res = await upload(t.app, owner, 'contacts.csv', fixture('google.csv'))
    expect(res.statusCode).toBe(201)
    const imp = res.json()
    expect(imp).toMatchObject({
      object: 'person',
      fileName: 'contacts.csv',
      format: 'csv',
      encoding: 'utf-8',
      delimiter: ',',
      rowCount: 5,
      source: 'google',
      status: 'uploaded',
      duplicates: 'skip',
      jobId: null,
      counts: { done: 0, total: 5, created: 0, updated: 0, skipped: 0, failed: 0 },
    })
    expect(imp.columns).toHaveLength(36)
    expect(imp.sample).toHaveLength(5)
    expect(imp.sample[0][0]).toBe('አበበ')
    expect(imp.suggestedMapping['First Name']).toBe('firstName')
    expect(imp.suggestedMapping.Notes).toBeNull()
    const list = (await as(t.app, owner).get('/api/v1/imports')).json().data
    expect(list[0].id).toBe(imp.id)
    expect((await as(t.app, owner).get(`/api/v1/imports/${imp.id}`)).json().id).toBe(imp.id)
  })

  it('takes the fields before or after the file, and a UTF-8 file name', async () => {
    const built = multipartBody({}, { name: 'ስልኮች.vcf', content: fixture('android.vcf') })
    const tail = Buffer.from(built.payload.toString('latin1').replace(/--\r\n$/, ''), 'latin1')
    const boundary = built.headers['content-type'].split('boundary=')[1]
    const payload = Buffer.concat([
      tail,
      Buffer.from(`\r\nContent-Disposition: form-data; name="object"\r\n\r\nperson\r\n--${boundary}--\r\n`),
    ])
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { cookie: owner.cookie, origin: 'http://localhost:3000', ...built.headers },
      payload,
    })
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({ fileName: 'ስልኮች.vcf', format: 'vcard', source: 'vcard', rowCount: 3 })
  })

  it('refuses a missing object, an empty file, and files over the limit (413)', async () => {
    const noObject = multipartBody({}, { name: 'a.csv', content: 'Name\nAbebe\n' })
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { cookie: owner.cookie, origin: 'http://localhost:3000', ...noObject.headers },
      payload: noObject.payload,
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().errors[0].field).toBe('object')
    const empty = await upload(t.app, owner, 'empty.csv', '')
    expect(empty.statusCode).toBe(400)
    expect(empty.json().errors[0]).toMatchObject({ field: 'file', code: 'unreadable' })
    const before = importLimits.maxBytes
    importLimits.maxBytes = 1000
    try {
      const big = await upload(t.app, owner, 'big.csv', `Name\n${'Abebe\n'.repeat(400)}`)
      expect(big.statusCode).toBe(413)
      expect(big.headers['content-type']).toContain('application/problem+json')
      expect(big.json().code).toBe('file_too_large')
    } finally {
      importLimits.maxBytes = before
    }
    const names = (await as(t.app, owner).get('/api/v1/imports'))
      .json()
      .data.map((i: { fileName: string }) => i.fileName)
    expect(names).not.toContain('big.csv')
    expect(names).not.toContain('empty.csv')
  })

  it('checks the mapping when starting, and starts once', async () => {
    const imp = (await upload(t.app, owner, 'x.csv', 'Name,Phone,Mobile\nAbebe,0911000001,\n')).json()
    const start = (mapping: Record<string, string | null>) =>
      as(t.app, owner).post(`/api/v1/imports/${imp.id}/start`, { mapping, duplicates: 'skip' })
    let res = await start({ Nope: 'firstName' })
    expect(res.statusCode).toBe(400)
    expect(res.json().errors[0]).toMatchObject({ field: 'mapping.Nope', code: 'unknown_column' })
    res = await start({ Name: 'salary' })
    expect(res.json().errors[0]).toMatchObject({ field: 'mapping.Name', code: 'unknown_target' })
    res = await start({ Name: 'firstName', Phone: 'jobTitle', Mobile: 'jobTitle' })
    expect(res.json().errors[0]).toMatchObject({ field: 'mapping.Mobile', code: 'duplicate_target' })
    res = await start({ Phone: 'phone', Mobile: 'phone' })
    expect(res.json().errors[0]).toMatchObject({ field: 'mapping', code: 'name_required' })
    res = await start({ Name: 'fullName', Phone: 'phone', Mobile: 'phone' })
    expect(res.statusCode).toBe(202)
    expect(res.json()).toMatchObject({ status: 'queued', mapping: { Name: 'fullName', Phone: 'phone' } })
    expect(res.json().jobId).toBeTruthy()
    expect((await start({ Name: 'fullName' })).statusCode).toBe(409)
  })
})

describe('running an import', () => {
  it('imports Google Contacts: people, phones in E.164, companies, tags, timeline, errors.csv', async () => {
    const user = await signUp(t.app)
    const done = await importFile(t.app, t.database.db, user, 'google.csv', fixture('google.csv'))
    expect(done).toMatchObject({
      status: 'done',
      counts: { done: 5, total: 5, created: 3, updated: 0, skipped: 0, failed: 2 },
    })
    const list = await people(user)
    expect(list).toHaveLength(3)
    const abebe = list.find((p: { firstName: string }) => p.firstName === 'አበበ')
    expect(abebe).toMatchObject({
      lastName: 'ቢቂላ',
      jobTitle: 'ሥራ አስኪያጅ',
      company: { name: 'Addis Trading PLC' },
      phones: [
        { e164: '+251911234567', label: null },
        { e164: '+251115512345', label: null },
      ],
      emails: [{ email: 'abebe@addistrading.et', label: null }],
      owner: { id: user.userId },
    })
    expect(abebe.tags.map((x: { name: string }) => x.name)).toEqual(['Suppliers'])
    // Found by search like any person: names, national phone form.
    expect((await people(user, 'ቢቂላ')).map((p: { id: string }) => p.id)).toEqual([abebe.id])
    expect((await people(user, '0911234567')).map((p: { id: string }) => p.id)).toEqual([abebe.id])
    const timeline = (await as(t.app, user).get(`/api/v1/people/${abebe.id}/timeline`)).json().data
    expect(timeline.map((e: { kind: string }) => e.kind)).toEqual(['created'])
    const companies = (await as(t.app, user).get('/api/v1/companies?limit=100')).json().data
    expect(companies.map((c: { name: string }) => c.name).sort()).toEqual([
      'Addis Trading PLC',
      'Nyota Supplies',
    ])

    const csv = await as(t.app, user).get(`/api/v1/imports/${done.id}/errors.csv`)
    expect(csv.statusCode).toBe(200)
    expect(csv.headers['content-type']).toContain('text/csv')
    expect(csv.headers['content-disposition']).toContain('google-errors.csv')
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n')
    expect(lines[0]!.startsWith('First Name,Middle Name,Last Name')).toBe(true)
    expect(lines[0]!.endsWith(',Website 1 - Value,row,error')).toBe(true)
    expect(lines).toHaveLength(3)
    expect(lines[1]).toContain('Kaldi Coffee')
    expect(lines[1]!.endsWith(',5,Name is missing')).toBe(true)
    expect(lines[2]!.endsWith(',6,Not a valid email address: not-an-email')).toBe(true)
  })

  it('imports vCards and the other exports', async () => {
    // Android's numbers are Ethiopian without the country code; the others are Kenyan or carry theirs.
    const ethiopian = await signUp(t.app, { country: 'ET' })
    const kenyan = await signUp(t.app, { country: 'KE' })
    for (const [user, name, created] of [
      [ethiopian, 'android.vcf', 3],
      [ethiopian, 'google.vcf', 2],
      [kenyan, 'iphone.vcf', 2],
      [kenyan, 'v4.vcf', 1],
      [kenyan, 'outlook.csv', 2],
      [kenyan, 'excel-unicode.txt', 2],
    ] as const) {
      const done = await importFile(t.app, t.database.db, user, name, fixture(name), { duplicates: 'create' })
      expect(done.counts, name).toMatchObject({ created, failed: 0 })
    }
    const names = async (user: User) =>
      (await people(user)).map((p: { firstName: string; lastName: string }) => `${p.firstName} ${p.lastName}`)
    expect(await names(ethiopian)).toEqual(expect.arrayContaining(['አበበ ቢቂላ', 'ትግስት ሃይሌ', 'ሰላም ተስፋዬ']))
    expect(await names(kenyan)).toEqual(
      expect.arrayContaining(['José Müller', 'Baraka Otieno', 'Neema Mushi', 'Fatuma Ali']),
    )
  })

  it('imports companies, matching duplicates by domain', async () => {
    const user = await signUp(t.app)
    const first = await importFile(t.app, t.database.db, user, 'companies.csv', fixture('companies.csv'), {
      object: 'company',
    })
    expect(first.counts).toMatchObject({ created: 2, failed: 1 })
    const again = await importFile(t.app, t.database.db, user, 'companies.csv', fixture('companies.csv'), {
      object: 'company',
    })
    expect(again.counts).toMatchObject({ created: 0, skipped: 2, failed: 1 })
    const list = (await as(t.app, user).get('/api/v1/companies?limit=100')).json().data
    expect(list).toHaveLength(2)
    expect(list.find((c: { name: string }) => c.name === 'Nyota Supplies')).toMatchObject({
      domain: 'nyota.co.ke',
      size: '1000+',
      country: 'KE',
      city: 'Nairobi',
      phones: [{ e164: '+254202223333', label: null }],
    })
  })
})

describe('owners, tags and custom fields', () => {
  it('maps them by name and checks their values like the API does', async () => {
    const user = await signUp(t.app)
    const api = as(t.app, user)
    const segment = await api.post('/api/v1/custom-fields', {
      object: 'person',
      type: 'select',
      labels: { en: 'Segment', sw: 'Kundi' },
      options: [{ key: 'retail', labels: { en: 'Retail', sw: 'Rejareja' } }, { labels: { en: 'Wholesale' } }],
    })
    expect(segment.statusCode).toBe(201)
    expect(
      (
        await api.post('/api/v1/custom-fields', {
          object: 'person',
          type: 'number',
          labels: { en: 'Budget' },
        })
      ).statusCode,
    ).toBe(201)
    const member = await addMember(t.app, user, 'member')
    const csv = [
      'Jina,Simu,Owner,Tags,Kundi,Budget',
      `Halima Said,0911 11 22 33,${member.email},VIP; Coffee,rejareja,"12,500"`,
      'Juma Ali,0911 11 22 34,,coffee,Wholesale,',
      'Neema Mushi,0911 11 22 35,,,Farmers,abc',
    ].join('\n')
    const up = (await upload(t.app, user, 'team.csv', csv)).json()
    expect(up.suggestedMapping).toEqual({
      Jina: 'fullName',
      Simu: 'phone',
      Owner: 'owner',
      Tags: 'tags',
      Kundi: 'custom.segment',
      Budget: 'custom.budget',
    })
    const done = await importFile(t.app, t.database.db, user, 'team.csv', csv)
    expect(done.counts).toMatchObject({ created: 2, failed: 1 })
    const list = await people(user)
    const halima = list.find((p: { firstName: string }) => p.firstName === 'Halima')
    expect(halima).toMatchObject({
      owner: { id: member.userId },
      custom: { segment: 'retail', budget: 12500 },
    })
    expect(halima.tags.map((x: { name: string }) => x.name)).toEqual(['Coffee', 'VIP'])
    const juma = list.find((p: { firstName: string }) => p.firstName === 'Juma')
    expect(juma).toMatchObject({ owner: { id: user.userId }, custom: { segment: 'wholesale' } })
    expect(juma.tags.map((x: { name: string }) => x.name)).toEqual(['Coffee'])
    const tags = (await api.get('/api/v1/tags')).json().data.map((x: { name: string }) => x.name)
    expect(tags).toEqual(['Coffee', 'VIP'])
    const errors = (await api.get(`/api/v1/imports/${done.id}/errors.csv`)).body
    expect(errors).toContain('4,Segment: Not an option of this field: Farmers; Budget: Not a number: abc')
  })
})

describe('duplicates', () => {
  const csv = [
    'Name,Phone,Email,Company,Title',
    'Abebe Bikila,0911 23 45 67,,Addis Trading,Coach',
    'Wanjiku Kamau,,WANJIKU@example.com,nyota supplies,Buyer',
    'Tigist Haile,0922 33 44 55,,,',
    'Tigist H.,+251922334455,tigist@example.com,,Accountant',
  ].join('\n')

  async function setup() {
    const user = await signUp(t.app)
    const api = as(t.app, user)
    const abebe = (
      await api.post('/api/v1/people', {
        firstName: 'Abebe',
        lastName: 'B.',
        phones: [{ number: '+251911234567' }],
      })
    ).json()
    const wanjiku = (
      await api.post('/api/v1/people', { firstName: 'Wanjiku', emails: [{ email: 'wanjiku@example.com' }] })
    ).json()
    const nyota = (await api.post('/api/v1/companies', { name: 'Nyota Supplies' })).json()
    return { user, abebe, wanjiku, nyota }
  }

  it('skip: rows with a known phone or email (any case) and repeats within the file are skipped', async () => {
    const { user, abebe } = await setup()
    const done = await importFile(t.app, t.database.db, user, 'dups.csv', csv, { duplicates: 'skip' })
    // Row 4 repeats row 3's phone: it is found once row 3 is written, in the same batch.
    expect(done.counts).toMatchObject({ created: 1, skipped: 3, failed: 0 })
    expect(await people(user)).toHaveLength(3)
    expect((await as(t.app, user).get(`/api/v1/people/${abebe.id}`)).json()).toMatchObject({
      lastName: 'B.',
      jobTitle: null,
    })
  })

  it('update: the existing records get the new values, blanks erase nothing', async () => {
    const { user, abebe, wanjiku, nyota } = await setup()
    const done = await importFile(t.app, t.database.db, user, 'dups.csv', csv, { duplicates: 'update' })
    expect(done.counts).toMatchObject({ created: 1, updated: 3, skipped: 0 })
    const a = (await as(t.app, user).get(`/api/v1/people/${abebe.id}`)).json()
    expect(a).toMatchObject({ firstName: 'Abebe', lastName: 'Bikila', jobTitle: 'Coach', version: 2 })
    expect(a.company.name).toBe('Addis Trading')
    const w = (await as(t.app, user).get(`/api/v1/people/${wanjiku.id}`)).json()
    // Matched by name, case-insensitively: the existing company, not a new one.
    expect(w).toMatchObject({
      jobTitle: 'Buyer',
      company: { id: nyota.id },
      emails: [{ email: 'wanjiku@example.com' }],
    })
    const tigist = (await people(user, 'tigist')).at(0)
    expect(tigist).toMatchObject({ firstName: 'Tigist', lastName: 'H.', jobTitle: 'Accountant' })
    expect(tigist.emails).toEqual([{ email: 'tigist@example.com', label: null }])
    const timeline = (await as(t.app, user).get(`/api/v1/people/${abebe.id}/timeline`)).json().data
    expect(timeline[0]).toMatchObject({ kind: 'updated' })
    expect(timeline[0].changes.map((c: { field: string }) => c.field)).toEqual([
      'lastName',
      'jobTitle',
      'company',
    ])
  })

  it('create: every row becomes a new person', async () => {
    const { user } = await setup()
    const done = await importFile(t.app, t.database.db, user, 'dups.csv', csv, { duplicates: 'create' })
    expect(done.counts).toMatchObject({ created: 4, skipped: 0, updated: 0 })
    expect(await people(user)).toHaveLength(6)
  })

  it('matches companies by domain before name, and reuses one created in the same batch', async () => {
    const user = await signUp(t.app, { country: 'KE' })
    const existing = (
      await as(t.app, user).post('/api/v1/companies', {
        name: 'Mama Mboga Limited',
        domain: 'mamamboga.co.ke',
      })
    ).json()
    const done = await importFile(t.app, t.database.db, user, 'hubspot.csv', fixture('hubspot.csv'))
    expect(done.counts).toMatchObject({ created: 2 })
    const list = await people(user)
    expect(list.map((p: { company: { id: string } }) => p.company.id)).toEqual([existing.id, existing.id])
    const companies = (await as(t.app, user).get('/api/v1/companies')).json().data
    expect(companies).toHaveLength(1)
  })
})

describe('access', () => {
  it('another workspace sees none of it (404)', async () => {
    const imp = (await upload(t.app, owner, 'mine.csv', 'Name\nAbebe\n')).json()
    const other = await signUp(t.app)
    const api = as(t.app, other)
    expect((await api.get(`/api/v1/imports/${imp.id}`)).statusCode).toBe(404)
    expect((await api.get(`/api/v1/imports/${imp.id}/errors.csv`)).statusCode).toBe(404)
    expect(
      (
        await api.post(`/api/v1/imports/${imp.id}/start`, {
          mapping: { Name: 'fullName' },
          duplicates: 'skip',
        })
      ).statusCode,
    ).toBe(404)
    expect((await api.post(`/api/v1/imports/${imp.id}/revert`)).statusCode).toBe(404)
    expect((await api.get('/api/v1/imports')).json().data).toEqual([])
  })

  it('viewers can look but not import', async () => {
    const imp = (await upload(t.app, owner, 'seen.csv', 'Name\nAbebe\n')).json()
    const viewer = await addMember(t.app, owner, 'viewer')
    expect((await upload(t.app, viewer, 'v.csv', 'Name\nAbebe\n')).statusCode).toBe(403)
    const api = as(t.app, viewer)
    expect((await api.get(`/api/v1/imports/${imp.id}`)).statusCode).toBe(200)
    expect(
      (
        await api.post(`/api/v1/imports/${imp.id}/start`, {
          mapping: { Name: 'fullName' },
          duplicates: 'skip',
        })
      ).statusCode,
    ).toBe(403)
    expect((await api.post(`/api/v1/imports/${imp.id}/revert`)).statusCode).toBe(403)
  })
})
