import * as z from 'zod'
import { FIELD_OBJECTS, filterList } from '../filters/filter.schema.ts'

// Saved list views: a name plus the list state (filters, sort, columns, search) as the web
// app keeps it in the URL. Personal views are their owner's; shared ones the workspace's.

export const viewState = z
  .object({
    filters: filterList.default([]),
    sort: z
      .string()
      .max(80)
      .regex(/^-?[A-Za-z][\w.]*$/, 'A field key, with a leading - for descending')
      .optional(),
    columns: z.array(z.string().min(1).max(80)).max(40).optional().describe('Field keys, in order'),
    q: z.string().trim().max(100).optional(),
  })
  .strict()
  .meta({ id: 'ViewState' })

const name = z.string().trim().min(1).max(100)

export const viewCreateInput = z
  .object({
    object: z.enum(FIELD_OBJECTS),
    name,
    shared: z.boolean().default(false).describe('Visible to the whole workspace (needs the member role)'),
    state: viewState,
  })
  .strict()
  .meta({ id: 'ViewCreate' })

export const viewUpdateInput = z
  .object({ name: name.optional(), shared: z.boolean().optional(), state: viewState.optional() })
  .strict()
  .meta({ id: 'ViewUpdate' })

export const viewOutput = z
  .object({
    id: z.uuid(),
    object: z.enum(FIELD_OBJECTS),
    name: z.string(),
    shared: z.boolean(),
    owner: z.object({ id: z.string(), name: z.string() }),
    isDefault: z.boolean().describe('My default view for this list'),
    canEdit: z.boolean().describe('Whether I may rename, change or delete it'),
    version: z.number().int(),
    state: viewState,
  })
  .meta({ id: 'View' })

export const viewsQuery = z.object({ object: z.enum(FIELD_OBJECTS) }).strict()
export const viewsListOutput = z.object({ data: z.array(viewOutput) })

export type ViewState = z.infer<typeof viewState>
export type ViewCreateInput = z.infer<typeof viewCreateInput>
export type ViewUpdateInput = z.infer<typeof viewUpdateInput>
export type View = z.infer<typeof viewOutput>
