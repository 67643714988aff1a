import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { as, createTestApp, signUp, type TestApp, type User } from '../../test/harness.ts'
import { between } from './board.service.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

type Stage = { id: string; name: string; kind: string }
type Column = Stage & {
  deals: { id: string; title: string }[]
  count: number
  totals: { currency: string; amountMinor: number; count: number }[]
}

/** A fresh workspace with its default pipeline (Lead, Qualified, Proposal, Negotiation, Won, Lost). */
async function setup() {
  const user = await signUp(t.app)
  const pipeline = (await as(t.app, user).get('/api/v1/pipelines')).json().data[0]
  const deal = async (title: string, extra: Record<string, unknown> = {}) => {
    const res = await as(t.app, user).post('/api/v1/deals', { title, ...extra })
    expect(res.statusCode, res.body).toBe(201)
    return res.json() as { id: string; version: number }
  }
  const board = async (): Promise<Column[]> => {
    const res = await as(t.app, user).get(`/api/v1/pipelines/${pipeline.id}/board`)
    expect(res.statusCode, res.body).toBe(200)
    return res.json().stages
  }
  const titles = async (i: number) => (await board())[i]!.deals.map((d) => d.title)
  const stages: Stage[] = pipeline.stages
  return { user, u: as(t.app, user), pipeline, stages, deal, board, titles }
}

describe('board and moves', () => {
  it('gives each column its open deals in rank order and totals per currency, never mixed', async () => {
    const { deal, board, stages } = await setup()
    await deal('Teff', { amountMinor: 100_000, currency: 'ETB' })
    await deal('Sesame', { amountMinor: 250_050, currency: 'ETB' })
    await deal('Flights', { amountMinor: 99_900, currency: 'USD' })
    await deal('Tea', { amountMinor: 1_000_000, currency: 'KES', stageId: stages[2]!.id })
    await deal('Closed one', { amountMinor: 5, stageId: stages[4]!.id })
    const columns = await board()
    expect(columns.map((c) => c.name)).toEqual([
      'Lead',
      'Qualified',
      'Proposal',
      'Negotiation',
      'Won',
      'Lost',
    ])
    expect(columns[0]!.deals.map((d) => d.title)).toEqual(['Teff', 'Sesame', 'Flights'])
    expect(columns[0]!.count).toBe(3)
    expect(columns[0]!.totals).toEqual([
      { currency: 'ETB', amountMinor: 350_050, count: 2 },
      { currency: 'USD', amountMinor: 99_900, count: 1 },
    ])
    expect(columns[2]!.totals).toEqual([{ currency: 'KES', amountMinor: 1_000_000, count: 1 }])
    expect(columns[1]!).toMatchObject({ deals: [], totals: [], count: 0 })
    // Won and lost deals are closed: not on the board.
    expect(columns[4]!).toMatchObject({ kind: 'won', deals: [], count: 0 })
  })

  it('moves before, after and to a position, and records stage_changed on the timeline', async () => {
    const { u, user, deal, stages, titles } = await setup()
    const a = await deal('A')
    const b = await deal('B')
    const c = await deal('C')
    const q = stages[1]!.id
    let res = await u.post(`/api/v1/deals/${a.id}/move`, { stageId: q }, { 'if-match': '"1"' })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ stage: { name: 'Qualified' }, version: 2 })
    expect(res.headers.etag).toBe('"2"')
    res = await u.post(`/api/v1/deals/${c.id}/move`, { stageId: q, beforeId: a.id, version: 1 })
    expect(res.statusCode, res.body).toBe(200)
    res = await u.post(`/api/v1/deals/${b.id}/move`, { stageId: q, afterId: c.id, version: 1 })
    expect(await titles(1)).toEqual(['C', 'B', 'A'])
    res = await u.post(`/api/v1/deals/${a.id}/move`, { stageId: q, position: 0 }, { 'if-match': '"2"' })
    expect(await titles(1)).toEqual(['A', 'C', 'B'])
    expect(await titles(0)).toEqual([])

    const timeline = (await u.get(`/api/v1/deals/${c.id}/timeline`)).json().data
    expect(timeline[0]).toMatchObject({
      kind: 'stage_changed',
      actor: { id: user.userId, name: 'Abebe Bikila' },
      changes: [{ field: 'stage', from: 'Lead', to: 'Qualified' }],
    })
    // A reorder inside one column is not a stage change.
    const aEvents = (await u.get(`/api/v1/deals/${a.id}/timeline`)).json().data
    expect(aEvents.map((e: { kind: string }) => e.kind)).toEqual(['stage_changed', 'created'])
  })

  it('requires a version, answers 412 when stale and leaves the deal where it was', async () => {
    const { u, deal, stages, titles } = await setup()
    const a = await deal('A')
    const missing = await u.post(`/api/v1/deals/${a.id}/move`, { stageId: stages[1]!.id })
    expect(missing.statusCode).toBe(428)
    await u.patch(`/api/v1/deals/${a.id}`, { title: 'A2' }, { 'if-match': '"1"' })
    const stale = await u.post(
      `/api/v1/deals/${a.id}/move`,
      { stageId: stages[1]!.id },
      { 'if-match': '"1"' },
    )
    expect(stale.statusCode).toBe(412)
    expect(await titles(0)).toEqual(['A2'])
    expect((await u.get(`/api/v1/deals/${a.id}`)).json()).toMatchObject({
      version: 2,
      stage: { name: 'Lead' },
    })
  })

  it('answers 400 naming the field for a stage of another pipeline or a neighbour not in the column', async () => {
    const { u, deal, stages } = await setup()
    const a = await deal('A')
    const b = await deal('B', { stageId: stages[2]!.id })
    const other = await u.post('/api/v1/pipelines', {
      name: 'Other',
      stages: [
        { name: 'X', probability: 1 },
        { name: 'Y', probability: 2 },
      ],
    })
    const wrongStage = await u.post(`/api/v1/deals/${a.id}/move`, {
      stageId: other.json().stages[0].id,
      version: 1,
    })
    expect(wrongStage.statusCode).toBe(400)
    expect(wrongStage.json().errors[0]).toMatchObject({ field: 'stageId', code: 'wrong_pipeline' })
    const notThere = await u.post(`/api/v1/deals/${a.id}/move`, {
      stageId: stages[1]!.id,
      beforeId: b.id,
      version: 1,
    })
    expect(notThere.statusCode).toBe(400)
    expect(notThere.json().errors[0].field).toBe('beforeId')
    const both = await u.post(`/api/v1/deals/${a.id}/move`, {
      stageId: stages[1]!.id,
      beforeId: b.id,
      position: 1,
      version: 1,
    })
    expect(both.statusCode).toBe(400)
  })

  it('closes a deal moved to won or lost (lost needs a reason) and reopens it when moved back', async () => {
    const { u, deal, stages, board } = await setup()
    const a = await deal('A', { amountMinor: 700 })
    const won = await u.post(`/api/v1/deals/${a.id}/move`, { stageId: stages[4]!.id, version: 1 })
    expect(won.json()).toMatchObject({ status: 'won', stage: { kind: 'won' } })
    expect(won.json().closedAt).not.toBeNull()
    expect((await board())[0]!.totals).toEqual([])
    const noReason = await u.post(`/api/v1/deals/${a.id}/move`, { stageId: stages[5]!.id, version: 2 })
    expect(noReason.statusCode).toBe(400)
    expect(noReason.json().errors[0].field).toBe('lostReason')
    const lost = await u.post(`/api/v1/deals/${a.id}/move`, {
      stageId: stages[5]!.id,
      version: 2,
      lostReason: 'Went with a competitor',
    })
    expect(lost.json()).toMatchObject({ status: 'lost', lostReason: 'Went with a competitor' })
    const back = await u.post(`/api/v1/deals/${a.id}/move`, { stageId: stages[3]!.id, version: 3 })
    expect(back.json()).toMatchObject({ status: 'open', closedAt: null, lostReason: null })
    expect((await board())[3]!.deals.map((d) => d.title)).toEqual(['A'])
    const events = (await u.get(`/api/v1/deals/${a.id}/timeline`)).json().data
    expect(events[0].changes).toEqual([
      { field: 'stage', from: 'Lost', to: 'Negotiation' },
      { field: 'status', from: 'lost', to: 'open' },
      { field: 'lostReason', from: 'Went with a competitor', to: null },
    ])
  })

  it('keeps the order right when moves keep splitting the same gap (the column is renumbered)', async () => {
    const { u, deal, titles } = await setup()
    const first = await deal('first')
    const last = await deal('last')
    const expected = ['first']
    for (let i = 0; i < 60; i++) {
      const d = await deal(`d${i}`)
      // Always right after "first": the gap halves every time, until doubles run out (~52).
      const res = await u.post(`/api/v1/deals/${d.id}/move`, {
        stageId: (await u.get(`/api/v1/deals/${d.id}`)).json().stage.id,
        afterId: first.id,
        version: d.version,
      })
      expect(res.statusCode, res.body).toBe(200)
      expected.splice(1, 0, `d${i}`)
    }
    expected.push('last')
    expect(await titles(0)).toEqual(expected)
    // Renumbering moved "last" on, without bumping its version (nobody's edit goes stale).
    const after = (await u.get(`/api/v1/deals/${last.id}`)).json()
    expect(after.rank).toBeGreaterThan(2048)
    expect(after.version).toBe(1)
  })

  it('computes a rank strictly between neighbours, or null when there is no room', () => {
    expect(between(undefined, undefined)).toBe(1024)
    expect(between(1024, undefined)).toBe(2048)
    expect(between(undefined, 1024)).toBe(0)
    expect(between(1, 2)).toBe(1.5)
    expect(between(1, 1)).toBeNull()
    expect(between(1, 1 + Number.EPSILON)).toBeNull()
  })

  it('filters the board by owner and caps the deals per column without changing the totals', async () => {
    const { u, user, deal, pipeline } = await setup()
    for (const n of [1, 2, 3]) await deal(`D${n}`, { amountMinor: n })
    const capped = (await u.get(`/api/v1/pipelines/${pipeline.id}/board?limit=2`)).json().stages[0]
    expect(capped.deals).toHaveLength(2)
    expect(capped.count).toBe(3)
    expect(capped.totals).toEqual([{ currency: 'ETB', amountMinor: 6, count: 3 }])
    const mine = (await u.get(`/api/v1/pipelines/${pipeline.id}/board?ownerId=${user.userId}`)).json()
      .stages[0]
    expect(mine.count).toBe(3)
    const nobody = (await u.get(`/api/v1/pipelines/${pipeline.id}/board?ownerId=someone-else`)).json()
      .stages[0]
    expect(nobody.count).toBe(0)
  })

  it('gives another workspace 404 on the board and on moves', async () => {
    const { deal, stages, pipeline } = await setup()
    const a = await deal('A')
    const stranger: User = await signUp(t.app)
    const s = as(t.app, stranger)
    expect((await s.get(`/api/v1/pipelines/${pipeline.id}/board`)).statusCode).toBe(404)
    const move = await s.post(`/api/v1/deals/${a.id}/move`, { stageId: stages[1]!.id, version: 1 })
    expect(move.statusCode).toBe(404)
  })
})
