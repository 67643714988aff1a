import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addMember, as, createTestApp, signUp, type TestApp, type User } from '../../test/harness.ts'

let t: TestApp
let owner: User
let company: { id: string; name: string }
let person: { id: string }
let deal: { id: string }
beforeAll(async () => {
  t = await createTestApp()
  owner = await signUp(t.app, { country: 'TZ', locale: 'sw' })
  const o = as(t.app, owner)
  company = (await o.post('/api/v1/companies', { name: 'Kilimanjaro Coffee' })).json()
  person = (
    await o.post('/api/v1/people', { firstName: 'Neema', lastName: 'Mushi', companyId: company.id })
  ).json()
  deal = (await o.post('/api/v1/deals', { title: 'Arabica beans', personId: person.id })).json()
})
afterAll(() => t.close())

async function log(user: User, body: Record<string, unknown>) {
  const res = await as(t.app, user).post('/api/v1/activities', body)
  expect(res.statusCode, res.body).toBe(201)
  return res.json()
}

const NOTE = '# Visit\n\n- Wants **200 kg** a month\n- <script>alert(1)</script> [x](javascript:alert(1))\n'

describe('activities', () => {
  it('stores a markdown note raw and shows it on the person, company and deal timelines', async () => {
    const note = await log(owner, { type: 'note', body: NOTE, personId: person.id, dealId: deal.id })
    expect(note).toMatchObject({
      type: 'note',
      body: NOTE,
      person: { id: person.id, name: 'Neema Mushi' },
      deal: { id: deal.id, name: 'Arabica beans' },
      company: null,
      createdBy: { id: owner.userId },
      done: false,
      version: 1,
    })
    expect((await as(t.app, owner).get(`/api/v1/activities/${note.id}`)).json().body).toBe(NOTE)
    for (const url of [
      `/api/v1/people/${person.id}/timeline`,
      `/api/v1/companies/${company.id}/timeline`,
      `/api/v1/deals/${deal.id}/timeline`,
    ]) {
      const [event] = (await as(t.app, owner).get(url)).json().data
      expect(event, url).toMatchObject({
        kind: 'activity',
        subjectType: 'activity',
        subjectId: note.id,
        activityId: note.id,
        label: 'Visit',
        actor: { id: owner.userId },
        activity: { id: note.id, type: 'note', summary: NOTE, done: false },
      })
    }
  })

  it('logs calls and meetings with their details; a meeting ends after it starts', async () => {
    const call = await log(owner, {
      type: 'call',
      companyId: company.id,
      direction: 'outbound',
      durationSeconds: 320,
      outcome: 'connected',
      occurredAt: '2026-01-05T09:30:00+03:00',
    })
    expect(call).toMatchObject({
      direction: 'outbound',
      durationSeconds: 320,
      outcome: 'connected',
      occurredAt: '2026-01-05T06:30:00.000Z',
    })
    const meeting = await log(owner, {
      type: 'meeting',
      title: 'Cupping session',
      personId: person.id,
      startsAt: '2026-02-01T10:00:00Z',
      endsAt: '2026-02-01T11:30:00Z',
      place: 'Arusha',
    })
    expect(meeting).toMatchObject({
      startsAt: '2026-02-01T10:00:00.000Z',
      endsAt: '2026-02-01T11:30:00.000Z',
      place: 'Arusha',
    })
    const backwards = await as(t.app, owner).post('/api/v1/activities', {
      type: 'meeting',
      personId: person.id,
      startsAt: '2026-02-01T10:00:00Z',
      endsAt: '2026-02-01T09:00:00Z',
    })
    expect(backwards.statusCode).toBe(400)
    expect(backwards.json().errors[0].field).toBe('endsAt')
    const patch = await as(t.app, owner).patch(
      `/api/v1/activities/${meeting.id}`,
      { endsAt: '2026-02-01T09:00:00Z' },
      { 'if-match': '"1"' },
    )
    expect(patch.statusCode).toBe(400)
    expect(patch.json().errors[0].field).toBe('endsAt')
    const wrongType = await as(t.app, owner).patch(
      `/api/v1/activities/${call.id}`,
      { place: 'Moshi', dueAt: '2026-01-01T00:00:00Z' },
      { 'if-match': '"1"' },
    )
    expect(wrongType.statusCode).toBe(400)
    expect(
      wrongType.json().errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`),
    ).toEqual(['place:not_for_type', 'dueAt:not_for_type'])
    // The call sits on the timeline when it happened, not when it was typed in.
    const events = (await as(t.app, owner).get(`/api/v1/companies/${company.id}/timeline`)).json().data
    const callEvent = events.find((e: { activityId: string | null }) => e.activityId === call.id)
    expect(callEvent.occurredAt).toBe('2026-01-05T06:30:00.000Z')
  })

  it('needs a link, and every link must exist in this workspace (400 naming the field)', async () => {
    const none = await as(t.app, owner).post('/api/v1/activities', { type: 'note', body: 'Floating' })
    expect(none.statusCode).toBe(400)
    expect(none.json().errors[0]).toMatchObject({ field: 'personId', code: 'link_required' })
    const stranger = await signUp(t.app)
    const theirDeal = (await as(t.app, stranger).post('/api/v1/deals', { title: 'Theirs' })).json()
    const foreign = await as(t.app, owner).post('/api/v1/activities', {
      type: 'note',
      body: 'x',
      dealId: theirDeal.id,
      companyId: '01936b2e-1c3f-7d4a-8b5c-6d7e8f901299',
    })
    expect(foreign.statusCode).toBe(400)
    expect(foreign.json().errors.map((e: { field: string }) => e.field)).toEqual(['companyId', 'dealId'])
    const blank = await as(t.app, owner).post('/api/v1/activities', {
      type: 'note',
      body: '  ',
      personId: person.id,
    })
    expect(blank.statusCode).toBe(400)
    expect(blank.json().errors[0].field).toBe('body')
    const assignee = await as(t.app, owner).post('/api/v1/activities', {
      type: 'task',
      title: 'x',
      dueAt: '2026-01-01T00:00:00Z',
      personId: person.id,
      assigneeId: stranger.userId,
    })
    expect(assignee.json().errors[0]).toMatchObject({ field: 'assigneeId', code: 'not_a_member' })
  })

  it('ticks a task done with If-Match (412 when stale, unchanged) and records old → new', async () => {
    const task = await log(owner, {
      type: 'task',
      title: 'Send price list',
      dueAt: '2026-03-01T09:00:00Z',
      dealId: deal.id,
    })
    expect(task).toMatchObject({ assignee: { id: owner.userId }, done: false, doneAt: null })
    const done = await as(t.app, owner).patch(
      `/api/v1/activities/${task.id}`,
      { done: true },
      { 'if-match': '"1"' },
    )
    expect(done.statusCode, done.body).toBe(200)
    expect(done.json()).toMatchObject({ done: true, version: 2 })
    expect(done.json().doneAt).not.toBeNull()
    const stale = await as(t.app, owner).patch(
      `/api/v1/activities/${task.id}`,
      { done: false, title: 'Overwritten' },
      { 'if-match': '"1"' },
    )
    expect(stale.statusCode).toBe(412)
    expect((await as(t.app, owner).get(`/api/v1/activities/${task.id}`)).json()).toMatchObject({
      title: 'Send price list',
      done: true,
      version: 2,
    })
    expect((await as(t.app, owner).patch(`/api/v1/activities/${task.id}`, { done: false })).statusCode).toBe(
      428,
    )
    const [event] = (await as(t.app, owner).get(`/api/v1/deals/${deal.id}/timeline`)).json().data
    expect(event).toMatchObject({
      kind: 'updated',
      subjectType: 'activity',
      label: 'Send price list',
      changes: [{ field: 'done', from: false, to: true }],
      activity: { type: 'task', done: true },
    })
    // The deal's person sees the task too.
    const personEvents = (await as(t.app, owner).get(`/api/v1/people/${person.id}/timeline`)).json().data
    expect(personEvents.some((e: { activityId: string }) => e.activityId === task.id)).toBe(true)
  })

  it('moves the timeline entry with the activity when its links change', async () => {
    const other = (await as(t.app, owner).post('/api/v1/people', { firstName: 'Baraka' })).json()
    const note = await log(owner, { type: 'note', body: 'Wrong person', personId: person.id })
    const res = await as(t.app, owner).patch(
      `/api/v1/activities/${note.id}`,
      { personId: other.id },
      { 'if-match': '"1"' },
    )
    expect(res.json().person).toEqual({ id: other.id, name: 'Baraka' })
    const theirs = (await as(t.app, owner).get(`/api/v1/people/${other.id}/timeline`)).json().data
    expect(theirs.map((e: { kind: string }) => e.kind)).toEqual(['updated', 'activity', 'created'])
    const mine = (await as(t.app, owner).get(`/api/v1/people/${person.id}/timeline`)).json().data
    expect(
      mine.some(
        (e: { activityId: string; kind: string }) => e.activityId === note.id && e.kind === 'activity',
      ),
    ).toBe(false)
  })

  it('soft-deletes and restores; a trashed activity leaves the timeline and the list', async () => {
    const note = await log(owner, { type: 'note', body: 'Short-lived', companyId: company.id })
    const del = await as(t.app, owner).delete(`/api/v1/activities/${note.id}`, { 'if-match': '"1"' })
    expect(del.json().deletedAt).not.toBeNull()
    const list = (await as(t.app, owner).get(`/api/v1/activities?companyId=${company.id}`)).json().data
    expect(list.map((a: { id: string }) => a.id)).not.toContain(note.id)
    const trash = (
      await as(t.app, owner).get(`/api/v1/activities?companyId=${company.id}&trashed=true`)
    ).json().data
    expect(trash.map((a: { id: string }) => a.id)).toEqual([note.id])
    const timeline = (await as(t.app, owner).get(`/api/v1/companies/${company.id}/timeline`)).json().data
    const ofNote = timeline.filter((e: { activityId: string }) => e.activityId === note.id)
    expect(ofNote.map((e: { kind: string }) => e.kind)).toEqual(['deleted'])
    expect(
      (await as(t.app, owner).patch(`/api/v1/activities/${note.id}`, { body: 'x' }, { 'if-match': '"2"' }))
        .statusCode,
    ).toBe(409)
    const back = await as(t.app, owner).post(`/api/v1/activities/${note.id}/restore`)
    expect(back.json()).toMatchObject({ deletedAt: null, version: 3 })
    const again = (await as(t.app, owner).get(`/api/v1/companies/${company.id}/timeline`)).json().data
    expect(
      again
        .filter((e: { activityId: string }) => e.activityId === note.id)
        .map((e: { kind: string }) => e.kind),
    ).toEqual(['restored', 'deleted', 'activity'])
  })

  it('lists by record and type, newest first, with keyset pages', async () => {
    const user = await signUp(t.app)
    const p = (await as(t.app, user).post('/api/v1/people', { firstName: 'Zawadi' })).json()
    for (let i = 0; i < 5; i++) {
      await log(user, {
        type: 'note',
        body: `n${i}`,
        personId: p.id,
        occurredAt: `2026-01-0${i + 1}T10:00:00Z`,
      })
    }
    await log(user, {
      type: 'call',
      direction: 'inbound',
      personId: p.id,
      occurredAt: '2025-12-01T10:00:00Z',
    })
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const url: string = `/api/v1/activities?personId=${p.id}&type=note&limit=2${cursor ? `&cursor=${cursor}` : ''}`
      const page = (await as(t.app, user).get(url)).json()
      seen.push(...page.data.map((a: { body: string }) => a.body))
      cursor = page.nextCursor
    } while (cursor)
    expect(seen).toEqual(['n4', 'n3', 'n2', 'n1', 'n0'])
    const calls = (await as(t.app, user).get(`/api/v1/activities?personId=${p.id}&type=call`)).json().data
    expect(calls).toHaveLength(1)
  })

  it('gives another workspace 404 on every activity route, and a viewer 403 on writes', async () => {
    const note = await log(owner, { type: 'note', body: 'Private', personId: person.id })
    const stranger = as(t.app, await signUp(t.app))
    const url = `/api/v1/activities/${note.id}`
    for (const res of [
      await stranger.get(url),
      await stranger.patch(url, { body: 'Hacked' }, { 'if-match': '"1"' }),
      await stranger.delete(url),
      await stranger.post(`${url}/restore`),
    ]) {
      expect(res.statusCode).toBe(404)
      expect(res.json().code).toBe('not_found')
    }
    expect((await stranger.get('/api/v1/activities')).json().data).toHaveLength(0)
    const viewer = as(t.app, await addMember(t.app, owner, 'viewer'))
    expect((await viewer.get(url)).statusCode).toBe(200)
    for (const res of [
      await viewer.post('/api/v1/activities', { type: 'note', body: 'Nope', personId: person.id }),
      await viewer.patch(url, { body: 'Nope' }, { 'if-match': '"1"' }),
      await viewer.delete(url),
      await viewer.post(`${url}/restore`),
    ]) {
      expect(res.statusCode).toBe(403)
    }
    expect((await as(t.app, owner).get(url)).json()).toMatchObject({ body: 'Private', version: 1 })
  })
})
