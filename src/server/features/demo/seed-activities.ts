import type { DbOrTx } from '../../db/client.ts'
import { activities } from '../../db/schema/index.ts'
import { dayBounds } from '../activities/activities.queries.ts'
import { activityLabel } from '../activities/activities.service.ts'
import { safeTimeZone } from '../activities/tasks.service.ts'
import { rebuildActivityDaily } from '../analytics/activity-daily.ts'
import { DAY } from './random.ts'
import { MEETING_TITLES, NOTES, TASK_TITLES } from './seed-data.ts'
import {
  event,
  insertAll,
  type SeedCompany,
  type SeedDeal,
  type SeedPerson,
  type SeedState,
} from './seed-kit.ts'

// 500 notes, calls, meetings and tasks over the last twelve months, each on the
// timelines of what it links to; 13 of the tasks are open and assigned to the seeding
// user: overdue, due today and upcoming in the workspace time zone.
type Row = typeof activities.$inferInsert

const OPEN_TASKS = { overdue: 4, today: 3, upcoming: 6 }

export async function seedActivities(
  tx: DbOrTx,
  s: SeedState,
  timeZone: string,
  personList: SeedPerson[],
  companyList: SeedCompany[],
  dealList: SeedDeal[],
) {
  const { r, now } = s
  const { today, tomorrow } = await dayBounds(tx, safeTimeZone(timeZone), now)
  const rows: Row[] = []
  const companyOf = new Map(personList.map((p) => [p.id, p.companyId]))

  const createdOf = new Map<string, Date>(
    [...personList, ...companyList, ...dealList].map((x) => [x.id, x.createdAt]),
  )
  // Who an activity is about: mostly a person (with their company), sometimes a deal.
  const subject = () => {
    if (r.chance(0.3)) {
      const deal = r.pick(dealList)
      return { personId: deal.personId, companyId: deal.companyId, dealId: deal.id }
    }
    if (r.chance(0.1)) return { personId: null, companyId: r.pick(companyList).id, dealId: null }
    const person = r.pick(personList)
    return { personId: person.id, companyId: companyOf.get(person.id) ?? null, dealId: null }
  }
  // Nothing happens to a record before it exists, nor more than a year ago.
  const yearAgo = now.getTime() - 365 * DAY
  const since = (x: Pick<Row, 'dealId' | 'personId' | 'companyId'>) =>
    Math.max(yearAgo, createdOf.get((x.dealId ?? x.personId ?? x.companyId)!)!.getTime())
  const makeRow = (type: Row['type'], pickTime: (from: number) => Date): Row => {
    const about = subject()
    const at = pickTime(since(about))
    return {
      workspaceId: s.workspaceId,
      id: r.uuid(at.getTime()),
      type,
      ...about,
      occurredAt: at,
      createdBy: r.pick(s.owners),
      createdAt: at,
      updatedAt: at,
    }
  }
  const past = (from: number) => new Date(from + r.next() * (now.getTime() - from))

  const randomCount = 500 - OPEN_TASKS.overdue - OPEN_TASKS.today - OPEN_TASKS.upcoming
  for (let i = 0; i < randomCount; i++) {
    const type = r.weighted([
      ['note', 35],
      ['call', 30],
      ['meeting', 15],
      ['task', 20],
    ] as const)
    const row = makeRow(type, past)
    const at = row.occurredAt!
    if (type === 'note') row.body = r.pick(NOTES)
    if (type === 'call') {
      const outcome = r.weighted([
        ['connected', 60],
        ['no_answer', 20],
        ['busy', 8],
        ['voicemail', 12],
      ] as const)
      row.callDirection = r.chance(0.6) ? 'outbound' : 'inbound'
      row.callOutcome = outcome
      row.callDurationSeconds = outcome === 'connected' ? r.int(30, 1800) : 0
      if (r.chance(0.3)) row.body = r.pick(NOTES)
    }
    if (type === 'meeting') {
      row.title = r.pick(MEETING_TITLES)
      row.meetingEndAt = new Date(at.getTime() + r.pick([30, 45, 60, 90, 120]) * 60_000)
      row.meetingPlace = r.chance(0.25) ? 'Online' : r.pick(companyList).city
    }
    if (type === 'task') {
      // Past tasks were done, a little before or after they were due.
      row.title = r.pick(TASK_TITLES)
      row.dueAt = at
      row.occurredAt = new Date(Math.max(since(row), at.getTime() - r.int(1, 10) * DAY))
      row.createdAt = row.occurredAt
      row.assigneeId = r.pick(s.owners)
      row.doneAt = new Date(Math.min(now.getTime(), at.getTime() + r.int(-2, 30) * 3_600_000))
      row.updatedAt = row.doneAt
    }
    rows.push(row)
  }

  const openTask = (dueAt: Date) => {
    const latest = Math.min(now.getTime(), dueAt.getTime()) - r.int(1, 7) * DAY
    const task = makeRow('task', (from) => new Date(Math.max(from, latest)))
    rows.push({ ...task, title: r.pick(TASK_TITLES), dueAt, assigneeId: s.userId })
  }
  const hour = 3_600_000
  for (let i = 0; i < OPEN_TASKS.overdue; i++)
    openTask(new Date(today.getTime() - r.int(1, 10) * DAY + r.int(8, 17) * hour))
  for (let i = 0; i < OPEN_TASKS.today; i++) openTask(new Date(today.getTime() + r.int(8, 18) * hour))
  for (let i = 0; i < OPEN_TASKS.upcoming; i++)
    openTask(new Date(tomorrow.getTime() + r.int(0, 14) * DAY + r.int(8, 17) * hour))

  for (const row of rows) {
    const at = new Date(Math.min(row.occurredAt!.getTime(), now.getTime()))
    event(s, at, {
      actorId: row.createdBy ?? null,
      subjectType: 'activity',
      subjectId: row.id,
      kind: 'activity',
      label: activityLabel({ type: row.type, title: row.title ?? null, body: row.body ?? null }),
      activityId: row.id,
      personId: row.personId ?? null,
      companyId: row.companyId ?? null,
      dealId: row.dealId ?? null,
    })
  }
  await insertAll(tx, activities, rows)
  // Batch inserts bypass the service: count the workspace's activities per day at once.
  await rebuildActivityDaily(tx, s.workspaceId)
  return { activities: rows.length, openTasks: OPEN_TASKS }
}
