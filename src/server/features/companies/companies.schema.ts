import * as z from 'zod'
import { customInput, customOutput } from '../custom-fields/custom-fields.schema.ts'
import { filtersParam, sortParam } from '../filters/filter.schema.ts'
import { emailInput, phoneInput } from '../people/people.schema.ts'
import { recordTagOutput, tagIdsInput } from '../tags/tags.schema.ts'

export const COMPANY_SIZES = ['1-10', '11-50', '51-200', '201-1000', '1000+'] as const

// A website or bare domain as people type it ("www.Example.co.ke/about" → "example.co.ke").
const domain = z
  .string()
  .trim()
  .max(253)
  .transform((v) =>
    v
      .replace(/^https?:\/\//i, '')
      .replace(/^www\./i, '')
      .split(/[/?#]/)[0]!
      .toLowerCase(),
  )
  .pipe(z.union([z.literal(''), z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'Not a valid domain')]))

const fields = {
  name: z.string().trim().min(1).max(200),
  domain: domain.nullable(),
  industry: z.string().trim().max(100).nullable(),
  size: z.enum(COMPANY_SIZES).nullable(),
  city: z.string().trim().max(100).nullable(),
  region: z.string().trim().max(100).nullable(),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'Use a two-letter country code')
    .nullable(),
  ownerId: z.string().min(1).max(64).nullable(),
  phones: z.array(phoneInput).max(10),
  emails: z.array(emailInput).max(10),
  tagIds: tagIdsInput,
  custom: customInput,
}

export const companyCreateInput = z
  .object({
    id: z.uuid().optional(),
    name: fields.name,
    domain: fields.domain.optional(),
    industry: fields.industry.optional(),
    size: fields.size.optional(),
    city: fields.city.optional(),
    region: fields.region.optional(),
    country: fields.country.optional(),
    ownerId: fields.ownerId.optional(),
    phones: fields.phones.optional(),
    emails: fields.emails.optional(),
    tagIds: fields.tagIds.optional(),
    custom: fields.custom.optional(),
  })
  .strict()
  .meta({ id: 'CompanyCreate' })

export const companyUpdateInput = z.object(fields).partial().strict().meta({ id: 'CompanyUpdate' })

export const companyOutput = z
  .object({
    id: z.uuid(),
    name: z.string(),
    domain: z.string().nullable(),
    industry: z.string().nullable(),
    size: z.enum(COMPANY_SIZES).nullable(),
    city: z.string().nullable(),
    region: z.string().nullable(),
    country: z.string().nullable(),
    owner: z.object({ id: z.string(), name: z.string() }).nullable(),
    phones: z.array(z.object({ e164: z.string(), label: z.string().nullable() })),
    emails: z.array(z.object({ email: z.string(), label: z.string().nullable() })),
    tags: z.array(recordTagOutput),
    custom: customOutput,
    peopleCount: z.number().int(),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    deletedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Company' })

export const COMPANY_SORTS = ['-updatedAt', 'updatedAt', '-createdAt', 'createdAt', 'name', '-name'] as const

export const companiesListQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().max(2000).optional(),
    sort: sortParam('-updatedAt', COMPANY_SORTS),
    filters: filtersParam,
    q: z.string().trim().max(100).optional(),
    trashed: z.stringbool().default(false),
  })
  .strict()

export const companiesListOutput = z.object({
  data: z.array(companyOutput),
  nextCursor: z.string().nullable(),
})

export type CompanyCreateInput = z.infer<typeof companyCreateInput>
export type CompanyUpdateInput = z.infer<typeof companyUpdateInput>
export type Company = z.infer<typeof companyOutput>
export type CompaniesListQuery = z.infer<typeof companiesListQuery>
