import * as z from 'zod'

export const STAGE_KINDS = ['open', 'won', 'lost'] as const

export const stageInput = z.object({
  // Present for a stage that exists already; absent for a new one.
  id: z.uuid().optional(),
  name: z.string().trim().min(1).max(60),
  probability: z.number().int().min(0).max(100),
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

export const stageOutput = z.object({
  id: z.uuid(),
  name: z.string(),
  position: z.number().int(),
  probability: z.number().int(),
  kind: z.enum(STAGE_KINDS),
})

export const pipelineOutput = z
  .object({
    id: z.uuid(),
    name: z.string(),
    position: z.number().int(),
    version: z.number().int(),
    stages: z.array(stageOutput),
  })
  .meta({ id: 'Pipeline' })

export type Pipeline = z.infer<typeof pipelineOutput>
export type PipelineCreateInput = z.infer<typeof pipelineCreateInput>
export type PipelineUpdateInput = z.infer<typeof pipelineUpdateInput>
