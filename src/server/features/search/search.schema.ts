import * as z from 'zod'

// Global search (Ctrl/Cmd+K): a few small hits per record type, best first. The hits
// carry just what a result row shows; the client opens the record by id for the rest.
export const SEARCH_MIN_LENGTH = 2

export const searchQuery = z
  .object({
    q: z
      .string()
      .trim()
      .max(100)
      .default('')
      .describe(
        `Name (Latin or Ge'ez, typos tolerated), email, domain, deal title or phone number in any typed ` +
          `format. Shorter than ${SEARCH_MIN_LENGTH} characters: empty result.`,
      ),
    limit: z.coerce.number().int().min(1).max(20).default(5).describe('Hits per record type'),
  })
  .strict()

const hit = z.object({
  id: z.uuid(),
  name: z.string(),
  subtitle: z.string().nullable(),
})

export const personHit = hit
  .extend({
    subtitle: z.string().nullable().describe('Job title · company'),
    phone: z.string().nullable().describe('First phone, E.164'),
    email: z.string().nullable().describe('First email'),
  })
  .meta({ id: 'SearchPersonHit' })

export const companyHit = hit
  .extend({ subtitle: z.string().nullable().describe('Domain · city') })
  .meta({ id: 'SearchCompanyHit' })

export const dealHit = hit
  .extend({
    name: z.string().describe('The deal title'),
    subtitle: z.string().nullable().describe('Stage name; show the amount after it'),
    amount: z
      .object({ amountMinor: z.number().int(), currency: z.string() })
      .describe('Minor units plus ISO 4217 code, formatted by the client in its locale'),
  })
  .meta({ id: 'SearchDealHit' })

export const searchOutput = z
  .object({
    people: z.array(personHit),
    companies: z.array(companyHit),
    deals: z.array(dealHit),
  })
  .meta({ id: 'SearchResults' })

export type SearchQuery = z.infer<typeof searchQuery>
export type SearchResults = z.infer<typeof searchOutput>
export type PersonHit = z.infer<typeof personHit>
export type CompanyHit = z.infer<typeof companyHit>
export type DealHit = z.infer<typeof dealHit>
