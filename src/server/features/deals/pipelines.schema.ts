import * as z from 'zod'

// Pipelines and their ordered stages. A stage's `kind` says whether a deal in it is still
// being worked on ('open') or closed as won or lost; the order of `stages` is the order
// of the board's columns.
export const STAGE_KINDS = ['open', 'won', 'lost'] as const

export const stageInput = z.object({
  // Present for a stage that exists already; absent for a new one.
  id: z.uuid().optional(),
  name: z.string().trim().min(1).max(60),
  probability: z.number().int().min(0).max(100).describe('Win probability in percent'),
  kind: z.enum(STAGE_KINDS).default('open'),
})

const stages = z
  .array(stageInput)
  .min(2)
  .max(20)
  .refine((list) => list.some((s) => s.kind === 'open'), 'A pipeline needs at least one open stage')

export const pipelineCreateInput = z
  .object({ name: z.string().trim().min(1).max(60), stages })
  .strict()
  .meta({ id: 'PipelineCreate' })

export const pipelineUpdateInput = z
  .object({ name: z.string().trim().min(1).max(60), stages })
  .partial()
  .strict()
  .meta({ id: 'PipelineUpdate' })

export const stageOutput = z
  .object({
    id: z.uuid(),
    name: z.string(),
    position: z.number().int(),
    probability: z.number().int(),
    kind: z.enum(STAGE_KINDS),
  })
  .meta({ id: 'Stage' })

export const pipelineOutput = z
  .object({
    id: z.uuid(),
    name: z.string(),
    position: z.number().int(),
    version: z.number().int(),
    stages: z.array(stageOutput),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    deletedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Pipeline' })

export const pipelinesListQuery = z
  .object({ trashed: z.stringbool().default(false).describe('List deleted pipelines instead') })
  .strict()

export const pipelinesListOutput = z.object({ data: z.array(pipelineOutput) })

export type Stage = z.infer<typeof stageOutput>
export type StageKind = (typeof STAGE_KINDS)[number]
export type Pipeline = z.infer<typeof pipelineOutput>
export type PipelineCreateInput = z.infer<typeof pipelineCreateInput>
export type PipelineUpdateInput = z.infer<typeof pipelineUpdateInput>
