import * as z from 'zod'
import { customInput, customOutput } from '../custom-fields/custom-fields.schema.ts'
import { filtersParam, sortParam } from '../filters/filter.schema.ts'
import { recordTagOutput, tagIdsInput } from '../tags/tags.schema.ts'

// One source of truth for the person shapes: the server validates with these, OpenAPI is
// generated from them, and the web form validates with the same schema before sending.
// Phone numbers are checked for real on the server, against the workspace's country.
export const phoneInput = z.object({
  number: z.string().trim().min(1).max(40),
  label: z.string().trim().max(40).nullish(),
})

export const emailInput = z.object({
  email: z.email().trim().max(254),
  label: z.string().trim().max(40).nullish(),
})

/** Where a contact came from: a fixed list, so the "lead sources" chart can group by it. */
export const PERSON_SOURCES = [
  'referral',
  'walk_in',
  'phone',
  'website',
  'social',
  'event',
  'advert',
  'other',
] as const
export type PersonSource = (typeof PERSON_SOURCES)[number]

const fields = {
  firstName: z.string().trim().min(1).max(100),
  lastName: z.string().trim().max(100),
  jobTitle: z.string().trim().max(200).nullable(),
  ownerId: z.string().min(1).max(64).nullable(),
  source: z.enum(PERSON_SOURCES).nullable(),
  // An empty town is no town: the service stores null for ''.
  city: z.string().trim().max(100).nullable(),
  companyId: z.uuid().nullable(),
  phones: z.array(phoneInput).max(10),
  emails: z.array(emailInput).max(10),
  tagIds: tagIdsInput,
  custom: customInput,
}

export const personCreateInput = z
  .object({
    // A client may choose the id (UUIDv7) so that a create replayed after a lost
    // connection does not make a second person.
    id: z.uuid().optional(),
    firstName: fields.firstName,
    lastName: fields.lastName.optional(),
    jobTitle: fields.jobTitle.optional(),
    ownerId: fields.ownerId.optional(),
    companyId: fields.companyId.optional(),
    source: fields.source.optional(),
    city: fields.city.optional(),
    phones: fields.phones.optional(),
    emails: fields.emails.optional(),
    tagIds: fields.tagIds.optional(),
    custom: fields.custom.optional(),
  })
  .strict()
  .meta({ id: 'PersonCreate' })

export const personUpdateInput = z.object(fields).partial().strict().meta({ id: 'PersonUpdate' })

export const personOutput = z
  .object({
    id: z.uuid(),
    firstName: z.string(),
    lastName: z.string(),
    jobTitle: z.string().nullable(),
    owner: z.object({ id: z.string(), name: z.string() }).nullable(),
    company: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    source: z.enum(PERSON_SOURCES).nullable(),
    city: z.string().nullable(),
    phones: z.array(z.object({ e164: z.string(), label: z.string().nullable() })),
    emails: z.array(z.object({ email: z.string(), label: z.string().nullable() })),
    tags: z.array(recordTagOutput),
    custom: customOutput,
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    deletedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Person' })

export const PEOPLE_SORTS = ['-updatedAt', 'updatedAt', '-createdAt', 'createdAt', 'name', '-name'] as const

export const peopleListQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().max(2000).optional(),
    sort: sortParam('-updatedAt', PEOPLE_SORTS),
    filters: filtersParam,
    q: z.string().trim().max(100).optional(),
    companyId: z.uuid().optional().describe('Only the people of this company'),
    trashed: z.stringbool().default(false).describe('List the trash (soft-deleted people) instead'),
  })
  .strict()

/** `?allowDuplicate=true` confirms a create or edit that shares a phone or email with another person. */
export const duplicateQuery = z.object({ allowDuplicate: z.stringbool().default(false) })

export const peopleListOutput = z.object({
  data: z.array(personOutput),
  nextCursor: z.string().nullable(),
})

export type PersonCreateInput = z.infer<typeof personCreateInput>
export type PersonUpdateInput = z.infer<typeof personUpdateInput>
export type Person = z.infer<typeof personOutput>
export type PeopleListQuery = z.infer<typeof peopleListQuery>
export type PeopleSort = (typeof PEOPLE_SORTS)[number]
