import { sql } from 'drizzle-orm'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { queryRows } from '../../db/client.ts'
import { as, createTestApp, signUp, type TestApp, type User } from '../../test/harness.ts'
import { runJobsOnce } from '../jobs/jobs.ts'
import { importHooks, importSettings } from './import.job.ts'
import { importFile, upload } from './test-upload.ts'

// Batches in flight together (PostgreSQL): a crash while two are written resumes without
// a lost or doubled row or company, a repeat across batches is still a duplicate, and a
// revert leaves nothing. On PGlite (one batch at a time) the same crash is checked too.

const pipelined = !!process.env.TEST_DATABASE_URL

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())
afterEach(() => {
  importSettings.batchSize = 1000
  importHooks.afterWrite = undefined
  importHooks.beforeCommit = undefined
})

const count = async (q: ReturnType<typeof sql>) =>
  Number((await queryRows<{ n: number }>(t.database.db, q))[0]?.n)

/** A promise and the function that resolves it. */
function signal() {
  let fire = () => {}
  const fired = new Promise<void>((resolve) => {
    fire = resolve
  })
  return { fire, fired }
}

/**
 * 60 people in batches of 10. Row 11 and every seventh row repeat the phone of the row
 * before them (rows 11 and 21 across batches); two rows in a row share a company (rows
 * 30 and 31 across batches 3 and 4).
 */
function csv() {
  const lines = ['Name,Phone,Email,Company']
  for (let i = 1; i <= 60; i++) {
    const k = i % 7 === 0 || i === 11 ? i - 1 : i
    lines.push(`Person ${i},09${String(21000000 + k)},p${i}@example.com,Company ${Math.floor(i / 2)}`)
  }
  return lines.join('\n')
}

/** Starts the import and runs it until batch 3 dies; on PostgreSQL batch 4 has written its records by then. */
async function crashMidway(user: User) {
  importSettings.batchSize = 10
  const up = (await upload(t.app, user, 'people.csv', csv())).json()
  const start = await as(t.app, user).post(`/api/v1/imports/${up.id}/start`, {
    mapping: up.suggestedMapping,
    duplicates: 'skip',
  })
  const written = new Map([2, 3, 4].map((n) => [n, signal()]))
  importHooks.afterWrite = (batch) => written.get(batch)?.fire()
  importHooks.beforeCommit = async (batch) => {
    if (!pipelined) {
      if (batch === 3) throw new Error('power cut')
      return
    }
    // Batch 2 looks its duplicates up (row 11) while batch 1 is not committed yet, and
    // so on; batch 3 dies while batch 4 is in flight behind it.
    if (batch === 1) await written.get(2)!.fired
    if (batch === 2) await written.get(3)!.fired
    if (batch === 3) {
      await written.get(4)!.fired
      throw new Error('power cut')
    }
  }
  await runJobsOnce(t.database.db, { workspaceId: user.workspaceId })
  importHooks.afterWrite = undefined
  importHooks.beforeCommit = undefined
  return { id: up.id as string, jobId: start.json().jobId as string }
}

// What a process that died leaves behind: the job still 'running', its lease run out.
async function resume(user: User, jobId: string) {
  await t.database.db.execute(sql`update jobs set status = 'running', locked_until = now() - interval '1 second',
    finished_at = null, error = null where id = ${jobId}`)
  await runJobsOnce(t.database.db, { workspaceId: user.workspaceId })
}

describe('batches in flight', () => {
  it('a crash with two batches in flight resumes without a lost or doubled row, and reverts', async () => {
    const user = await signUp(t.app)
    const ws = user.workspaceId
    const api = as(t.app, user)
    const { id, jobId } = await crashMidway(user)

    const halfway = (await api.get(`/api/v1/imports/${id}`)).json()
    expect(halfway).toMatchObject({ status: 'failed', counts: { done: 20, created: 17, skipped: 3 } })
    expect(await count(sql`select count(*)::int as n from people where workspace_id = ${ws}`)).toBe(17)
    // Both transactions ended: none is left open behind the failure.
    if (pipelined) {
      expect(
        await count(sql`select count(*)::int as n from pg_stat_activity
          where datname = current_database() and state like 'idle in transaction%'`),
      ).toBe(0)
    }

    await resume(user, jobId)
    const done = (await api.get(`/api/v1/imports/${id}`)).json()
    // Rows 7, 11, 14, … 56 repeat the row before: 9 skipped, 51 people.
    expect(done).toMatchObject({ status: 'done', counts: { done: 60, created: 51, skipped: 9, failed: 0 } })
    expect(await count(sql`select count(*)::int as n from people where workspace_id = ${ws}`)).toBe(51)
    expect(
      await count(sql`select count(*)::int as n from (select e164 from person_phones where workspace_id = ${ws}
        group by e164 having count(*) > 1) d`),
    ).toBe(0)
    expect(
      await count(sql`select count(distinct row_no)::int as n from (
        select row_no from import_rows where import_id = ${id} and record_type = 'person'
        union all select unnest(row_nos) from import_created where import_id = ${id}) l`),
    ).toBe(60)
    // The 51 people created are logged once per batch (ceil(60 / 10)), not once a row.
    expect(
      await count(
        sql`select count(*)::int as n from import_created where import_id = ${id} and record_type = 'person'`,
      ),
    ).toBe(6)
    expect(
      await count(
        sql`select coalesce(sum(cardinality(ids)), 0)::int as n from import_created where import_id = ${id}`,
      ),
    ).toBe(51)
    expect(
      await count(sql`select count(*)::int as n from import_rows
        where import_id = ${id} and record_type = 'person' and action = 'created'`),
    ).toBe(0)
    // Companies 0 … 30, each once, each logged once, each person with the right one.
    expect(await count(sql`select count(*)::int as n from companies where workspace_id = ${ws}`)).toBe(31)
    expect(
      await count(sql`select count(distinct name)::int as n from companies where workspace_id = ${ws}`),
    ).toBe(31)
    expect(
      await count(
        sql`select count(*)::int as n from import_rows where import_id = ${id} and record_type = 'company'`,
      ),
    ).toBe(31)
    expect(
      await count(sql`select count(*)::int as n from people p join companies c
        on c.workspace_id = p.workspace_id and c.id = p.company_id
        where p.workspace_id = ${ws} and c.name = 'Company ' || (p.last_name::int / 2)`),
    ).toBe(51)

    await api.post(`/api/v1/imports/${id}/revert`)
    await runJobsOnce(t.database.db, { workspaceId: ws })
    expect((await api.get(`/api/v1/imports/${id}`)).json().status).toBe('reverted')
    for (const table of ['people', 'companies', 'person_phones', 'person_emails', 'timeline_events']) {
      expect(
        await count(sql`select count(*)::int as n from ${sql.raw(table)} where workspace_id = ${ws}`),
        table,
      ).toBe(0)
    }
  })

  it.runIf(pipelined)('a company renamed between the crash and the resume is created anew', async () => {
    const user = await signUp(t.app)
    const ws = user.workspaceId
    const { id, jobId } = await crashMidway(user)
    // Batch 3 created Company 15 (row 30) before it died; someone renames it meanwhile.
    const renamed =
      await t.database.db.execute(sql`update companies set name = 'Renamed', sort_name = 'renamed'
      where workspace_id = ${ws} and name = 'Company 15'`)
    expect((renamed as unknown as { rowCount: number }).rowCount).toBe(1)

    await resume(user, jobId)
    const done = (await as(t.app, user).get(`/api/v1/imports/${id}`)).json()
    expect(done).toMatchObject({ status: 'done', counts: { done: 60, created: 51, skipped: 9 } })
    expect(await count(sql`select count(*)::int as n from companies where workspace_id = ${ws}`)).toBe(32)
    expect(
      await count(
        sql`select count(*)::int as n from import_rows where import_id = ${id} and record_type = 'company'`,
      ),
    ).toBe(31)
  })

  it('writes each list as the file has it: phones in order, emails as typed, tags', async () => {
    const user = await signUp(t.app)
    const csv = [
      'Name,Phone,Mobile,Email,Tags',
      `Abebe Kebede,0911 00 00 03,+254 712 345 678,"O'Brien+vip@Example.com; second@example.com",VIP; Coffee`,
    ].join('\n')
    const mapping = { Name: 'fullName', Phone: 'phone', Mobile: 'phone', Email: 'email', Tags: 'tags' }
    const done = await importFile(t.app, t.database.db, user, 'lists.csv', csv, { mapping })
    expect(done.counts).toMatchObject({ created: 1, failed: 0 })
    const person = (await as(t.app, user).get('/api/v1/people')).json().data[0]
    expect(person.phones).toEqual([
      { e164: '+251911000003', label: null },
      { e164: '+254712345678', label: null },
    ])
    expect(person.emails).toEqual([
      { email: "O'Brien+vip@Example.com", label: null },
      { email: 'second@example.com', label: null },
    ])
    expect(person.tags.map((x: { name: string }) => x.name)).toEqual(['Coffee', 'VIP'])
  })

  it('skips a company repeated in a later batch while the earlier one is in flight', async () => {
    const user = await signUp(t.app)
    const lines = ['Name,Website']
    for (let i = 1; i <= 30; i++) lines.push(`Firm ${i === 11 ? 10 : i},firm${i === 11 ? 10 : i}.example`)
    importSettings.batchSize = 10
    const secondWritten = signal()
    importHooks.afterWrite = (batch) => {
      if (batch === 2) secondWritten.fire()
    }
    importHooks.beforeCommit = async (batch) => {
      // Batch 2 looks up row 11 while batch 1, which creates Firm 10, is not committed.
      if (pipelined && batch === 1) await secondWritten.fired
    }
    const done = await importFile(t.app, t.database.db, user, 'firms.csv', lines.join('\n'), {
      object: 'company',
    })
    expect(done.counts).toMatchObject({ done: 30, created: 29, skipped: 1 })
    expect(
      await count(sql`select count(*)::int as n from companies where workspace_id = ${user.workspaceId}`),
    ).toBe(29)
  })
})
