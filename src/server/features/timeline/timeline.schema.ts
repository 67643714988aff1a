import * as z from 'zod'

export const timelineQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(30),
    cursor: z.string().max(600).optional(),
  })
  .strict()

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
  })
  .meta({ id: 'TimelineEvent' })

export const timelineOutput = z.object({
  data: z.array(timelineEventOutput),
  nextCursor: z.string().nullable(),
})

export type TimelineEvent = z.infer<typeof timelineEventOutput>
