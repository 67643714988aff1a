import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { as, createTestApp, signUp, type TestApp, type User } from '../../test/harness.ts'
import { runJobsOnce } from '../jobs/jobs.ts'
import { bulkFixtures } from './bulk.fixtures.ts'

// Bulk actions on whole lists (the list's search and filters) and as background jobs.
let t: TestApp
let owner: User
let stranger: User

beforeAll(async () => {
  t = await createTestApp()
  owner = await signUp(t.app)
  stranger = await signUp(t.app)
})
afterAll(() => t.close())

const { bulk, person, tag, rows, manyPeople, eventsPerRecord, crashAtSecondBatch } = bulkFixtures(() => t)

describe('bulk actions on a whole list', () => {
  it('changes every record the filtered list shows, and nothing else', async () => {
    const user = await signUp(t.app)
    const vip = await tag(user, 'VIP')
    const [a, b, c] = [await person(user, 'Genet'), await person(user, 'Hana'), await person(user, 'Genet')]
    await bulk(user, 'people', {
      selection: { ids: [a.id, b.id] },
      action: { type: 'addTag', tagId: vip.id },
    })
    const res = await bulk(user, 'people', {
      selection: { all: true, q: 'genet', filters: [{ field: 'tags', op: 'in', value: [vip.id] }] },
      action: { type: 'delete' },
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toEqual({ done: 1, total: 1 })
    const byId = new Map((await rows('people', [a.id, b.id, c.id])).map((r) => [r.id, r]))
    expect(byId.get(a.id)).toMatchObject({ deleted: true })
    expect(byId.get(b.id)).toMatchObject({ deleted: false })
    expect(byId.get(c.id)).toMatchObject({ deleted: false })

    // The trash is a list too: restore everything in it.
    const back = await bulk(user, 'people', {
      selection: { all: true, trashed: true },
      action: { type: 'restore' },
    })
    expect(back.json()).toEqual({ done: 1, total: 1 })
    expect((await rows('people', [a.id]))[0]).toMatchObject({ deleted: false, version: 4 })
  })

  it('limits deals to a pipeline, and never reaches into another workspace', async () => {
    const user = await signUp(t.app)
    const pipelines = async (u: User) => (await as(t.app, u).get('/api/v1/pipelines')).json().data
    const [main] = await pipelines(user)
    const other = (
      await as(t.app, user).post('/api/v1/pipelines', {
        name: 'Tenders',
        stages: [
          { name: 'Open', probability: 10 },
          { name: 'Won', probability: 100, kind: 'won' },
        ],
      })
    ).json()
    const a = (await as(t.app, user).post('/api/v1/deals', { title: 'Main deal' })).json()
    const b = (
      await as(t.app, user).post('/api/v1/deals', { title: 'Tender deal', pipelineId: other.id })
    ).json()
    const foreign = (await as(t.app, stranger).post('/api/v1/deals', { title: 'Their deal' })).json()
    const res = await bulk(user, 'deals', {
      selection: { all: true, pipelineId: main.id },
      action: { type: 'assignOwner', ownerId: null },
    })
    expect(res.json()).toEqual({ done: 1, total: 1 })
    const byId = new Map((await rows('deals', [a.id, b.id, foreign.id])).map((r) => [r.id, r]))
    expect(byId.get(a.id)).toMatchObject({ owner_id: null, version: 2 })
    expect(byId.get(b.id)).toMatchObject({ owner_id: user.userId, version: 1 })
    expect(byId.get(foreign.id)).toMatchObject({ owner_id: stranger.userId, version: 1 })
  })

  it('names a bad filter where it sits in the body', async () => {
    const res = await bulk(owner, 'people', {
      selection: { all: true, filters: [{ field: 'shoeSize', op: 'eq', value: 42 }] },
      action: { type: 'delete' },
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().errors[0]).toMatchObject({ field: 'selection.filters.0.field', code: 'unknown_field' })
    const ops = await bulk(owner, 'people', {
      selection: { all: true, filters: [{ field: 'firstName', op: 'between', value: [1, 2] }] },
      action: { type: 'delete' },
    })
    expect(ops.json().errors[0]).toMatchObject({ field: 'selection.filters.0.op' })
    const pipeline = await bulk(owner, 'people', {
      selection: { all: true, pipelineId: owner.userId },
      action: { type: 'delete' },
    })
    expect(pipeline.json().errors.map((e: { field: string }) => e.field)).toContain('selection.pipelineId')
  })
})

describe('bulk actions as a job', () => {
  it('queues more than 200 records as a job with progress, ignoring other workspaces’ ids', async () => {
    const ids = await manyPeople(owner, 250, 'Job')
    const foreign = await manyPeople(stranger, 3, 'Theirs')
    const res = await bulk(owner, 'people', {
      selection: { ids: [...ids, ...foreign] },
      action: { type: 'delete' },
    })
    expect(res.statusCode, res.body).toBe(202)
    const { jobId } = res.json()
    const queued = (await as(t.app, owner).get(`/api/v1/jobs/${jobId}`)).json()
    expect(queued).toMatchObject({ kind: 'bulk', status: 'queued', done: 0, total: 250 })
    expect((await as(t.app, stranger).get(`/api/v1/jobs/${jobId}`)).statusCode).toBe(404)

    await runJobsOnce(t.database.db, { workspaceId: owner.workspaceId })
    const job = (await as(t.app, owner).get(`/api/v1/jobs/${jobId}`)).json()
    expect(job).toMatchObject({
      status: 'done',
      done: 250,
      total: 250,
      result: { changed: 250 },
      error: null,
    })
    for (const r of await rows('people', ids)) expect(r).toMatchObject({ deleted: true, version: 2 })
    for (const r of await rows('people', foreign)) expect(r).toMatchObject({ deleted: false, version: 1 })
    const events = await eventsPerRecord(owner.workspaceId, ids, 'deleted')
    expect(events.size).toBe(250)
    expect([...events.values()].every((n) => n === 1)).toBe(true)
  })

  it('resumes after a crash from the last committed batch: every record changed exactly once', async () => {
    const user = await signUp(t.app)
    const vip = await tag(user, 'Resume')
    const ids = await manyPeople(user, 1200, 'Crash')
    const others = await manyPeople(user, 5, 'Keep')
    const res = await bulk(user, 'people', {
      selection: { all: true, filters: [{ field: 'firstName', op: 'contains', value: 'crash' }] },
      action: { type: 'addTag', tagId: vip.id },
    })
    expect(res.statusCode, res.body).toBe(202)
    const { jobId } = res.json()

    // The process dies in the middle of the second batch: that batch rolls back.
    await crashAtSecondBatch(user, jobId)
    const half = (await as(t.app, user).get(`/api/v1/jobs/${jobId}`)).json()
    expect(half).toMatchObject({ status: 'running', done: 500, total: 1200 })
    expect((await rows('people', ids)).filter((r) => r.version === 2)).toHaveLength(500)

    expect(await runJobsOnce(t.database.db, { workspaceId: user.workspaceId })).toBe(1)
    const job = (await as(t.app, user).get(`/api/v1/jobs/${jobId}`)).json()
    expect(job).toMatchObject({ status: 'done', done: 1200, total: 1200, result: { changed: 1200 } })
    const after = await rows('people', ids)
    expect(after.every((r) => r.version === 2 && r.tag_ids.length === 1 && r.tag_ids[0] === vip.id)).toBe(
      true,
    )
    for (const r of await rows('people', others)) expect(r).toMatchObject({ tag_ids: [], version: 1 })
    const events = await eventsPerRecord(user.workspaceId, ids, 'updated')
    expect(events.size).toBe(1200)
    expect([...events.values()].every((n) => n === 1)).toBe(true)
  })
})
