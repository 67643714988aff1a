import { gunzipSync } from 'node:zlib'
import { sql } from 'drizzle-orm'
import { uuidv7 } from 'uuidv7'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Ctx } from '../../http/context.ts'
import { addMember, as, createTestApp, signUp, type TestApp, type User } from '../../test/harness.ts'
import { findMembership } from '../workspaces/workspaces.queries.ts'
import { peopleExportQuery } from './export.schema.ts'
import { exportDeals, exportFilename, exportPeople, majorUnits } from './export.service.ts'

let t: TestApp
let owner: User
beforeAll(async () => {
  t = await createTestApp()
  owner = await signUp(t.app)
})
afterAll(() => t.close())

// A strict RFC 4180 reader: records end with CRLF, quoted fields may hold anything.
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c !== '"') cell += c
      else if (text[i + 1] === '"') cell += text[i++]
      else quoted = false
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(cell)
      cell = ''
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      i++
    } else cell += c
  }
  expect(cell === '' && row.length === 0, 'the file ends with CRLF').toBe(true)
  return rows
}

async function post(user: User, url: string, body: Record<string, unknown>) {
  const res = await as(t.app, user).post(url, body)
  expect(res.statusCode, res.body).toBe(201)
  return res.json()
}
const person = (user: User, body: Record<string, unknown>) =>
  post(user, '/api/v1/people?allowDuplicate=true', body)

async function csv(user: User, url: string) {
  const res = await as(t.app, user).get(url)
  expect(res.statusCode, res.body).toBe(200)
  return parseCsv(res.body)
}

async function ctxOf(user: User): Promise<Ctx> {
  const found = await findMembership(t.database.db, user.userId, user.workspaceId)
  return { db: t.database.db, userId: user.userId, workspace: found!.workspace, role: found!.role }
}

describe('CSV export of people', () => {
  it("streams a download whose Ge'ez names round-trip exactly, with a BOM only for Excel", async () => {
    const me = await signUp(t.app)
    await person(me, { firstName: 'አበበ', lastName: 'ቢቂላ', phones: [{ number: '0911 23 45 67' }] })
    const res = await as(t.app, me).get('/api/v1/people/export.csv')
    expect(res.statusCode, res.body).toBe(200)
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="people-\d{4}-\d{2}-\d{2}\.csv"$/,
    )
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.rawPayload.subarray(0, 3).toString('hex')).not.toBe('efbbbf')
    expect(res.body.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/)
    const [header, row] = parseCsv(res.body)
    expect(header!.join(',')).toBe(
      'ID,First name,Last name,Job title,Company,Phones,Emails,Owner,Created at,Updated at,Source,City',
    )
    expect(row!.slice(1, 8)).toEqual(['አበበ', 'ቢቂላ', '', '', "'+251911234567", '', 'Abebe Bikila'])
    expect(row![8]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
    expect(row!.slice(10)).toEqual(['', ''])

    const excel = await as(t.app, me).get('/api/v1/people/export.csv?excel=true&columns=firstName,lastName')
    expect(excel.rawPayload.subarray(0, 3).toString('hex')).toBe('efbbbf')
    const text = excel.rawPayload.subarray(3).toString('utf8')
    expect(text).toBe('First name,Last name\r\nአበበ,ቢቂላ\r\n')
    expect(Buffer.from(text, 'utf8').equals(excel.rawPayload.subarray(3))).toBe(true)
    await person(me, { firstName: 'Almaz', source: 'walk_in', city: 'Bahir Dar' })
    const chosen = await csv(me, '/api/v1/people/export.csv?columns=firstName,source,city&sort=name')
    expect(chosen).toEqual([
      ['First name', 'Source', 'City'],
      ['Almaz', 'walk_in', 'Bahir Dar'],
      ['አበበ', '', ''],
    ])
  })

  it('neutralizes formula cells and quotes per RFC 4180', async () => {
    const me = await signUp(t.app)
    await person(me, {
      firstName: '=HYPERLINK("http://evil")',
      lastName: '+1-2',
      jobTitle: '@SUM(1,2)\nsecond line',
      emails: [{ email: 'a@example.com' }, { email: 'b@example.com' }],
      phones: [{ number: '+251911234567' }, { number: '+254712345678' }],
    })
    const res = await as(t.app, me).get(
      '/api/v1/people/export.csv?columns=firstName,lastName,jobTitle,phones,emails',
    )
    expect(res.body.split('\r\n')[1]).toBe(
      '"\'=HYPERLINK(""http://evil"")",\'+1-2,"\'@SUM(1,2)\nsecond line",' +
        "'+251911234567; +254712345678,a@example.com; b@example.com",
    )
    const [, row] = parseCsv(res.body)
    expect(row).toEqual([
      '\'=HYPERLINK("http://evil")',
      "'+1-2",
      "'@SUM(1,2)\nsecond line",
      "'+251911234567; +254712345678",
      'a@example.com; b@example.com',
    ])
  })

  it('takes the list filters and sort, and the columns in the order asked', async () => {
    const me = await signUp(t.app)
    const company = await post(me, '/api/v1/companies', { name: 'Sheger Coffee' })
    await person(me, { firstName: 'Chaltu', companyId: company.id })
    await person(me, { firstName: 'Bekele', companyId: company.id })
    const gone = await person(me, { firstName: 'Almaz' })
    expect((await as(t.app, me).delete(`/api/v1/people/${gone.id}`)).statusCode).toBe(200)
    await person(me, { firstName: 'Dawit' })

    expect(await csv(me, '/api/v1/people/export.csv?sort=name&columns=firstName')).toEqual([
      ['First name'],
      ['Bekele'],
      ['Chaltu'],
      ['Dawit'],
    ])
    expect(
      await csv(me, `/api/v1/people/export.csv?sort=-name&companyId=${company.id}&columns=company,firstName`),
    ).toEqual([
      ['Company', 'First name'],
      ['Sheger Coffee', 'Chaltu'],
      ['Sheger Coffee', 'Bekele'],
    ])
    expect(await csv(me, '/api/v1/people/export.csv?q=daw&columns=firstName')).toEqual([
      ['First name'],
      ['Dawit'],
    ])
    expect(await csv(me, '/api/v1/people/export.csv?trashed=true&columns=firstName,id')).toEqual([
      ['First name', 'ID'],
      ['Almaz', gone.id],
    ])
  })

  it('answers 400 naming `columns` for an unknown column, and refuses list-only parameters', async () => {
    for (const columns of ['firstName,nope', 'firstName,,lastName', '']) {
      const res = await as(t.app, owner).get(`/api/v1/people/export.csv?columns=${columns}`)
      expect(res.statusCode).toBe(400)
      expect(res.headers['content-type']).toContain('application/problem+json')
      expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['columns'])
    }
    const limit = await as(t.app, owner).get('/api/v1/people/export.csv?limit=5')
    expect(limit.statusCode).toBe(400)
    expect(peopleExportQuery.parse({ columns: 'emails, id,emails' }).columns).toEqual(['emails', 'id'])
  })

  it('walks the list page by page: every row exactly once, in sort order', async () => {
    const me = await signUp(t.app)
    const names = ['Hana', 'Abel', 'Genet', 'Fikru', 'Eden', 'Dawit', 'Chaltu']
    for (const firstName of names) await person(me, { firstName, lastName: 'Tesfaye' })
    const ctx = await ctxOf(me)
    for (const sort of ['name', '-name', '-updatedAt', 'createdAt'] as const) {
      const list = (await as(t.app, me).get(`/api/v1/people?limit=100&sort=${sort}`)).json()
      const query = peopleExportQuery.parse({ sort, columns: 'id' })
      const chunks: Buffer[] = []
      for await (const chunk of exportPeople(ctx, query, 2).body) chunks.push(chunk)
      expect(chunks).toHaveLength(1 + 4) // the header, then pages of 2, 2, 2 and 1
      const ids = parseCsv(Buffer.concat(chunks).toString('utf8')).slice(1).flat()
      expect(ids).toEqual(list.data.map((p: { id: string }) => p.id))
      expect(new Set(ids).size).toBe(names.length)
    }
  })

  it('lets viewers export, keeps each workspace to its own rows, and wants a session', async () => {
    const me = await signUp(t.app)
    const mine = await person(me, { firstName: 'Mine' })
    const viewer = await addMember(t.app, me, 'viewer')
    expect(await csv(viewer, '/api/v1/people/export.csv?columns=id')).toEqual([['ID'], [mine.id]])

    const stranger = await signUp(t.app)
    const theirs = await person(stranger, { firstName: 'Theirs' })
    expect(await csv(stranger, '/api/v1/people/export.csv?columns=id')).toEqual([['ID'], [theirs.id]])
    expect(await csv(me, '/api/v1/people/export.csv?columns=id')).toEqual([['ID'], [mine.id]])
    for (const list of ['people', 'companies', 'deals']) {
      expect(await csv(stranger, `/api/v1/${list}/export.csv?columns=id&trashed=false`)).toEqual(
        list === 'people' ? [['ID'], [theirs.id]] : [['ID']],
      )
    }

    for (const list of ['people', 'companies', 'deals']) {
      const res = await t.app.inject({ url: `/api/v1/${list}/export.csv` })
      expect(res.statusCode).toBe(401)
      expect(res.headers['content-type']).toContain('application/problem+json')
    }
  })

  it('is compressed on request like any response', async () => {
    const plain = await as(t.app, owner).get('/api/v1/people/export.csv')
    const gz = await as(t.app, owner).get('/api/v1/people/export.csv', { 'accept-encoding': 'gzip' })
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(gz.rawPayload).toString('utf8')).toBe(plain.body)
  })
})

describe('CSV export with list filters, tags and custom fields', () => {
  it('takes `filters` like the list and exports tags and custom.<key> columns', async () => {
    const me = await signUp(t.app)
    const exec = (query: ReturnType<typeof sql>) => t.database.db.execute(query)
    const field = (key: string, type: string, en: string) =>
      exec(sql`insert into custom_fields (workspace_id, id, object, key, type, labels)
        values (${me.workspaceId}, ${uuidv7()}, 'person', ${key}, ${type}, ${JSON.stringify({ en })}::jsonb)`)
    await field('budget', 'number', 'Budget')
    await field('deposit', 'currency', 'Deposit')
    await field('langs', 'multiSelect', 'Languages')
    await field('gone', 'text', 'Gone')
    await exec(
      sql`update custom_fields set archived_at = now() where workspace_id = ${me.workspaceId} and key = 'gone'`,
    )
    const [vip, lead] = [uuidv7(), uuidv7()]
    await exec(sql`insert into tags (workspace_id, id, name) values
      (${me.workspaceId}, ${vip}, 'VIP'), (${me.workspaceId}, ${lead}, 'Lead')`)
    const a = await person(me, { firstName: 'Almaz' })
    const b = await person(me, { firstName: 'Bekele' })
    await person(me, { firstName: 'Chaltu' })
    await exec(sql`update people set tag_ids = ${`{${vip},${lead}}`}::uuid[],
      custom = ${JSON.stringify({ budget: 1500.5, deposit: { amount: 150_050, currency: 'ETB' }, langs: ['am', 'en'] })}::jsonb
      where id = ${a.id}`)
    await exec(
      sql`update people set tag_ids = ${`{${lead}}`}::uuid[], custom = '{"budget": 20}'::jsonb where id = ${b.id}`,
    )

    const filters = encodeURIComponent(JSON.stringify([{ field: 'tags', op: 'in', value: [lead] }]))
    expect(
      await csv(
        me,
        `/api/v1/people/export.csv?sort=-custom.budget&filters=${filters}` +
          '&columns=firstName,tags,custom.budget,custom.deposit,custom.langs',
      ),
    ).toEqual([
      ['First name', 'Tags', 'Budget', 'Deposit', 'Languages'],
      ['Almaz', 'Lead; VIP', '1500.5', '1500.50 ETB', 'am; en'],
      ['Bekele', 'Lead', '20', '', ''],
    ])

    // Mistakes answer 400 before the download starts, naming the parameter.
    for (const [params, field] of [
      ['columns=firstName,custom.nope', 'columns'],
      ['columns=custom.gone', 'columns'],
      ['columns=custom.Bad-Key', 'columns'],
      [`filters=${encodeURIComponent('[{"field":"nope","op":"empty"}]')}`, 'filters.0.field'],
      ['sort=tags', 'sort'],
    ]) {
      const res = await as(t.app, me).get(`/api/v1/people/export.csv?${params}`)
      expect(res.statusCode, params).toBe(400)
      expect(res.headers['content-type']).toContain('application/problem+json')
      expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual([field])
    }
  })
})

describe('CSV export of companies and deals', () => {
  it('exports companies with their people count', async () => {
    const me = await signUp(t.app)
    const company = await post(me, '/api/v1/companies', {
      name: 'Sheger Coffee',
      domain: 'sheger.et',
      city: 'Addis Ababa',
      country: 'ET',
      size: '11-50',
      phones: [{ number: '011 123 4567' }],
    })
    await person(me, { firstName: 'Chaltu', companyId: company.id })
    const res = await as(t.app, me).get('/api/v1/companies/export.csv')
    expect(res.headers['content-disposition']).toMatch(/filename="companies-\d{4}-\d{2}-\d{2}\.csv"/)
    const [header, row] = parseCsv(res.body)
    expect(header!.join(',')).toBe(
      'ID,Name,Domain,Industry,Size,City,Region,Country,Phones,Emails,Owner,People count,Created at',
    )
    expect(row!.slice(0, 12)).toEqual([
      company.id,
      'Sheger Coffee',
      'sheger.et',
      '',
      '11-50',
      'Addis Ababa',
      '',
      'ET',
      "'+251111234567",
      '',
      'Abebe Bikila',
      '1',
    ])
    const bad = await as(t.app, me).get('/api/v1/companies/export.csv?columns=name,firstName')
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(['columns'])
  })

  it('exports deals with amounts in major units of their currency, filtered like the list', async () => {
    const me = await signUp(t.app)
    const sheger = await post(me, '/api/v1/companies', { name: 'Sheger Coffee' })
    await post(me, '/api/v1/deals', { title: 'Coffee', amountMinor: 150_050, companyId: sheger.id })
    await post(me, '/api/v1/deals', { title: 'Kampala', amountMinor: 250_000, currency: 'UGX' })
    await post(me, '/api/v1/deals', { title: 'Tiny', amountMinor: 5, currency: 'USD' })
    await post(me, '/api/v1/deals', { title: 'Lost one', status: 'lost', lostReason: '-price too high' })
    const res = await as(t.app, me).get('/api/v1/deals/export.csv?sort=title')
    expect(res.headers['content-disposition']).toMatch(/filename="deals-\d{4}-\d{2}-\d{2}\.csv"/)
    const [header, ...rows] = parseCsv(res.body)
    expect(header!.join(',')).toBe(
      'ID,Title,Amount,Currency,Pipeline,Stage,Status,Person,Company,Owner,Expected close date,Closed at,Lost reason,Created at',
    )
    expect(rows.map((r) => r.slice(1, 4))).toEqual([
      ['Coffee', '1500.50', 'ETB'],
      ['Kampala', '250000', 'UGX'],
      ['Lost one', '0.00', 'ETB'],
      ['Tiny', '0.05', 'USD'],
    ])
    expect(rows[0]!.slice(4, 10)).toEqual(['Sales', 'Lead', 'open', '', 'Sheger Coffee', 'Abebe Bikila'])
    const lost = await csv(
      me,
      '/api/v1/deals/export.csv?status=lost&columns=title,status,lostReason,closedAt',
    )
    expect(lost).toHaveLength(2)
    expect(lost[1]!.slice(0, 3)).toEqual(['Lost one', 'lost', "'-price too high"])
    expect(lost[1]![3]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
  })

  it('pages through ties in the sort column by id, each deal exactly once', async () => {
    const me = await signUp(t.app)
    for (const [i, amountMinor] of [100, 200, 100, 100, 200, 100, 100].entries()) {
      await post(me, '/api/v1/deals', { title: `Deal ${i}`, amountMinor })
    }
    const list = (await as(t.app, me).get('/api/v1/deals?limit=100&sort=-amount')).json()
    const { body } = exportDeals(
      await ctxOf(me),
      { sort: '-amount', trashed: false, filters: [], columns: ['id'], excel: false },
      3,
    )
    const chunks: Buffer[] = []
    for await (const chunk of body) chunks.push(chunk)
    expect(chunks).toHaveLength(1 + 3)
    const ids = parseCsv(Buffer.concat(chunks).toString('utf8')).slice(1).flat()
    expect(ids).toEqual(list.data.map((d: { id: string }) => d.id))
  })

  it('formats money exactly and names the file by the workspace date', () => {
    expect(majorUnits(150_000, 'ETB')).toBe('1500.00')
    expect(majorUnits(7, 'KES')).toBe('0.07')
    expect(majorUnits(Number.MAX_SAFE_INTEGER, 'TZS')).toBe('90071992547409.91')
    expect(majorUnits(250_000, 'UGX')).toBe('250000')
    expect(majorUnits(1200, 'RWF')).toBe('1200')
    expect(majorUnits(1200, 'DJF')).toBe('1200')
    const lateUtc = new Date('2026-11-25T22:30:00Z')
    expect(exportFilename('people', 'Africa/Addis_Ababa', lateUtc)).toBe('people-2026-11-26.csv')
    expect(exportFilename('people', 'America/New_York', lateUtc)).toBe('people-2026-11-25.csv')
  })
})
