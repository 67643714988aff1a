import { sql } from 'drizzle-orm'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { queryRows } from '../../db/client.ts'
import { as, createTestApp, signUp, type TestApp, type User } from '../../test/harness.ts'
import { runJobsOnce } from '../jobs/jobs.ts'
import { importHooks, importSettings } from './import.job.ts'
import { selectLoggedRows } from './imports.queries.ts'
import { revertSettings } from './revert.job.ts'
import { importFile, upload } from './test-upload.ts'

// A server that dies in the middle of an import resumes it without losing or repeating a
// row; a finished import reverts as a whole.

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())
afterEach(() => {
  importSettings.batchSize = 1000
  revertSettings.batchSize = 500
  importHooks.beforeCommit = undefined
})

const count = async (q: ReturnType<typeof sql>) =>
  Number((await queryRows<{ n: number }>(t.database.db, q))[0]?.n)

/** Every row number an import logged: per row in import_rows, the records it created per batch in import_created. */
const logged = (importId: string) => sql`select row_no from import_rows where import_id = ${importId}
  union all select unnest(row_nos) from import_created where import_id = ${importId}`

/** n people; every seventh row repeats the phone of the row before it (a duplicate in the file). */
function peopleCsv(n: number) {
  const lines = ['Name,Phone,Email']
  for (let i = 1; i <= n; i++) {
    const k = i % 7 === 0 ? i - 1 : i
    lines.push(`Person ${i},09${String(11000000 + k).padStart(8, '0')},p${i}@example.com`)
  }
  return lines.join('\n')
}

// What a process that died leaves behind: the job still 'running', its lease run out.
async function crashed(jobId: string) {
  await t.database.db.execute(sql`update jobs set status = 'running', locked_until = now() - interval '1 second',
    finished_at = null, error = null where id = ${jobId}`)
}

describe('resume', () => {
  it('continues after the last committed batch: no row lost, none written twice', async () => {
    const user = await signUp(t.app)
    importSettings.batchSize = 10
    const up = (await upload(t.app, user, 'people.csv', peopleCsv(45))).json()
    const start = await as(t.app, user).post(`/api/v1/imports/${up.id}/start`, {
      mapping: up.suggestedMapping,
      duplicates: 'skip',
    })
    const jobId = start.json().jobId
    // The third batch dies after writing its rows, before it commits.
    importHooks.beforeCommit = (batch) => {
      if (batch === 3) throw new Error('power cut')
    }
    await runJobsOnce(t.database.db, { workspaceId: user.workspaceId })
    const halfway = (await as(t.app, user).get(`/api/v1/imports/${up.id}`)).json()
    expect(halfway.status).toBe('failed')
    const written = halfway.counts.done
    // Two batches committed; each ends early where a row repeats the one before it.
    expect(written).toBeGreaterThanOrEqual(10)
    expect(written).toBeLessThan(30)
    const ws = user.workspaceId
    expect(await count(sql`select count(*)::int as n from (${logged(up.id)}) l`)).toBe(written)
    // The people created are logged once per batch: two batches committed.
    expect(await count(sql`select count(*)::int as n from import_created where import_id = ${up.id}`)).toBe(2)

    importHooks.beforeCommit = undefined
    await crashed(jobId)
    await runJobsOnce(t.database.db, { workspaceId: ws })
    const done = (await as(t.app, user).get(`/api/v1/imports/${up.id}`)).json()
    // Rows 7, 14, … 42 repeat the row before: 6 skipped, 39 people.
    expect(done).toMatchObject({ status: 'done', counts: { done: 45, created: 39, skipped: 6, failed: 0 } })
    expect(await count(sql`select count(*)::int as n from (${logged(up.id)}) l`)).toBe(45)
    expect(await count(sql`select count(distinct row_no)::int as n from (${logged(up.id)}) l`)).toBe(45)
    // One import_created row per batch (ceil(45 / 10)), none per row in import_rows; each
    // row's lists pair up, in row order from first_row.
    const batches = await queryRows<{ first_row: number; row_nos: number[]; ids: string[] }>(
      t.database.db,
      sql`select first_row, row_nos, ids from import_created where import_id = ${up.id} and record_type = 'person'
        order by first_row`,
    )
    expect(batches).toHaveLength(Math.ceil(45 / 10))
    for (const b of batches) {
      expect(b.ids).toHaveLength(b.row_nos.length)
      expect(b.row_nos[0]).toBe(b.first_row)
      expect([...b.row_nos].sort((x, y) => x - y)).toEqual(b.row_nos)
    }
    expect(batches.flatMap((b) => b.row_nos)).toHaveLength(39)
    expect(
      await count(
        sql`select count(*)::int as n from import_rows where import_id = ${up.id} and action = 'created'`,
      ),
    ).toBe(0)
    expect(await count(sql`select count(*)::int as n from people where workspace_id = ${ws}`)).toBe(39)
    expect(
      await count(sql`select count(*)::int as n from (select e164 from person_phones where workspace_id = ${ws}
        group by e164 having count(*) > 1) d`),
    ).toBe(0)
    expect(await count(sql`select count(*)::int as n from person_emails where workspace_id = ${ws}`)).toBe(39)
    // The file is gone from the database once imported.
    expect(await count(sql`select count(*)::int as n from import_files where import_id = ${up.id}`)).toBe(0)

    // The revert, in pages that end inside a logged batch, deletes the 39 people the
    // import created and nobody else.
    const api = as(t.app, user)
    const outsider = (await api.post('/api/v1/people', { firstName: 'Outsider', lastName: 'X' })).json()
    revertSettings.batchSize = 7
    await api.post(`/api/v1/imports/${up.id}/revert`)
    await runJobsOnce(t.database.db, { workspaceId: ws })
    expect((await api.get(`/api/v1/imports/${up.id}`)).json().status).toBe('reverted')
    const left = (await api.get('/api/v1/people?limit=100')).json().data
    expect(left.map((p: { id: string }) => p.id)).toEqual([outsider.id])
    expect((await api.get('/api/v1/people?trashed=true')).json().data).toEqual([])
    expect(await count(sql`select count(*)::int as n from person_phones where workspace_id = ${ws}`)).toBe(0)
  })
})

describe('revert', () => {
  async function setup() {
    const user: User = await signUp(t.app)
    const api = as(t.app, user)
    const existing = (
      await api.post('/api/v1/people', {
        firstName: 'Abebe',
        lastName: 'B.',
        jobTitle: 'Runner',
        phones: [{ number: '0911 00 00 01', label: 'mobile' }],
      })
    ).json()
    const csv = [
      'First name,Last name,Phone,Email,Company,Job title',
      'Abebe,Bikila,0911000001,abebe@example.com,Marathon PLC,Coach',
      'Tigist,Haile,0911000002,tigist@example.com,Marathon PLC,',
      'Yonas,Tesfaye,0911000003,,Kaldi Coffee,',
      'Bad,Row,12345,,,',
    ].join('\r\n')
    importSettings.batchSize = 2
    const done = await importFile(t.app, t.database.db, user, 'team.csv', csv, { duplicates: 'update' })
    importSettings.batchSize = 1000
    expect(done.counts).toMatchObject({ created: 2, updated: 1, failed: 1 })
    return { user, api, existing, done }
  }

  it('deletes what the import created and restores what it updated', async () => {
    const { user, api, existing, done } = await setup()
    const ws = user.workspaceId
    expect((await api.get('/api/v1/companies')).json().data).toHaveLength(2)

    const res = await api.post(`/api/v1/imports/${done.id}/revert`)
    expect(res.statusCode).toBe(202)
    expect(res.json()).toMatchObject({ status: 'reverting' })
    expect(res.json().jobId).not.toBe(done.jobId)
    await runJobsOnce(t.database.db, { workspaceId: ws })
    const reverted = (await api.get(`/api/v1/imports/${done.id}`)).json()
    expect(reverted.error).toBeNull()
    expect(reverted.status).toBe('reverted')

    const people = (await api.get('/api/v1/people')).json().data
    expect(people.map((p: { id: string }) => p.id)).toEqual([existing.id])
    const abebe = (await api.get(`/api/v1/people/${existing.id}`)).json()
    expect(abebe).toMatchObject({
      lastName: 'B.',
      jobTitle: 'Runner',
      company: null,
      phones: [{ e164: '+251911000001', label: 'mobile' }],
      emails: [],
      version: 3,
    })
    expect((await api.get('/api/v1/companies')).json().data).toEqual([])
    expect((await api.get('/api/v1/people?trashed=true')).json().data).toEqual([])
    expect(await count(sql`select count(*)::int as n from person_phones where workspace_id = ${ws}`)).toBe(1)
    expect(await count(sql`select count(*)::int as n from person_emails where workspace_id = ${ws}`)).toBe(0)
    // Search text is back to the old name.
    expect((await api.get('/api/v1/people?q=bikila')).json().data).toEqual([])
    expect((await api.post(`/api/v1/imports/${done.id}/revert`)).statusCode).toBe(409)
  })

  it('moves to the trash what others have built on since', async () => {
    const { user, api, done } = await setup()
    const tigist = (await api.get('/api/v1/people?q=tigist')).json().data[0]
    const note = await api.post('/api/v1/activities', {
      type: 'note',
      body: 'Called her',
      personId: tigist.id,
    })
    expect(note.statusCode).toBe(201)
    await api.post(`/api/v1/imports/${done.id}/revert`)
    await runJobsOnce(t.database.db, { workspaceId: user.workspaceId })
    const trashed = (await api.get('/api/v1/people?trashed=true')).json().data
    expect(trashed.map((p: { id: string }) => p.id)).toEqual([tigist.id])
    // Her company stays too (in the trash), since a trashed person still points at it.
    const companies = (await api.get('/api/v1/companies?trashed=true')).json().data
    expect(companies.map((c: { name: string }) => c.name)).toEqual(['Marathon PLC'])
    expect((await api.get('/api/v1/companies')).json().data).toEqual([])
  })

  it('reads a log that mixes per-row created entries (older imports) with per-batch ones', async () => {
    const user = await signUp(t.app)
    const api = as(t.app, user)
    const db = t.database.db
    const kept = (await api.post('/api/v1/people', { firstName: 'Kept', lastName: 'K' })).json()
    const lines = ['Name,Email']
    for (let i = 1; i <= 7; i++) lines.push(`Person ${i},p${i}@example.com`)
    importSettings.batchSize = 3
    const done = await importFile(t.app, db, user, 'people.csv', lines.join('\n'))
    expect(done.counts).toMatchObject({ created: 7 })
    const created = await queryRows<{ row_no: number; id: string }>(
      db,
      sql`select u.row_no, u.id from import_created, unnest(row_nos, ids) as u(row_no, id)
        where import_id = ${done.id} order by u.row_no desc`,
    )
    expect(created.map((r) => r.row_no)).toEqual([7, 6, 5, 4, 3, 2, 1])
    // As an import begun before import_created existed and resumed after: its first
    // batch (rows 1 to 3) logged one import_rows row each.
    await db.execute(sql`insert into import_rows (workspace_id, import_id, row_no, record_type, action, record_id)
      select workspace_id, import_id, u.row_no, record_type, 'created', u.id
      from import_created, unnest(row_nos, ids) as u(row_no, id) where import_id = ${done.id} and first_row = 1`)
    await db.execute(sql`delete from import_created where import_id = ${done.id} and first_row = 1`)

    // Paged as the revert pages it: newest row first, each page below the last row read.
    const read: { row_no: number; id: string }[] = []
    for (let below = 2_147_483_647; ; ) {
      const page = await selectLoggedRows(db, user.workspaceId, done.id, {
        recordType: 'person',
        action: 'created',
        belowRow: below,
        limit: 2,
      })
      if (!page.length) break
      read.push(...page.map((r) => ({ row_no: r.rowNo, id: r.recordId! })))
      below = page[page.length - 1]!.rowNo
    }
    expect(read).toEqual(created)

    revertSettings.batchSize = 2
    await api.post(`/api/v1/imports/${done.id}/revert`)
    await runJobsOnce(db, { workspaceId: user.workspaceId })
    expect((await api.get(`/api/v1/imports/${done.id}`)).json().status).toBe('reverted')
    const left = (await api.get('/api/v1/people?limit=100')).json().data
    expect(left.map((p: { id: string }) => p.id)).toEqual([kept.id])
    expect((await api.get('/api/v1/people?trashed=true')).json().data).toEqual([])
  })

  it('reverts a companies import that updated and created, rows merged in the file included', async () => {
    const user = await signUp(t.app)
    const api = as(t.app, user)
    const nyota = (await api.post('/api/v1/companies', { name: 'Nyota Supplies', city: 'Mombasa' })).json()
    const csv = [
      'Name,Website,City,Phone',
      'nyota supplies,nyota.co.ke,Nairobi,',
      'Kaldi Coffee,kaldi.et,Addis Ababa,+251 11 551 2345',
      'Kaldi Coffee PLC,kaldi.et,,+251 11 551 2346',
    ].join('\n')
    const done = await importFile(t.app, t.database.db, user, 'companies.csv', csv, {
      object: 'company',
      duplicates: 'update',
    })
    // Row 3 repeats row 2's website: merged into the company row 2 creates.
    expect(done.counts).toMatchObject({ created: 1, updated: 2 })
    // The company created is logged in import_created, the updates per row.
    const log = await queryRows<{ record_type: string; row_nos: number[] }>(
      t.database.db,
      sql`select record_type, row_nos from import_created where import_id = ${done.id}`,
    )
    expect(log).toEqual([{ record_type: 'company', row_nos: [2] }])
    expect(
      await count(
        sql`select count(*)::int as n from import_rows where import_id = ${done.id} and action = 'created'`,
      ),
    ).toBe(0)
    const kaldi = (await api.get('/api/v1/companies?q=kaldi')).json().data[0]
    expect(kaldi).toMatchObject({ name: 'Kaldi Coffee PLC', domain: 'kaldi.et', city: 'Addis Ababa' })
    expect(kaldi.phones.map((p: { e164: string }) => p.e164)).toEqual(['+251115512345', '+251115512346'])
    expect((await api.get(`/api/v1/companies/${nyota.id}`)).json()).toMatchObject({
      domain: 'nyota.co.ke',
      city: 'Nairobi',
    })

    await api.post(`/api/v1/imports/${done.id}/revert`)
    await runJobsOnce(t.database.db, { workspaceId: user.workspaceId })
    expect((await api.get(`/api/v1/imports/${done.id}`)).json().status).toBe('reverted')
    const companies = (await api.get('/api/v1/companies')).json().data
    expect(companies).toHaveLength(1)
    expect(companies[0]).toMatchObject({
      id: nyota.id,
      name: 'Nyota Supplies',
      domain: null,
      city: 'Mombasa',
    })
  })
})
