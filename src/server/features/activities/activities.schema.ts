import * as z from 'zod'
import { filtersParam, sortParam } from '../filters/filter.schema.ts'

// Notes, calls, meetings and tasks. Create takes one shape per `type`; update takes any
// of the fields, and the service refuses a field that does not fit the activity's type.
export const ACTIVITY_TYPES = ['note', 'call', 'meeting', 'task'] as const
export const CALL_DIRECTIONS = ['inbound', 'outbound'] as const
export const CALL_OUTCOMES = ['connected', 'no_answer', 'busy', 'voicemail', 'wrong_number'] as const
export const TASK_BUCKETS = ['overdue', 'today', 'upcoming'] as const

const instant = z.iso.datetime({ offset: true })

const f = {
  title: z.string().trim().max(200).nullable(),
  // Markdown exactly as typed (no trim: indentation is meaning); the client renders it sanitized.
  body: z.string().max(20_000).nullable().describe('Markdown, stored raw; render it with a sanitizer'),
  personId: z.uuid().nullable(),
  companyId: z.uuid().nullable(),
  dealId: z.uuid().nullable(),
  occurredAt: instant.describe('When the note or call happened; default now'),
  direction: z.enum(CALL_DIRECTIONS),
  durationSeconds: z.number().int().min(0).max(86_400).nullable(),
  outcome: z.enum(CALL_OUTCOMES).nullable(),
  startsAt: instant,
  endsAt: instant.describe('After startsAt'),
  place: z.string().trim().max(200).nullable(),
  dueAt: instant,
  assigneeId: z.string().min(1).max(64).describe('A member of the workspace; default: you'),
  done: z.boolean(),
}

const common = {
  // A client-chosen UUIDv7 makes a replayed create harmless.
  id: z.uuid().optional(),
  title: f.title.optional(),
  body: f.body.optional(),
  personId: f.personId.optional(),
  companyId: f.companyId.optional(),
  dealId: f.dealId.optional(),
}

const noteCreate = z
  .object({
    type: z.literal('note'),
    ...common,
    body: z
      .string()
      .max(20_000)
      .refine((s) => s.trim().length > 0, 'Write something'),
    occurredAt: f.occurredAt.optional(),
  })
  .strict()

const callCreate = z
  .object({
    type: z.literal('call'),
    ...common,
    occurredAt: f.occurredAt.optional(),
    direction: f.direction,
    durationSeconds: f.durationSeconds.optional(),
    outcome: f.outcome.optional(),
  })
  .strict()

const meetingCreate = z
  .object({
    type: z.literal('meeting'),
    ...common,
    startsAt: f.startsAt,
    endsAt: f.endsAt,
    place: f.place.optional(),
  })
  .strict()
  .refine((m) => Date.parse(m.endsAt) > Date.parse(m.startsAt), {
    path: ['endsAt'],
    message: 'A meeting ends after it starts',
  })

const taskCreate = z
  .object({
    type: z.literal('task'),
    ...common,
    title: z.string().trim().min(1).max(200),
    dueAt: f.dueAt,
    assigneeId: f.assigneeId.optional(),
    done: f.done.optional(),
  })
  .strict()

export const activityCreateInput = z
  .discriminatedUnion('type', [noteCreate, callCreate, meetingCreate, taskCreate])
  .meta({ id: 'ActivityCreate', description: 'Link it to at least one person, company or deal.' })

export const activityUpdateInput = z.object(f).partial().strict().meta({ id: 'ActivityUpdate' })

const ref = z.object({ id: z.string(), name: z.string() })

export const activityOutput = z
  .object({
    id: z.uuid(),
    type: z.enum(ACTIVITY_TYPES),
    title: z.string().nullable(),
    body: z.string().nullable(),
    person: ref.nullable(),
    company: ref.nullable(),
    deal: ref.nullable().describe('name is the deal title'),
    occurredAt: z.iso.datetime().describe('When it happened (meetings: starts); tasks: when created'),
    direction: z.enum(CALL_DIRECTIONS).nullable(),
    durationSeconds: z.number().int().nullable(),
    outcome: z.enum(CALL_OUTCOMES).nullable(),
    startsAt: z.iso.datetime().nullable(),
    endsAt: z.iso.datetime().nullable(),
    place: z.string().nullable(),
    dueAt: z.iso.datetime().nullable(),
    assignee: ref.nullable(),
    done: z.boolean(),
    doneAt: z.iso.datetime().nullable(),
    createdBy: ref.nullable(),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    deletedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Activity' })

export const ACTIVITY_SORTS = ['-occurredAt', 'occurredAt', '-createdAt', 'createdAt'] as const

export const activitiesListQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().max(2000).optional(),
    sort: sortParam('-occurredAt', ACTIVITY_SORTS),
    filters: filtersParam,
    q: z.string().trim().max(100).optional().describe('Part of the title or body'),
    type: z.enum(ACTIVITY_TYPES).optional(),
    personId: z.uuid().optional(),
    companyId: z.uuid().optional(),
    dealId: z.uuid().optional(),
    assigneeId: z.string().min(1).max(64).optional(),
    done: z.stringbool().optional().describe('Tasks only: done or open'),
    trashed: z.stringbool().default(false).describe('List the trash instead'),
  })
  .strict()

export const activitiesListOutput = z.object({
  data: z.array(activityOutput),
  nextCursor: z.string().nullable(),
})

export const myTasksQuery = z
  .object({
    bucket: z.enum(TASK_BUCKETS).describe('Days are those of the workspace time zone'),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().max(600).optional(),
  })
  .strict()

export const myTaskCountsOutput = z
  .object({ overdue: z.number().int(), today: z.number().int(), upcoming: z.number().int() })
  .meta({ id: 'MyTaskCounts' })

export type Activity = z.infer<typeof activityOutput>
export type ActivityType = (typeof ACTIVITY_TYPES)[number]
export type ActivityCreateInput = z.infer<typeof activityCreateInput>
export type ActivityUpdateInput = z.infer<typeof activityUpdateInput>
export type ActivitiesListQuery = z.infer<typeof activitiesListQuery>
export type ActivitySort = (typeof ACTIVITY_SORTS)[number]
export type TaskBucket = (typeof TASK_BUCKETS)[number]
export type MyTasksQuery = z.infer<typeof myTasksQuery>
