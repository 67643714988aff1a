import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Ctx } from '../../http/context.ts'
import { addMember, as, createTestApp, signUp, type TestApp, type User } from '../../test/harness.ts'
import { findMembership } from '../workspaces/workspaces.queries.ts'
import { myTaskCounts, myTasks } from './tasks.service.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

async function setup() {
  const user = await signUp(t.app) // Ethiopia: Africa/Addis_Ababa, UTC+3 all year
  const person = (await as(t.app, user).post('/api/v1/people', { firstName: 'Almaz' })).json()
  const task = async (title: string, dueAt: string, extra: Record<string, unknown> = {}) => {
    const res = await as(t.app, user).post('/api/v1/activities', {
      type: 'task',
      title,
      dueAt,
      personId: person.id,
      ...extra,
    })
    expect(res.statusCode, res.body).toBe(201)
    return res.json()
  }
  return { user, person, task }
}

async function ctxOf(user: User): Promise<Ctx> {
  const found = (await findMembership(t.database.db, user.userId, user.workspaceId))!
  return { db: t.database.db, userId: user.userId, workspace: found.workspace, role: found.role }
}

const titles = (page: { data: { title: string | null }[] }) => page.data.map((a) => a.title)

describe('my tasks', () => {
  it('buckets open tasks by the calendar day of the workspace time zone', async () => {
    const { user, task } = await setup()
    // 20:30 UTC is 23:30 in Addis Ababa (still 10 March) and 16:30 in New York.
    const now = new Date('2026-03-10T20:30:00Z')
    await task('yesterday in Addis', '2026-03-09T20:00:00Z') // 9 Mar 23:00 Addis
    await task('early today in Addis', '2026-03-09T22:00:00Z') // 10 Mar 01:00 Addis
    await task('late today', '2026-03-10T20:59:00Z') // 10 Mar 23:59 Addis
    await task('just after midnight', '2026-03-10T21:30:00Z') // 11 Mar 00:30 Addis
    const done = await task('done already', '2026-03-09T20:00:00Z', { done: true })
    expect(done.done).toBe(true)

    let ctx = await ctxOf(user)
    expect(await myTaskCounts(ctx, now)).toEqual({ overdue: 1, today: 2, upcoming: 1 })
    expect(titles(await myTasks(ctx, { bucket: 'overdue', limit: 50 }, now))).toEqual(['yesterday in Addis'])
    expect(titles(await myTasks(ctx, { bucket: 'today', limit: 50 }, now))).toEqual([
      'early today in Addis',
      'late today',
    ])
    expect(titles(await myTasks(ctx, { bucket: 'upcoming', limit: 50 }, now))).toEqual([
      'just after midnight',
    ])

    // The same tasks for a workspace in New York: its "today" is a different day.
    const moved = await as(t.app, user).patch(
      '/api/v1/workspace',
      { timeZone: 'America/New_York' },
      { 'if-match': '"1"' },
    )
    expect(moved.statusCode, moved.body).toBe(200)
    ctx = await ctxOf(user)
    expect(await myTaskCounts(ctx, now)).toEqual({ overdue: 2, today: 2, upcoming: 0 })
  })

  it('serves /tasks/mine and its counts over HTTP, paged by due date, only my open live tasks', async () => {
    const { user, task } = await setup()
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Africa/Addis_Ababa' }).format(new Date())
    const hour = 3_600_000
    await task('overdue 2', new Date(Date.now() - 50 * hour).toISOString())
    await task('overdue 1', new Date(Date.now() - 30 * hour).toISOString())
    await task('today noon', `${day}T12:00:00+03:00`)
    await task('next week', new Date(Date.now() + 7 * 24 * hour).toISOString())
    await task('in 3 days', new Date(Date.now() + 72 * hour).toISOString())
    const trashed = await task('trashed', new Date(Date.now() - 30 * hour).toISOString())
    await as(t.app, user).delete(`/api/v1/activities/${trashed.id}`)
    const member = await addMember(t.app, user, 'member')
    await task('for someone else', `${day}T12:00:00+03:00`, { assigneeId: member.userId })

    const u = as(t.app, user)
    const counts = await u.get('/api/v1/tasks/mine/counts')
    expect(counts.statusCode).toBe(200)
    expect(counts.json()).toEqual({ overdue: 2, today: 1, upcoming: 2 })
    const first = (await u.get('/api/v1/tasks/mine?bucket=overdue&limit=1')).json()
    expect(titles(first)).toEqual(['overdue 2'])
    const second = (
      await u.get(`/api/v1/tasks/mine?bucket=overdue&limit=1&cursor=${first.nextCursor}`)
    ).json()
    expect(titles(second)).toEqual(['overdue 1'])
    expect(second.nextCursor).toBeNull()
    expect(titles((await u.get('/api/v1/tasks/mine?bucket=today')).json())).toEqual(['today noon'])
    expect(titles((await u.get('/api/v1/tasks/mine?bucket=upcoming')).json())).toEqual([
      'in 3 days',
      'next week',
    ])
    expect((await u.get('/api/v1/tasks/mine?bucket=someday')).statusCode).toBe(400)
    const theirs = (await as(t.app, member).get('/api/v1/tasks/mine?bucket=today')).json()
    expect(titles(theirs)).toEqual(['for someone else'])
  })

  it('only shows the tasks of the active workspace', async () => {
    const { user, task } = await setup()
    const member = await addMember(t.app, user, 'member')
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Africa/Addis_Ababa' }).format(new Date())
    await task('in the shop', `${day}T12:00:00+03:00`, { assigneeId: member.userId })
    const m = as(t.app, member)
    expect((await m.get('/api/v1/tasks/mine/counts')).json().today).toBe(1)
    // The member also has a workspace of their own; switched there, the shop's task is not theirs to see.
    const own = (await m.get('/api/v1/me'))
      .json()
      .workspaces.find((w: { id: string }) => w.id !== user.workspaceId)
    expect((await m.post('/api/v1/session/workspace', { workspaceId: own.id })).statusCode).toBe(200)
    expect((await m.get('/api/v1/tasks/mine/counts')).json()).toEqual({ overdue: 0, today: 0, upcoming: 0 })
    expect((await m.get('/api/v1/tasks/mine?bucket=today')).json().data).toHaveLength(0)
  })
})
