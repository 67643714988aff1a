import * as z from 'zod'

export const timelineQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(30),
    cursor: z.string().max(600).optional(),
  })
  .strict()

// The activity an event is about, as it is now: enough to draw it on the timeline
// (type, title, the start of a note's markdown, call/meeting/task details).
export const timelineActivityOutput = z
  .object({
    id: z.uuid(),
    type: z.enum(['note', 'call', 'meeting', 'task']),
    title: z.string().nullable(),
    summary: z.string().nullable().describe('The first 280 characters of the body (raw markdown)'),
    occurredAt: z.iso.datetime(),
    direction: z.enum(['inbound', 'outbound']).nullable(),
    durationSeconds: z.number().int().nullable(),
    outcome: z.string().nullable(),
    endsAt: z.iso.datetime().nullable(),
    place: z.string().nullable(),
    dueAt: z.iso.datetime().nullable(),
    done: z.boolean(),
    deletedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'TimelineActivity' })

export const timelineEventOutput = z
  .object({
    id: z.uuid(),
    occurredAt: z.iso.datetime(),
    kind: z.enum(['created', 'updated', 'deleted', 'restored', 'stage_changed', 'activity']),
    subjectType: z.enum(['person', 'company', 'deal', 'activity']),
    subjectId: z.uuid(),
    label: z.string().nullable(),
    actor: z.object({ id: z.string(), name: z.string() }).nullable(),
    changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })).nullable(),
    activityId: z.uuid().nullable(),
    activity: timelineActivityOutput.nullable(),
  })
  .meta({ id: 'TimelineEvent' })

export const timelineOutput = z.object({
  data: z.array(timelineEventOutput),
  nextCursor: z.string().nullable(),
})

export type TimelineEvent = z.infer<typeof timelineEventOutput>
export type TimelineActivity = z.infer<typeof timelineActivityOutput>
