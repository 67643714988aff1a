import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addMember, as, createTestApp, signUp, type TestApp, type User } from '../../test/harness.ts'

let t: TestApp
let owner: User
let sales: { id: string; stages: { id: string; name: string; kind: string }[] }
beforeAll(async () => {
  t = await createTestApp()
  owner = await signUp(t.app)
  sales = (await as(t.app, owner).get('/api/v1/pipelines')).json().data[0]
})
afterAll(() => t.close())

async function createDeal(user: User, body: Record<string, unknown>) {
  const res = await as(t.app, user).post('/api/v1/deals', body)
  expect(res.statusCode, res.body).toBe(201)
  return res.json()
}

async function createPerson(user: User, firstName = 'አበበ', companyId?: string) {
  const res = await as(t.app, user).post('/api/v1/people', { firstName, lastName: 'ቢቂላ', companyId })
  expect(res.statusCode, res.body).toBe(201)
  return res.json()
}

async function createCompany(user: User, name = 'Sheger Coffee') {
  const res = await as(t.app, user).post('/api/v1/companies?allowDuplicate=true', { name })
  expect(res.statusCode, res.body).toBe(201)
  return res.json()
}

describe('deals', () => {
  it('creates a deal in the first open stage, in the workspace currency, owned by its creator', async () => {
    const deal = await createDeal(owner, { title: 'Coffee export contract', amountMinor: 15_000_000 })
    expect(deal).toMatchObject({
      title: 'Coffee export contract',
      amountMinor: 15_000_000,
      currency: 'ETB',
      pipeline: { id: sales.id, name: 'Sales' },
      stage: { id: sales.stages[0]!.id, name: 'Lead', kind: 'open' },
      owner: { id: owner.userId, name: 'Abebe Bikila' },
      status: 'open',
      closedAt: null,
      version: 1,
    })
    const got = await as(t.app, owner).get(`/api/v1/deals/${deal.id}`)
    expect(got.headers.etag).toBe('"1"')
    const usd = await createDeal(owner, { title: 'Export', currency: 'USD', expectedCloseDate: '2026-03-31' })
    expect(usd).toMatchObject({ currency: 'USD', expectedCloseDate: '2026-03-31', amountMinor: 0 })
    const bad = await as(t.app, owner).post('/api/v1/deals', {
      title: 'x',
      currency: 'XYZ',
      amountMinor: 1.5,
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['currency', 'amountMinor']),
    )
  })

  it('answers 400 naming stageId for a stage of another pipeline, and the field for unknown links', async () => {
    const other = await as(t.app, owner).post('/api/v1/pipelines', {
      name: 'Tenders',
      stages: [
        { name: 'Open', probability: 20 },
        { name: 'Won', probability: 100, kind: 'won' },
      ],
    })
    const wrong = await as(t.app, owner).post('/api/v1/deals', {
      title: 'Mixed',
      pipelineId: sales.id,
      stageId: other.json().stages[0].id,
    })
    expect(wrong.statusCode).toBe(400)
    expect(wrong.json().errors[0]).toMatchObject({ field: 'stageId', code: 'wrong_pipeline' })
    // Without a pipeline, the stage's own pipeline is used.
    const inferred = await createDeal(owner, { title: 'Tender', stageId: other.json().stages[0].id })
    expect(inferred.pipeline.id).toBe(other.json().id)

    const stranger = await signUp(t.app)
    const theirPerson = await createPerson(stranger)
    const links = await as(t.app, owner).post('/api/v1/deals', {
      title: 'Links',
      personId: theirPerson.id,
      companyId: '01936b2e-1c3f-7d4a-8b5c-6d7e8f901299',
    })
    expect(links.statusCode).toBe(400)
    expect(links.json().errors.map((e: { field: string }) => e.field)).toEqual(['personId', 'companyId'])
    const owned = await as(t.app, owner).post('/api/v1/deals', { title: 'x', ownerId: stranger.userId })
    expect(owned.json().errors[0]).toMatchObject({ field: 'ownerId', code: 'not_a_member' })
    const patch = await as(t.app, owner).patch(
      `/api/v1/deals/${inferred.id}`,
      { stageId: sales.stages[1]!.id },
      { 'if-match': '"1"' },
    )
    expect(patch.statusCode).toBe(400)
    expect(patch.json().errors[0].field).toBe('stageId')
  })

  it('updates with If-Match and answers 412 on a stale version, changing nothing', async () => {
    const deal = await createDeal(owner, { title: 'Injera flour supply', amountMinor: 500_000 })
    const ok = await as(t.app, owner).patch(
      `/api/v1/deals/${deal.id}`,
      { amountMinor: 750_000, title: 'Injera flour, yearly' },
      { 'if-match': '"1"' },
    )
    expect(ok.statusCode, ok.body).toBe(200)
    expect(ok.json()).toMatchObject({ amountMinor: 750_000, version: 2 })
    const stale = await as(t.app, owner).patch(
      `/api/v1/deals/${deal.id}`,
      { amountMinor: 1, stageId: sales.stages[4]!.id },
      { 'if-match': '"1"' },
    )
    expect(stale.statusCode).toBe(412)
    expect(stale.json().code).toBe('version_mismatch')
    expect((await as(t.app, owner).get(`/api/v1/deals/${deal.id}`)).json()).toMatchObject({
      title: 'Injera flour, yearly',
      amountMinor: 750_000,
      status: 'open',
      version: 2,
    })
    expect((await as(t.app, owner).patch(`/api/v1/deals/${deal.id}`, { title: 'x' })).statusCode).toBe(428)
  })

  it('closes deals: won/lost stages or status set closedAt, lost needs a reason, reopening clears both', async () => {
    const deal = await createDeal(owner, { title: 'Hotel linen' })
    const noReason = await as(t.app, owner).patch(
      `/api/v1/deals/${deal.id}`,
      { status: 'lost' },
      { 'if-match': '"1"' },
    )
    expect(noReason.statusCode).toBe(400)
    expect(noReason.json().errors[0]).toMatchObject({ field: 'lostReason', code: 'required' })
    const lost = await as(t.app, owner).patch(
      `/api/v1/deals/${deal.id}`,
      { status: 'lost', lostReason: 'Price too high' },
      { 'if-match': '"1"' },
    )
    expect(lost.json()).toMatchObject({
      status: 'lost',
      lostReason: 'Price too high',
      stage: { name: 'Lead' },
    })
    expect(lost.json().closedAt).not.toBeNull()
    const reopened = await as(t.app, owner).patch(
      `/api/v1/deals/${deal.id}`,
      { status: 'open' },
      { 'if-match': '"2"' },
    )
    expect(reopened.json()).toMatchObject({ status: 'open', lostReason: null, closedAt: null })

    const won = await as(t.app, owner).patch(
      `/api/v1/deals/${deal.id}`,
      { stageId: sales.stages[4]!.id },
      { 'if-match': '"3"' },
    )
    expect(won.json()).toMatchObject({ status: 'won', stage: { name: 'Won', kind: 'won' } })
    expect(won.json().closedAt).not.toBeNull()
    const mismatch = await as(t.app, owner).patch(
      `/api/v1/deals/${deal.id}`,
      { status: 'open' },
      { 'if-match': '"4"' },
    )
    expect(mismatch.statusCode).toBe(400)
    expect(mismatch.json().errors[0].field).toBe('status')
    const timeline = (await as(t.app, owner).get(`/api/v1/deals/${deal.id}/timeline`)).json().data
    expect(timeline[0]).toMatchObject({
      kind: 'stage_changed',
      subjectType: 'deal',
      label: 'Hotel linen',
      actor: { id: owner.userId },
      changes: [
        { field: 'stage', from: 'Lead', to: 'Won' },
        { field: 'status', from: 'open', to: 'won' },
      ],
    })
  })

  it('shows deal events on the timelines of its person and company', async () => {
    const company = await createCompany(owner, 'Habesha Breweries')
    const person = await createPerson(owner, 'Tigist', company.id)
    const deal = await createDeal(owner, {
      title: 'Bottling line',
      personId: person.id,
      companyId: company.id,
    })
    await as(t.app, owner).patch(`/api/v1/deals/${deal.id}`, { amountMinor: 9_900 }, { 'if-match': '"1"' })
    for (const url of [`/api/v1/people/${person.id}/timeline`, `/api/v1/companies/${company.id}/timeline`]) {
      const events = (await as(t.app, owner).get(url)).json().data
      const mine = events.filter((e: { subjectId: string }) => e.subjectId === deal.id)
      expect(mine.map((e: { kind: string }) => e.kind)).toEqual(['updated', 'created'])
      expect(mine[0].changes).toEqual([
        {
          field: 'amount',
          from: { amountMinor: 0, currency: 'ETB' },
          to: { amountMinor: 9_900, currency: 'ETB' },
        },
      ])
    }
  })

  it('lists with filters, title search and keyset pages in every sort', async () => {
    const user = await signUp(t.app)
    const pipeline = (await as(t.app, user).get('/api/v1/pipelines')).json().data[0]
    const person = await createPerson(user, 'Juma')
    const titles = [
      'Zanzibar spices',
      'Arusha gems',
      'Mombasa port',
      'Dar fresh',
      'Hawassa fish',
      'Bahir Dar',
    ]
    for (const [i, title] of titles.entries()) {
      await createDeal(user, {
        title,
        amountMinor: (i + 1) * 1000,
        personId: i % 2 ? person.id : undefined,
        stageId: pipeline.stages[i % 2].id,
      })
    }
    const u = as(t.app, user)
    expect((await u.get(`/api/v1/deals?personId=${person.id}`)).json().data).toHaveLength(3)
    expect((await u.get(`/api/v1/deals?stageId=${pipeline.stages[0].id}`)).json().data).toHaveLength(3)
    expect((await u.get(`/api/v1/deals?pipelineId=${pipeline.id}&status=open`)).json().data).toHaveLength(6)
    expect((await u.get('/api/v1/deals?status=won')).json().data).toHaveLength(0)
    expect(
      (await u.get('/api/v1/deals?q=DAR'))
        .json()
        .data.map((d: { title: string }) => d.title)
        .sort(),
    ).toEqual(['Bahir Dar', 'Dar fresh'])
    for (const sort of ['title', '-title', 'amount', '-amount', 'createdAt', '-updatedAt']) {
      const seen: string[] = []
      let cursor: string | null = null
      do {
        const url: string = `/api/v1/deals?limit=4&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`
        const page = (await u.get(url)).json()
        seen.push(...page.data.map((d: { title: string }) => d.title))
        cursor = page.nextCursor
      } while (cursor)
      expect(seen, sort).toHaveLength(titles.length)
      if (sort === 'title')
        expect(seen).toEqual([...titles].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())))
      if (sort === 'amount') expect(seen).toEqual(titles)
      if (sort === '-amount') expect(seen).toEqual([...titles].reverse())
    }
  })

  it('soft-deletes to the trash and restores; a trashed deal cannot be edited', async () => {
    const deal = await createDeal(owner, { title: 'Trash me Qz' })
    const del = await as(t.app, owner).delete(`/api/v1/deals/${deal.id}`, { 'if-match': '"1"' })
    expect(del.statusCode).toBe(200)
    expect(del.json().deletedAt).not.toBeNull()
    expect((await as(t.app, owner).get('/api/v1/deals?q=trash me qz')).json().data).toHaveLength(0)
    expect((await as(t.app, owner).get('/api/v1/deals?q=trash me qz&trashed=true')).json().data).toHaveLength(
      1,
    )
    const edit = await as(t.app, owner).patch(
      `/api/v1/deals/${deal.id}`,
      { title: 'x' },
      { 'if-match': '"2"' },
    )
    expect(edit.statusCode).toBe(409)
    const back = await as(t.app, owner).post(`/api/v1/deals/${deal.id}/restore`)
    expect(back.json()).toMatchObject({ deletedAt: null, version: 3 })
    const kinds = (await as(t.app, owner).get(`/api/v1/deals/${deal.id}/timeline`)).json().data
    expect(kinds.map((e: { kind: string }) => e.kind)).toEqual(['restored', 'deleted', 'created'])
  })

  it('returns the same deal when a create with a client id is replayed', async () => {
    const id = '01936b2e-1c3f-7d4a-8b5c-6d7e8f90aaaa'
    const first = await as(t.app, owner).post('/api/v1/deals', { id, title: 'Replay' })
    const again = await as(t.app, owner).post('/api/v1/deals', { id, title: 'Replay' })
    expect([first.statusCode, again.statusCode]).toEqual([201, 200])
    expect(again.json().id).toBe(id)
  })

  it('gives a member of another workspace 404 on every deal route, and a viewer 403 on writes', async () => {
    const deal = await createDeal(owner, { title: 'Private' })
    const stranger = as(t.app, await signUp(t.app))
    const url = `/api/v1/deals/${deal.id}`
    const strangerStage = (await stranger.get('/api/v1/pipelines')).json().data[0].stages[1].id
    for (const res of [
      await stranger.get(url),
      await stranger.patch(url, { title: 'Hacked' }, { 'if-match': '"1"' }),
      await stranger.delete(url),
      await stranger.post(`${url}/restore`),
      await stranger.post(`${url}/move`, { stageId: strangerStage, version: 1 }),
      await stranger.get(`${url}/timeline`),
    ]) {
      expect(res.statusCode).toBe(404)
      expect(res.json().code).toBe('not_found')
    }
    expect((await stranger.get('/api/v1/deals')).json().data).toHaveLength(0)
    const viewer = as(t.app, await addMember(t.app, owner, 'viewer'))
    expect((await viewer.get(url)).statusCode).toBe(200)
    for (const res of [
      await viewer.post('/api/v1/deals', { title: 'Nope' }),
      await viewer.patch(url, { title: 'Nope' }, { 'if-match': '"1"' }),
      await viewer.post(`${url}/move`, { stageId: sales.stages[1]!.id, version: 1 }),
      await viewer.delete(url),
      await viewer.post(`${url}/restore`),
    ]) {
      expect(res.statusCode).toBe(403)
    }
    expect((await as(t.app, owner).get(url)).json()).toMatchObject({ title: 'Private', version: 1 })
  })
})
