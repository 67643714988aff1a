import * as z from 'zod'
import { CUSTOM_FIELD_OBJECTS, CUSTOM_FIELD_TYPES } from '../../db/schema/organize.ts'

// Custom field definitions: admins add their own fields to people, companies and deals.
// The values live on the records (`custom` jsonb, keyed by the field's stable `key`).
export { CUSTOM_FIELD_OBJECTS, CUSTOM_FIELD_TYPES }

/** At most this many live fields per object, and this many options per select field. */
export const MAX_FIELDS_PER_OBJECT = 100
export const MAX_OPTIONS = 100
export const KEY_MAX = 40

const optionalLabel = z
  .string()
  .trim()
  .max(60)
  .optional()
  .transform((v) => v || undefined)

export const labelsInput = z
  .object({ en: z.string().trim().min(1).max(60), am: optionalLabel, sw: optionalLabel })
  .strict()
  .describe('English is required; Amharic and Swahili fall back to it')

const keyInput = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'Lowercase letters, digits and _, starting with a letter, at most 40')

export const optionInput = z
  .object({
    key: keyInput
      .optional()
      .describe('Keep an option by sending its key; derived from labels.en when absent'),
    labels: labelsInput,
  })
  .strict()

export const customFieldCreateInput = z
  .object({
    object: z.enum(CUSTOM_FIELD_OBJECTS),
    type: z.enum(CUSTOM_FIELD_TYPES),
    labels: labelsInput,
    options: z.array(optionInput).max(MAX_OPTIONS).optional().describe('select and multiSelect: 1–100'),
    key: keyInput.optional().describe('Derived from labels.en when absent; never changes afterwards'),
  })
  .strict()
  .meta({ id: 'CustomFieldCreate' })

export const customFieldUpdateInput = z
  .object({
    labels: labelsInput.optional(),
    options: z
      .array(optionInput)
      .max(MAX_OPTIONS)
      .optional()
      .describe('The whole list; options keep their key when it is sent'),
    position: z.number().int().min(0).max(32767).optional(),
  })
  .strict()
  .meta({ id: 'CustomFieldUpdate' })

const labelsOutput = z.object({ en: z.string(), am: z.string().optional(), sw: z.string().optional() })

export const customFieldOutput = z
  .object({
    id: z.uuid(),
    object: z.enum(CUSTOM_FIELD_OBJECTS),
    key: z.string(),
    type: z.enum(CUSTOM_FIELD_TYPES),
    labels: labelsOutput,
    options: z.array(z.object({ key: z.string(), labels: labelsOutput })),
    position: z.number().int(),
    version: z.number().int(),
    archivedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'CustomField' })

export const customFieldsListQuery = z
  .object({
    object: z.enum(CUSTOM_FIELD_OBJECTS),
    archived: z.stringbool().default(false).describe('Include archived fields'),
  })
  .strict()

export const customFieldsListOutput = z.object({ data: z.array(customFieldOutput) })

export const customFieldDeleteQuery = z
  .object({
    purge: z
      .stringbool()
      .default(false)
      .describe('Only for an archived field: remove its values from every record, then the field'),
  })
  .strict()

/**
 * `custom` on person, company and deal inputs: values by field key; null clears a value.
 * Each value is checked against its field's type by the service (errors name `custom.<key>`).
 */
export const customInput = z
  .record(z.string().min(1).max(64), z.unknown())
  .refine((v) => Object.keys(v).length <= MAX_FIELDS_PER_OBJECT, 'Too many fields')
  .describe('Values by custom field key; on update only the given keys change, null clears one')

export const customOutput = z
  .record(z.string(), z.unknown())
  .describe('Values by custom field key (archived fields left out)')

export type CustomFieldObject = (typeof CUSTOM_FIELD_OBJECTS)[number]
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number]
export type CustomField = z.infer<typeof customFieldOutput>
export type CustomFieldCreateInput = z.infer<typeof customFieldCreateInput>
export type CustomFieldUpdateInput = z.infer<typeof customFieldUpdateInput>
export type CustomFieldsListQuery = z.infer<typeof customFieldsListQuery>
