import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addMember, as, createTestApp, signUp, type TestApp, type User } from '../../test/harness.ts'

let t: TestApp
let owner: User
beforeAll(async () => {
  t = await createTestApp()
  owner = await signUp(t.app, { country: 'KE', locale: 'sw' })
})
afterAll(() => t.close())

const partnerships = {
  name: 'Partnerships',
  stages: [
    { name: 'Intro', probability: 10 },
    { name: 'Pilot', probability: 50 },
    { name: 'Signed', probability: 100, kind: 'won' },
    { name: 'Dropped', probability: 0, kind: 'lost' },
  ],
}

async function createPipeline(user: User, body: Record<string, unknown> = partnerships) {
  const res = await as(t.app, user).post('/api/v1/pipelines', body)
  expect(res.statusCode, res.body).toBe(201)
  return res.json()
}

describe('pipelines', () => {
  it('starts every workspace with one pipeline, its stages named in the workspace language', async () => {
    const res = await as(t.app, owner).get('/api/v1/pipelines')
    expect(res.statusCode).toBe(200)
    const [sales, ...rest] = res.json().data
    expect(rest).toHaveLength(0)
    expect(sales.name).toBe('Mauzo')
    expect(sales.stages.map((s: { name: string; kind: string }) => `${s.name}/${s.kind}`)).toEqual([
      'Mteja mtarajiwa/open',
      'Amethibitishwa/open',
      'Pendekezo limetumwa/open',
      'Majadiliano/open',
      'Imefanikiwa/won',
      'Imepotea/lost',
    ])
    expect(sales.stages.map((s: { position: number }) => s.position)).toEqual([0, 1, 2, 3, 4, 5])
    const amharic = await signUp(t.app, { locale: 'am' })
    const am = (await as(t.app, amharic).get('/api/v1/pipelines')).json().data[0]
    expect(am.name).toBe('ሽያጭ')
  })

  it('lets admins create, rename and reorder stages with If-Match; members and viewers get 403', async () => {
    const p = await createPipeline(owner)
    expect(p).toMatchObject({ name: 'Partnerships', version: 1, deletedAt: null })
    const [intro, pilot, signed, dropped] = p.stages
    const res = await as(t.app, owner).patch(
      `/api/v1/pipelines/${p.id}`,
      {
        name: 'Partners',
        stages: [
          { id: pilot.id, name: 'Pilot run', probability: 60 },
          { id: intro.id, name: 'Intro', probability: 15 },
          { name: 'Contract', probability: 80 },
          { id: signed.id, name: 'Signed', probability: 100, kind: 'won' },
          { id: dropped.id, name: 'Dropped', probability: 0, kind: 'lost' },
        ],
      },
      { 'if-match': '"1"' },
    )
    expect(res.statusCode, res.body).toBe(200)
    expect(res.headers.etag).toBe('"2"')
    expect(
      res.json().stages.map((s: { name: string; probability: number }) => `${s.name}:${s.probability}`),
    ).toEqual(['Pilot run:60', 'Intro:15', 'Contract:80', 'Signed:100', 'Dropped:0'])
    const stale = await as(t.app, owner).patch(
      `/api/v1/pipelines/${p.id}`,
      { name: 'Late' },
      { 'if-match': '"1"' },
    )
    expect(stale.statusCode).toBe(412)
    expect((await as(t.app, owner).get(`/api/v1/pipelines/${p.id}`)).json()).toMatchObject({
      name: 'Partners',
      version: 2,
    })
    expect((await as(t.app, owner).patch(`/api/v1/pipelines/${p.id}`, { name: 'x' })).statusCode).toBe(428)

    const member = as(t.app, await addMember(t.app, owner, 'member'))
    const viewer = as(t.app, await addMember(t.app, owner, 'viewer'))
    for (const who of [member, viewer]) {
      expect((await who.get(`/api/v1/pipelines/${p.id}`)).statusCode).toBe(200)
      for (const res of [
        await who.post('/api/v1/pipelines', partnerships),
        await who.patch(`/api/v1/pipelines/${p.id}`, { name: 'Nope' }, { 'if-match': '"2"' }),
        await who.delete(`/api/v1/pipelines/${p.id}`),
        await who.post(`/api/v1/pipelines/${p.id}/restore`),
      ]) {
        expect(res.statusCode).toBe(403)
      }
    }
  })

  it('validates stages: probability 0-100, an open stage, ids of this pipeline only', async () => {
    const bad = await as(t.app, owner).post('/api/v1/pipelines', {
      name: 'Bad',
      stages: [
        { name: 'A', probability: 120 },
        { name: 'B', probability: 0, kind: 'won' },
      ],
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toContain('stages.0.probability')
    const closedOnly = await as(t.app, owner).post('/api/v1/pipelines', {
      name: 'Closed',
      stages: [
        { name: 'W', probability: 100, kind: 'won' },
        { name: 'L', probability: 0, kind: 'lost' },
      ],
    })
    expect(closedOnly.statusCode).toBe(400)
    expect(closedOnly.json().errors[0].field).toBe('stages')

    const a = await createPipeline(owner)
    const b = await createPipeline(owner)
    const foreign = await as(t.app, owner).patch(
      `/api/v1/pipelines/${a.id}`,
      { stages: [{ id: b.stages[0].id, name: 'Stolen', probability: 5 }, ...a.stages.slice(1)] },
      { 'if-match': '"1"' },
    )
    expect(foreign.statusCode).toBe(400)
    expect(foreign.json().errors[0]).toMatchObject({ field: 'stages.0.id', code: 'not_found' })
  })

  it('refuses to remove or recast a stage that has deals, and to delete a pipeline with open deals', async () => {
    const p = await createPipeline(owner)
    const deal = await as(t.app, owner).post('/api/v1/deals', { title: 'Pilot with KCB', pipelineId: p.id })
    expect(deal.statusCode, deal.body).toBe(201)
    const remove = await as(t.app, owner).patch(
      `/api/v1/pipelines/${p.id}`,
      { stages: p.stages.slice(1) },
      { 'if-match': '"1"' },
    )
    expect(remove.statusCode).toBe(409)
    expect(remove.json().code).toBe('stage_in_use')
    const recast = await as(t.app, owner).patch(
      `/api/v1/pipelines/${p.id}`,
      { stages: [{ ...p.stages[0], kind: 'lost' }, ...p.stages.slice(1)] },
      { 'if-match': '"1"' },
    )
    expect(recast.statusCode).toBe(409)
    expect(recast.json().errors[0].field).toBe('stages.0.kind')

    const del = await as(t.app, owner).delete(`/api/v1/pipelines/${p.id}`)
    expect(del.statusCode).toBe(409)
    expect(del.json().code).toBe('pipeline_in_use')
    expect((await as(t.app, owner).get(`/api/v1/pipelines/${p.id}`)).json().version).toBe(1)

    // Once the deal is won, the pipeline may go (closed deals keep their history).
    const won = await as(t.app, owner).patch(
      `/api/v1/deals/${deal.json().id}`,
      { status: 'won' },
      { 'if-match': '"1"' },
    )
    expect(won.statusCode, won.body).toBe(200)
    const ok = await as(t.app, owner).delete(`/api/v1/pipelines/${p.id}`, { 'if-match': '"1"' })
    expect(ok.statusCode, ok.body).toBe(200)
    expect(ok.json().deletedAt).not.toBeNull()
    const live = (await as(t.app, owner).get('/api/v1/pipelines'))
      .json()
      .data.map((x: { id: string }) => x.id)
    expect(live).not.toContain(p.id)
    const trash = (await as(t.app, owner).get('/api/v1/pipelines?trashed=true')).json().data
    expect(trash.map((x: { id: string }) => x.id)).toContain(p.id)
    expect((await as(t.app, owner).get(`/api/v1/deals/${deal.json().id}`)).json().pipeline.name).toBe(
      'Partnerships',
    )
    const back = await as(t.app, owner).post(`/api/v1/pipelines/${p.id}/restore`)
    expect(back.statusCode).toBe(200)
    expect(back.json().deletedAt).toBeNull()
  })

  it('never deletes the last pipeline', async () => {
    const solo = await signUp(t.app)
    const [only] = (await as(t.app, solo).get('/api/v1/pipelines')).json().data
    const res = await as(t.app, solo).delete(`/api/v1/pipelines/${only.id}`)
    expect(res.statusCode).toBe(409)
    expect(res.json().code).toBe('last_pipeline')
  })

  it('gives a member of another workspace 404 on every pipeline route', async () => {
    const p = await createPipeline(owner)
    const stranger = as(t.app, await signUp(t.app))
    const url = `/api/v1/pipelines/${p.id}`
    for (const res of [
      await stranger.get(url),
      await stranger.patch(url, { name: 'Hacked' }, { 'if-match': '"1"' }),
      await stranger.delete(url),
      await stranger.post(`${url}/restore`),
      await stranger.get(`${url}/board`),
    ]) {
      expect(res.statusCode).toBe(404)
      expect(res.json().code).toBe('not_found')
    }
    const theirs = (await stranger.get('/api/v1/pipelines')).json().data
    expect(theirs.map((x: { id: string }) => x.id)).not.toContain(p.id)
  })
})
