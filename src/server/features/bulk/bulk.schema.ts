import * as z from 'zod'
import { filterList } from '../filters/filter.schema.ts'

// Bulk actions on people, companies and deals (`POST /{people|companies|deals}/bulk`).
// A selection is either explicit ids (what the user ticked) or "everything the list
// shows" (the list's search, filters and trash switch). Pure schema module: the web app
// may import it.
export const BULK_OBJECTS = ['person', 'company', 'deal'] as const
export type BulkObject = (typeof BULK_OBJECTS)[number]

/** At most this many records are changed inside the request; more become a job. */
export const INLINE_LIMIT = 200

const idsSelection = z
  .object({ ids: z.array(z.uuid()).min(1).max(1000).describe('The records to change (1–1000)') })
  .strict()

const allFields = {
  all: z.literal(true).describe('Every record the list shows with these parameters'),
  q: z.string().trim().max(100).optional(),
  filters: filterList.optional(),
  trashed: z.boolean().optional().describe('Select in the trash (for restore)'),
}

const allSelection = z.object(allFields).strict()
const allDealsSelection = z.object({ ...allFields, pipelineId: z.uuid().optional() }).strict()

const ownerId = z.string().min(1).max(64).nullable().describe('A member of the workspace, or null for none')

const commonActions = [
  z.object({ type: z.literal('assignOwner'), ownerId }).strict(),
  z.object({ type: z.literal('addTag'), tagId: z.uuid() }).strict(),
  z.object({ type: z.literal('removeTag'), tagId: z.uuid() }).strict(),
  z.object({ type: z.literal('delete') }).strict(),
  z.object({ type: z.literal('restore') }).strict(),
] as const

const moveStage = z
  .object({
    type: z.literal('moveStage'),
    stageId: z.uuid().describe('Deals of this stage’s pipeline move to it; deals of other pipelines stay'),
    lostReason: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .optional()
      .describe('Required when the stage is a lost stage'),
  })
  .strict()

export const bulkAction = z.discriminatedUnion('type', [...commonActions, moveStage])

export const bulkInput = z
  .object({
    selection: z.union([idsSelection, allSelection]),
    action: z.discriminatedUnion('type', [...commonActions]),
  })
  .strict()
  .meta({ id: 'BulkInput' })

export const dealsBulkInput = z
  .object({ selection: z.union([idsSelection, allDealsSelection]), action: bulkAction })
  .strict()
  .meta({ id: 'DealsBulkInput' })

export const bulkDoneOutput = z
  .object({ done: z.number().int(), total: z.number().int() })
  .describe('Done in the request')
export const bulkQueuedOutput = z
  .object({ jobId: z.uuid() })
  .describe('Queued: follow it at GET /jobs/{jobId}')

export type BulkAction = z.infer<typeof bulkAction>
export type BulkSelection = z.infer<typeof dealsBulkInput>['selection']
export type BulkInput = z.infer<typeof dealsBulkInput>
