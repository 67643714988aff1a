import * as z from 'zod'

// Tags: workspace-wide labels put on people, companies and deals. A record keeps the ids
// (`tag_ids`); names and colours live here, so renaming a tag renames it everywhere.

/** A small fixed palette; the web app maps each name to accessible colours. */
export const TAG_COLORS = [
  'slate',
  'red',
  'orange',
  'amber',
  'green',
  'teal',
  'blue',
  'violet',
  'pink',
] as const

const name = z.string().trim().min(1).max(50).describe('Unique in the workspace, case-insensitively')

export const tagCreateInput = z
  .object({ name, color: z.enum(TAG_COLORS).optional().describe('Defaults to slate') })
  .strict()
  .meta({ id: 'TagCreate' })

export const tagUpdateInput = z
  .object({ name: name.optional(), color: z.enum(TAG_COLORS).optional() })
  .strict()
  .meta({ id: 'TagUpdate' })

export const tagOutput = z
  .object({ id: z.uuid(), name: z.string(), color: z.enum(TAG_COLORS), version: z.number().int() })
  .meta({ id: 'Tag' })

export const tagsListOutput = z.object({ data: z.array(tagOutput) })

/** How a record shows its tags (by name). */
export const recordTagOutput = z
  .object({ id: z.uuid(), name: z.string(), color: z.enum(TAG_COLORS) })
  .meta({ id: 'RecordTag' })

/** `tagIds` on person, company and deal inputs: the whole list, replaced on update. */
export const tagIdsInput = z
  .array(z.uuid())
  .max(100)
  .describe('Ids of tags of this workspace; on update the whole list is replaced')

export type TagColor = (typeof TAG_COLORS)[number]
export type Tag = z.infer<typeof tagOutput>
export type RecordTag = z.infer<typeof recordTagOutput>
export type TagCreateInput = z.infer<typeof tagCreateInput>
export type TagUpdateInput = z.infer<typeof tagUpdateInput>
