import * as z from 'zod'
import { customInput, customOutput } from '../custom-fields/custom-fields.schema.ts'
import { filtersParam, sortParam } from '../filters/filter.schema.ts'
import { recordTagOutput, tagIdsInput } from '../tags/tags.schema.ts'
import { CURRENCIES } from '../workspaces/regions.ts'
import { pipelineOutput, STAGE_KINDS, stageOutput } from './pipelines.schema.ts'

// Deal shapes: validation, OpenAPI and the web forms all use these. Money is an integer
// count of minor units (santim, cents) plus an ISO 4217 code — never a float.
export const DEAL_STATUSES = ['open', 'won', 'lost'] as const

const ref = z.object({ id: z.string(), name: z.string() })

const fields = {
  title: z.string().trim().min(1).max(200),
  amountMinor: z
    .number()
    .int()
    .min(0)
    .max(Number.MAX_SAFE_INTEGER)
    .describe('Amount in minor units of the currency: 150000 with ETB is 1,500.00 birr'),
  currency: z.enum(CURRENCIES).describe('ISO 4217 code; defaults to the workspace currency'),
  pipelineId: z.uuid(),
  stageId: z.uuid().describe('Must be a stage of the pipeline'),
  personId: z.uuid().nullable(),
  companyId: z.uuid().nullable(),
  ownerId: z.string().min(1).max(64).nullable(),
  expectedCloseDate: z.iso.date().nullable(),
  status: z
    .enum(DEAL_STATUSES)
    .describe('Set automatically by a move into a won or lost stage; setting won or lost sets closedAt'),
  lostReason: z.string().trim().min(1).max(500).nullable().describe('Required when the status is lost'),
  tagIds: tagIdsInput,
  custom: customInput,
}

export const dealCreateInput = z
  .object({
    // A client-chosen UUIDv7 makes a replayed create (after a lost connection) harmless.
    id: z.uuid().optional(),
    title: fields.title,
    amountMinor: fields.amountMinor.optional(),
    currency: fields.currency.optional(),
    pipelineId: fields.pipelineId.optional().describe('Defaults to the first pipeline (or the stage’s)'),
    stageId: fields.stageId.optional().describe('Defaults to the first open stage of the pipeline'),
    personId: fields.personId.optional(),
    companyId: fields.companyId.optional(),
    ownerId: fields.ownerId.optional(),
    expectedCloseDate: fields.expectedCloseDate.optional(),
    status: fields.status.optional(),
    lostReason: fields.lostReason.optional(),
    tagIds: fields.tagIds.optional(),
    custom: fields.custom.optional(),
  })
  .strict()
  .meta({ id: 'DealCreate' })

export const dealUpdateInput = z.object(fields).partial().strict().meta({ id: 'DealUpdate' })

export const dealOutput = z
  .object({
    id: z.uuid(),
    title: z.string(),
    amountMinor: z.number().int(),
    currency: z.string(),
    pipeline: ref,
    stage: z.object({
      id: z.uuid(),
      name: z.string(),
      kind: z.enum(STAGE_KINDS),
      probability: z.number().int(),
    }),
    person: ref.nullable(),
    company: ref.nullable(),
    owner: ref.nullable(),
    expectedCloseDate: z.iso.date().nullable(),
    status: z.enum(DEAL_STATUSES),
    lostReason: z.string().nullable(),
    closedAt: z.iso.datetime().nullable(),
    rank: z.number().describe('Order inside its board column (ascending)'),
    tags: z.array(recordTagOutput),
    custom: customOutput,
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    deletedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Deal' })

export const DEAL_SORTS = [
  '-updatedAt',
  'updatedAt',
  '-createdAt',
  'createdAt',
  'title',
  '-title',
  'amount',
  '-amount',
] as const

export const dealsListQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().max(2000).optional(),
    sort: sortParam('-updatedAt', DEAL_SORTS),
    filters: filtersParam,
    q: z.string().trim().max(100).optional().describe('Part of the title'),
    pipelineId: z.uuid().optional(),
    stageId: z.uuid().optional(),
    personId: z.uuid().optional(),
    companyId: z.uuid().optional(),
    ownerId: z.string().min(1).max(64).optional(),
    status: z.enum(DEAL_STATUSES).optional(),
    trashed: z.stringbool().default(false).describe('List the trash (soft-deleted deals) instead'),
  })
  .strict()

export const dealsListOutput = z.object({ data: z.array(dealOutput), nextCursor: z.string().nullable() })

export const dealMoveInput = z
  .object({
    stageId: z.uuid().describe('A stage of the deal’s pipeline'),
    beforeId: z.uuid().optional().describe('Place the deal just above this deal of the column'),
    afterId: z.uuid().optional().describe('Place the deal just below this deal of the column'),
    position: z.number().int().min(0).optional().describe('0-based index in the column; default: last'),
    version: z.number().int().min(1).optional().describe('The version moved; or send If-Match'),
    lostReason: fields.lostReason.optional().describe('Required when moving into a lost stage'),
  })
  .strict()
  .refine(
    (m) => [m.beforeId, m.afterId, m.position].filter((x) => x !== undefined).length <= 1,
    'Send at most one of beforeId, afterId and position',
  )
  .meta({ id: 'DealMove' })

export const boardQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(100).describe('Deals per column'),
    ownerId: z.string().min(1).max(64).optional().describe("Only this member's deals"),
  })
  .strict()

export const moneyTotal = z
  .object({ currency: z.string(), amountMinor: z.number().int(), count: z.number().int() })
  .meta({ id: 'MoneyTotal' })

export const boardOutput = z
  .object({
    pipeline: pipelineOutput,
    stages: z.array(
      stageOutput.extend({
        deals: z.array(dealOutput).describe('The open deals of the stage, in rank order'),
        count: z.number().int().describe('All open deals of the stage, beyond the limit too'),
        totals: z.array(moneyTotal).describe('One sum per currency; currencies are never added together'),
      }),
    ),
  })
  .meta({ id: 'Board' })

export type Deal = z.infer<typeof dealOutput>
export type DealStatus = (typeof DEAL_STATUSES)[number]
export type DealCreateInput = z.infer<typeof dealCreateInput>
export type DealUpdateInput = z.infer<typeof dealUpdateInput>
export type DealsListQuery = z.infer<typeof dealsListQuery>
export type DealSort = (typeof DEAL_SORTS)[number]
export type DealMoveInput = z.infer<typeof dealMoveInput>
export type BoardQuery = z.infer<typeof boardQuery>
