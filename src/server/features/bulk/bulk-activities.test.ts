import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addMember, as, createTestApp, signUp, type TestApp, type User } from '../../test/harness.ts'
import { bulkFixtures } from './bulk.fixtures.ts'
import { activityFixtures } from './bulk-activities.fixtures.ts'

// Bulk actions on activities in the request: tasks assigned and marked done (other
// activities skipped), activities deleted and restored, with the same rows, events and
// activity_daily counts as the single-record activity service.
let t: TestApp
let owner: User
let member: User
let viewer: User
let stranger: User
let personId: string

beforeAll(async () => {
  t = await createTestApp()
  owner = await signUp(t.app)
  member = await addMember(t.app, owner, 'member')
  viewer = await addMember(t.app, owner, 'viewer')
  stranger = await signUp(t.app)
  // Everyone signs up as Abebe Bikila: give the member a name of their own.
  await t.database.db.execute(sql`update users set name = 'Tirunesh Dibaba' where id = ${member.userId}`)
  personId = (await as(t.app, owner).post('/api/v1/people', { firstName: 'Almaz' })).json().id
})
afterAll(() => t.close())

const { bulk } = bulkFixtures(() => t)
const { activity, task, activityRows, eventsOf, expectRollupExact } = activityFixtures(() => t)

const note = (body: string) => activity(owner, { type: 'note', personId, body })

describe('activity bulk actions in the request', () => {
  it('assigns the selected tasks, skips the other activities, and moves their rollup counts', async () => {
    const a = await task(owner, personId, 'Send the quote')
    const b = await task(owner, personId, 'Call back', { assigneeId: member.userId })
    const n = await note('Met at the fair')
    const theirs = await task(
      stranger,
      (await as(t.app, stranger).post('/api/v1/people', { firstName: 'X' })).json().id,
      'Theirs',
    )
    const res = await bulk(owner, 'activities', {
      selection: { ids: [a.id, b.id, n.id, theirs.id] },
      action: { type: 'assign', assigneeId: member.userId },
    })
    expect(res.statusCode, res.body).toBe(200)
    // The other workspace's task is not found; the note is counted and skipped.
    expect(res.json()).toEqual({ done: 3, total: 3, skipped: 1 })
    const byId = new Map((await activityRows([a.id, b.id, n.id, theirs.id])).map((r) => [r.id, r]))
    expect(byId.get(a.id)).toMatchObject({ assignee_id: member.userId, version: 2 })
    // b had that assignee already: counted, not changed.
    expect(byId.get(b.id)).toMatchObject({ assignee_id: member.userId, version: 1 })
    expect(byId.get(n.id)).toMatchObject({ assignee_id: null, version: 1 })
    expect(byId.get(theirs.id)).toMatchObject({ assignee_id: stranger.userId, version: 1 })
    expect((await eventsOf(a.id)).at(-1)).toMatchObject({
      subject_type: 'activity',
      kind: 'updated',
      label: 'Send the quote',
      activity_id: a.id,
      person_id: personId,
      changes: [{ field: 'assignee', from: 'Abebe Bikila', to: 'Tirunesh Dibaba' }],
    })
    expect((await eventsOf(b.id)).map((e) => e.kind)).toEqual(['activity'])
    expect((await eventsOf(n.id)).map((e) => e.kind)).toEqual(['activity'])
    const cells = await expectRollupExact(owner.workspaceId)
    expect(cells.filter((c) => c.type === 'task' && c.owner_id === member.userId)).toHaveLength(1)
  })

  it('marks tasks done and not done, keeping the first done time, skipping the rest', async () => {
    const a = await task(owner, personId, 'Visit the site')
    const b = await task(owner, personId, 'Already done', { done: true })
    const n = await note('A note')
    const [doneBefore] = await activityRows([b.id])
    const res = await bulk(owner, 'activities', {
      selection: { ids: [a.id, b.id, n.id] },
      action: { type: 'setDone', done: true },
    })
    expect(res.json()).toEqual({ done: 3, total: 3, skipped: 1 })
    const byId = new Map((await activityRows([a.id, b.id, n.id])).map((r) => [r.id, r]))
    expect(byId.get(a.id)).toMatchObject({ version: 2 })
    expect(byId.get(a.id)!.done_at).not.toBeNull()
    expect(byId.get(b.id)).toMatchObject({ version: 1, done_at: doneBefore!.done_at })
    expect(byId.get(n.id)).toMatchObject({ version: 1, done_at: null })
    expect((await eventsOf(a.id)).at(-1)).toMatchObject({
      kind: 'updated',
      changes: [{ field: 'done', from: false, to: true }],
    })

    const open = await bulk(owner, 'activities', {
      selection: { ids: [a.id, b.id] },
      action: { type: 'setDone', done: false },
    })
    expect(open.json()).toEqual({ done: 2, total: 2, skipped: 0 })
    for (const r of await activityRows([a.id, b.id])) expect(r.done_at).toBeNull()
    expect((await eventsOf(b.id)).at(-1)).toMatchObject({
      kind: 'updated',
      changes: [{ field: 'done', from: true, to: false }],
    })
    await expectRollupExact(owner.workspaceId)
  })

  it('writes the events a single edit writes, links filled in from the deal', async () => {
    const companyId = (await as(t.app, owner).post('/api/v1/companies', { name: 'Awash Bank' })).json().id
    const dealId = (
      await as(t.app, owner).post('/api/v1/deals', { title: 'Loan', personId, companyId })
    ).json().id
    const body = { type: 'task', dealId, dueAt: '2026-05-02T09:00:00Z' }
    const one = await activity(owner, { ...body, title: 'Single' })
    const many = await activity(owner, { ...body, title: 'Bulk' })
    const patched = await as(t.app, owner).patch(
      `/api/v1/activities/${one.id}`,
      { assigneeId: member.userId },
      { 'if-match': `"${one.version}"` },
    )
    expect(patched.statusCode, patched.body).toBe(200)
    await as(t.app, owner).delete(`/api/v1/activities/${one.id}`, {
      'if-match': `"${patched.json().version}"`,
    })
    await bulk(owner, 'activities', {
      selection: { ids: [many.id] },
      action: { type: 'assign', assigneeId: member.userId },
    })
    await bulk(owner, 'activities', { selection: { ids: [many.id] }, action: { type: 'delete' } })
    const strip = (e: Awaited<ReturnType<typeof eventsOf>>[number], id: string) => ({
      ...e,
      label: e.label.replace(/^(Single|Bulk)$/, 'X'),
      activity_id: e.activity_id === id ? 'self' : e.activity_id,
    })
    const single = (await eventsOf(one.id)).map((e) => strip(e, one.id))
    const bulked = (await eventsOf(many.id)).map((e) => strip(e, many.id))
    expect(bulked).toEqual(single)
    expect(bulked.map((e) => e.kind)).toEqual(['activity', 'updated', 'deleted'])
    expect(bulked[2]).toMatchObject({ person_id: personId, company_id: companyId, deal_id: dealId })
    await expectRollupExact(owner.workspaceId)
  })

  it('deletes and restores (the Undo), keeping activity_daily exact through each step', async () => {
    const ids = [
      (await task(owner, personId, 'One')).id,
      (await task(owner, personId, 'Two', { assigneeId: member.userId })).id,
      (await note('Three')).id,
      (
        await activity(member, {
          type: 'call',
          personId,
          direction: 'inbound',
          // 01:30 on 3 March in Addis: the rollup counts it on the workspace's day.
          occurredAt: '2026-03-02T22:30:00Z',
        })
      ).id,
      (
        await activity(owner, {
          type: 'meeting',
          personId,
          startsAt: '2026-03-03T07:00:00Z',
          endsAt: '2026-03-03T08:00:00Z',
        })
      ).id,
    ]
    const before = await expectRollupExact(owner.workspaceId)

    const assigned = await bulk(owner, 'activities', {
      selection: { ids },
      action: { type: 'assign', assigneeId: owner.userId },
    })
    expect(assigned.json()).toEqual({ done: 5, total: 5, skipped: 3 })
    await expectRollupExact(owner.workspaceId)

    const deleted = await bulk(owner, 'activities', { selection: { ids }, action: { type: 'delete' } })
    expect(deleted.json()).toEqual({ done: 5, total: 5, skipped: 0 })
    for (const r of await activityRows(ids)) expect(r.deleted).toBe(true)
    await expectRollupExact(owner.workspaceId)
    // Deleting again changes nothing; assign and done leave trashed activities alone.
    await bulk(owner, 'activities', { selection: { ids }, action: { type: 'delete' } })
    await bulk(owner, 'activities', { selection: { ids }, action: { type: 'setDone', done: true } })
    const trashed = await activityRows(ids)
    await bulk(owner, 'activities', { selection: { ids }, action: { type: 'restore' } })
    for (const r of await activityRows(ids)) {
      const was = trashed.find((x) => x.id === r.id)!
      expect(r).toMatchObject({ deleted: false, version: was.version + 1, done_at: null })
    }
    const after = await expectRollupExact(owner.workspaceId)
    // Back to the counts before, except the one task now assigned to the owner.
    const count = (cells: typeof before, who: string) =>
      cells.filter((c) => c.type === 'task' && c.owner_id === who).reduce((s, c) => s + Number(c.n), 0)
    expect(count(after, owner.userId)).toBe(count(before, owner.userId) + 1)
    expect(count(after, member.userId)).toBe(count(before, member.userId) - 1)
    expect((await eventsOf(ids[2]!)).map((e) => e.kind)).toEqual(['activity', 'deleted', 'restored'])
  })

  it('selects every activity the filtered list shows, and nothing else', async () => {
    const user = await signUp(t.app)
    const pid = (await as(t.app, user).post('/api/v1/people', { firstName: 'Hana' })).json().id
    const a = await task(user, pid, 'Quote for Hana')
    const b = await task(user, pid, 'Other task')
    const c = await activity(user, { type: 'note', personId: pid, body: 'Quote sent' })
    const res = await bulk(user, 'activities', {
      selection: { all: true, q: 'quote', filters: [{ field: 'type', op: 'eq', value: 'task' }] },
      action: { type: 'setDone', done: true },
    })
    expect(res.json()).toEqual({ done: 1, total: 1, skipped: 0 })
    const byId = new Map((await activityRows([a.id, b.id, c.id])).map((r) => [r.id, r]))
    expect(byId.get(a.id)!.done_at).not.toBeNull()
    expect(byId.get(b.id)!.done_at).toBeNull()

    // The list's trash is a list too: delete all, then restore everything in it.
    await bulk(user, 'activities', { selection: { all: true }, action: { type: 'delete' } })
    await expectRollupExact(user.workspaceId)
    const back = await bulk(user, 'activities', {
      selection: { all: true, trashed: true },
      action: { type: 'restore' },
    })
    expect(back.json()).toEqual({ done: 3, total: 3, skipped: 0 })
    await expectRollupExact(user.workspaceId)
  })

  it('refuses viewers, and answers 400 naming the field for actions activities do not have', async () => {
    const a = await task(owner, personId, 'Guarded')
    const denied = await bulk(viewer, 'activities', {
      selection: { ids: [a.id] },
      action: { type: 'delete' },
    })
    expect(denied.statusCode).toBe(403)
    const cases: [unknown, string][] = [
      [{ type: 'assignOwner', ownerId: null }, 'action.type'],
      [{ type: 'addTag', tagId: a.id }, 'action.type'],
      [{ type: 'assign', assigneeId: stranger.userId }, 'action.assigneeId'],
      [{ type: 'assign', assigneeId: null }, 'action.assigneeId'],
      [{ type: 'setDone' }, 'action.done'],
    ]
    for (const [action, field] of cases) {
      const res = await bulk(owner, 'activities', { selection: { ids: [a.id] }, action })
      expect(res.statusCode, JSON.stringify(action)).toBe(400)
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field)
    }
    // People have no tasks: the activity actions are not theirs.
    const onPeople = await bulk(owner, 'people', {
      selection: { ids: [personId] },
      action: { type: 'setDone', done: true },
    })
    expect(onPeople.statusCode).toBe(400)
    expect((await activityRows([a.id]))[0]).toMatchObject({ deleted: false, version: 1 })
  })
})
