import * as z from 'zod'
import { filterList } from '../filters/filter.schema.ts'

// Bulk actions on people, companies, deals and activities
// (`POST /{people|companies|deals|activities}/bulk`). A selection is either explicit ids
// (what the user ticked) or "everything the list shows" (the list's search, filters and
// trash switch). Pure schema module: the web app may import it.
export const BULK_OBJECTS = ['person', 'company', 'deal', 'activity'] as const
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

const deleteAction = z.object({ type: z.literal('delete') }).strict()
const restoreAction = z.object({ type: z.literal('restore') }).strict()

const commonActions = [
  z.object({ type: z.literal('assignOwner'), ownerId }).strict(),
  z.object({ type: z.literal('addTag'), tagId: z.uuid() }).strict(),
  z.object({ type: z.literal('removeTag'), tagId: z.uuid() }).strict(),
  deleteAction,
  restoreAction,
] as const

// Activities have no owner and no tags: only tasks have an assignee and can be done, so
// these two change the selection's tasks and skip its notes, calls and meetings.
const assign = z
  .object({
    type: z.literal('assign'),
    assigneeId: z.string().min(1).max(64).describe('A member of the workspace (tasks only)'),
  })
  .strict()
const setDone = z.object({ type: z.literal('setDone'), done: z.boolean().describe('Tasks only') }).strict()

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

/** Every action of every object: the job's payload (each route accepts its object's own). */
export const bulkAction = z.discriminatedUnion('type', [...commonActions, moveStage, assign, setDone])

export const bulkInput = z
  .object({
    selection: z.union([idsSelection, allSelection]),
    action: z.discriminatedUnion('type', [...commonActions]),
  })
  .strict()
  .meta({ id: 'BulkInput' })

export const dealsBulkInput = z
  .object({
    selection: z.union([idsSelection, allDealsSelection]),
    action: z.discriminatedUnion('type', [...commonActions, moveStage]),
  })
  .strict()
  .meta({ id: 'DealsBulkInput' })

export const activitiesBulkInput = z
  .object({
    selection: z.union([idsSelection, allSelection]),
    action: z.discriminatedUnion('type', [assign, setDone, deleteAction, restoreAction]),
  })
  .strict()
  .meta({ id: 'ActivitiesBulkInput' })

/** The job's payload: any object's selection and action. */
export const bulkJobPayload = z
  .object({
    object: z.enum(BULK_OBJECTS),
    selection: z.union([idsSelection, allDealsSelection]),
    action: bulkAction,
  })
  .strict()

export const bulkDoneOutput = z
  .object({
    done: z.number().int(),
    total: z.number().int(),
    skipped: z
      .number()
      .int()
      .optional()
      .describe(
        'Activities only: selected records the action does not apply to (not tasks), left as they are',
      ),
  })
  .describe('Done in the request')
export const bulkQueuedOutput = z
  .object({ jobId: z.uuid() })
  .describe('Queued: follow it at GET /jobs/{jobId}')

export type BulkAction = z.infer<typeof bulkAction>
export type BulkSelection = z.infer<typeof bulkJobPayload>['selection']
export type BulkInput = { selection: BulkSelection; action: BulkAction }
