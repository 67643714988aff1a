import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addMember, as, createTestApp, signUp, type TestApp, type User } from '../../test/harness.ts'
import { bulkFixtures } from './bulk.fixtures.ts'

let t: TestApp
let owner: User
let member: User
let viewer: User
let stranger: User

beforeAll(async () => {
  t = await createTestApp()
  owner = await signUp(t.app)
  member = await addMember(t.app, owner, 'member')
  viewer = await addMember(t.app, owner, 'viewer')
  stranger = await signUp(t.app)
})
afterAll(() => t.close())

const { bulk, person, tag, timeline, rows } = bulkFixtures(() => t)

describe('bulk actions in the request', () => {
  it('assigns an owner to the selected people only, with a timeline event each', async () => {
    const a = await person(owner, 'Almaz')
    const b = await person(owner, 'Bekele')
    const foreign = await person(stranger, 'Foreign')
    const res = await bulk(owner, 'people', {
      selection: { ids: [a.id, b.id, foreign.id, a.id] },
      action: { type: 'assignOwner', ownerId: null },
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toEqual({ done: 2, total: 2 })
    for (const r of await rows('people', [a.id, b.id]))
      expect(r).toMatchObject({ owner_id: null, version: 2 })
    const [event] = await timeline(owner, 'people', a.id)
    expect(event).toMatchObject({
      kind: 'updated',
      label: 'Almaz',
      changes: [{ field: 'owner', from: 'Abebe Bikila', to: null }],
    })
    // The other workspace's person was not touched.
    expect((await rows('people', [foreign.id]))[0]).toMatchObject({ owner_id: stranger.userId, version: 1 })

    const again = await bulk(owner, 'people', {
      selection: { ids: [a.id, b.id] },
      action: { type: 'assignOwner', ownerId: member.userId },
    })
    expect(again.json()).toEqual({ done: 2, total: 2 })
    for (const r of await rows('people', [a.id, b.id])) {
      expect(r).toMatchObject({ owner_id: member.userId, version: 3 })
    }
  })

  it('adds and removes a tag without duplicates, changing only records that change', async () => {
    const vip = await tag(owner, 'VIP')
    const a = await person(owner, 'Chaltu')
    const b = await person(owner, 'Dawit')
    await bulk(owner, 'people', { selection: { ids: [a.id] }, action: { type: 'addTag', tagId: vip.id } })
    const res = await bulk(owner, 'people', {
      selection: { ids: [a.id, b.id] },
      action: { type: 'addTag', tagId: vip.id },
    })
    expect(res.json()).toEqual({ done: 2, total: 2 })
    // a had the tag already: unchanged by the second call.
    for (const r of await rows('people', [a.id, b.id]))
      expect(r).toMatchObject({ tag_ids: [vip.id], version: 2 })
    expect((await timeline(owner, 'people', a.id)).filter((e) => e.kind === 'updated')).toHaveLength(1)
    expect((await timeline(owner, 'people', b.id))[0]).toMatchObject({
      kind: 'updated',
      changes: [{ field: 'tags', from: null, to: vip.name }],
    })

    const removed = await bulk(owner, 'people', {
      selection: { ids: [a.id, b.id] },
      action: { type: 'removeTag', tagId: vip.id },
    })
    expect(removed.json()).toEqual({ done: 2, total: 2 })
    for (const r of await rows('people', [a.id, b.id])) expect(r).toMatchObject({ tag_ids: [], version: 3 })
    expect((await timeline(owner, 'people', a.id))[0]).toMatchObject({
      changes: [{ field: 'tags', from: vip.name, to: null }],
    })
  })

  it('moves companies to the trash and back, with deleted and restored events', async () => {
    const make = async (name: string) =>
      (await as(t.app, owner).post('/api/v1/companies?allowDuplicate=true', { name })).json() as {
        id: string
      }
    const a = await make('Sheba Coffee')
    const b = await make('Lalibela Tours')
    const ids = [a.id, b.id]
    expect(
      (await bulk(owner, 'companies', { selection: { ids }, action: { type: 'delete' } })).json(),
    ).toEqual({
      done: 2,
      total: 2,
    })
    for (const r of await rows('companies', ids)) expect(r).toMatchObject({ deleted: true, version: 2 })
    // Deleting again changes nothing; editing actions skip trashed records.
    await bulk(owner, 'companies', { selection: { ids }, action: { type: 'delete' } })
    await bulk(owner, 'companies', { selection: { ids }, action: { type: 'assignOwner', ownerId: null } })
    for (const r of await rows('companies', ids)) expect(r).toMatchObject({ deleted: true, version: 2 })

    await bulk(owner, 'companies', { selection: { ids }, action: { type: 'restore' } })
    for (const r of await rows('companies', ids)) expect(r).toMatchObject({ deleted: false, version: 3 })
    const events = await timeline(owner, 'companies', a.id)
    expect(events.map((e) => e.kind)).toEqual(['restored', 'deleted', 'created'])
    expect(events[1]).toMatchObject({ label: 'Sheba Coffee', changes: null })
  })

  it('moves deals between stages of their pipeline, closing them in won and lost stages', async () => {
    const pipeline = (await as(t.app, owner).get('/api/v1/pipelines')).json().data[0]
    const [lead, qualified, , , won, lost] = pipeline.stages as { id: string; name: string }[]
    const deal = async (title: string, body: Record<string, unknown> = {}) =>
      (await as(t.app, owner).post('/api/v1/deals', { title, ...body })).json() as { id: string }
    const a = await deal('Teff export')
    const b = await deal('Coffee beans')
    const other = await as(t.app, owner).post('/api/v1/pipelines', {
      name: 'Tenders',
      stages: [
        { name: 'Open', probability: 10 },
        { name: 'Won', probability: 100, kind: 'won' },
      ],
    })
    const c = await deal('Road tender', { pipelineId: other.json().id })
    const ids = [a.id, b.id, c.id]

    const moved = await bulk(owner, 'deals', {
      selection: { ids },
      action: { type: 'moveStage', stageId: qualified!.id },
    })
    expect(moved.json()).toEqual({ done: 3, total: 3 })
    const [ev] = await timeline(owner, 'deals', a.id)
    expect(ev).toMatchObject({
      kind: 'stage_changed',
      label: 'Teff export',
      changes: [{ field: 'stage', from: lead!.name, to: qualified!.name }],
    })
    // The deal of the other pipeline stays where it is.
    expect((await rows('deals', [c.id]))[0]).toMatchObject({ version: 1 })

    await bulk(owner, 'deals', {
      selection: { ids: [a.id] },
      action: { type: 'moveStage', stageId: won!.id },
    })
    const [wonDeal] = await rows('deals', [a.id])
    expect(wonDeal).toMatchObject({ status: 'won', stage_id: won!.id, version: 3 })
    expect(wonDeal!.closed_at).not.toBeNull()
    expect((await timeline(owner, 'deals', a.id))[0]!.changes).toEqual([
      { field: 'stage', from: qualified!.name, to: won!.name },
      { field: 'status', from: 'open', to: 'won' },
    ])

    const noReason = await bulk(owner, 'deals', {
      selection: { ids: [b.id] },
      action: { type: 'moveStage', stageId: lost!.id },
    })
    expect(noReason.statusCode).toBe(400)
    expect(noReason.json().errors[0]).toMatchObject({ field: 'action.lostReason', code: 'required' })
    await bulk(owner, 'deals', {
      selection: { ids: [b.id] },
      action: { type: 'moveStage', stageId: lost!.id, lostReason: 'Price too high' },
    })
    expect((await rows('deals', [b.id]))[0]).toMatchObject({ status: 'lost', lost_reason: 'Price too high' })

    // Back to an open stage: reopened, the close time and reason cleared.
    await bulk(owner, 'deals', {
      selection: { ids: [a.id, b.id] },
      action: { type: 'moveStage', stageId: lead!.id },
    })
    for (const r of await rows('deals', [a.id, b.id])) {
      expect(r).toMatchObject({ status: 'open', stage_id: lead!.id, lost_reason: null, closed_at: null })
    }
    const board = (await as(t.app, owner).get(`/api/v1/pipelines/${pipeline.id}/board`)).json()
    expect(board.stages[0].deals.map((d: { id: string }) => d.id)).toEqual(
      expect.arrayContaining([a.id, b.id]),
    )
  })

  it('deletes and restores deals; a restored deal is back on its board', async () => {
    const pipeline = (await as(t.app, owner).get('/api/v1/pipelines')).json().data[0]
    const a = (await as(t.app, owner).post('/api/v1/deals', { title: 'Sesame' })).json()
    await bulk(owner, 'deals', { selection: { ids: [a.id] }, action: { type: 'delete' } })
    const titles = async () =>
      (await as(t.app, owner).get(`/api/v1/pipelines/${pipeline.id}/board`))
        .json()
        .stages[0].deals.map((d: { id: string }) => d.id)
    expect(await titles()).not.toContain(a.id)
    await bulk(owner, 'deals', { selection: { ids: [a.id] }, action: { type: 'restore' } })
    expect(await titles()).toContain(a.id)
    expect((await timeline(owner, 'deals', a.id)).map((e) => e.kind)).toEqual([
      'restored',
      'deleted',
      'created',
    ])
  })

  it('refuses viewers, and changes nothing', async () => {
    const a = await person(owner, 'Eden')
    const res = await bulk(viewer, 'people', { selection: { ids: [a.id] }, action: { type: 'delete' } })
    expect(res.statusCode).toBe(403)
    expect((await rows('people', [a.id]))[0]).toMatchObject({ deleted: false, version: 1 })
  })

  it('answers 400 naming the field for a bad selection or action', async () => {
    const a = await person(owner, 'Fikru')
    const foreignTag = await tag(stranger, 'Theirs')
    const foreignStage = (await as(t.app, stranger).get('/api/v1/pipelines')).json().data[0].stages[0].id
    const cases: [string, unknown, string][] = [
      ['people', { selection: { ids: [a.id] }, action: { type: 'addTag' } }, 'action.tagId'],
      [
        'people',
        { selection: { ids: [a.id] }, action: { type: 'addTag', tagId: foreignTag.id } },
        'action.tagId',
      ],
      [
        'people',
        { selection: { ids: [a.id] }, action: { type: 'moveStage', stageId: foreignStage } },
        'action.type',
      ],
      [
        'deals',
        { selection: { ids: [a.id] }, action: { type: 'moveStage', stageId: foreignStage } },
        'action.stageId',
      ],
      [
        'people',
        { selection: { ids: [a.id] }, action: { type: 'assignOwner', ownerId: stranger.userId } },
        'action.ownerId',
      ],
      ['people', { selection: { ids: [a.id] }, action: { type: 'paint' } }, 'action.type'],
      ['people', { selection: { ids: [] }, action: { type: 'delete' } }, 'selection.ids'],
      ['people', { selection: { ids: ['nope'] }, action: { type: 'delete' } }, 'selection.ids.0'],
      ['companies', { selection: { ids: [a.id] }, action: { type: 'delete', extra: 1 } }, 'action.extra'],
    ]
    for (const [path, body, field] of cases) {
      const res = await bulk(owner, path, body)
      expect(res.statusCode, JSON.stringify(body)).toBe(400)
      expect(res.headers['content-type']).toContain('application/problem+json')
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field)
    }
    expect((await rows('people', [a.id]))[0]).toMatchObject({ version: 1 })
  })
})
