import { queryRows } from '../../db/client.ts'
import type { Ctx } from '../../http/context.ts'
import { assertCan } from '../../http/permissions.ts'
import { toE164 } from '../contacts/phones.ts'
import {
  companyHitRows,
  dealHitRows,
  forceTrigramPlans,
  personHitRows,
  phoneSql,
  rankedIds,
  type SearchKind,
  type Term,
} from './search.queries.ts'
import { SEARCH_MIN_LENGTH, type SearchQuery, type SearchResults } from './search.schema.ts'

// Global search: people, companies and deals matching what was typed, best first.

const EMPTY: SearchResults = { people: [], companies: [], deals: [] }

// Digits with the separators people type in phone numbers, and nothing else.
const PHONE_LIKE = /^\+?[\d\s().\-/]+$/

const chars = (s: string) => [...s].length

/**
 * What to look for, or null when there is too little to search. search_text is stored
 * lowercased with single spaces, and phones as digits in international (251911234567)
 * and national (0911234567) form. A typed number is read with the workspace country
 * (`0911 23 45 67`, `911234567`, `+251 911…` and `00251…` all become 251911234567);
 * a partial one that is not a valid number yet is matched by its digits.
 */
export function searchTerm(q: string, country: string): Term | null {
  const text = q.trim().replace(/\s+/g, ' ').toLowerCase()
  if (chars(text) < SEARCH_MIN_LENGTH) return null
  if (PHONE_LIKE.test(text)) {
    const digits = text.replace(/\D/g, '')
    if (digits.length >= SEARCH_MIN_LENGTH) {
      const e164 = toE164(text, country)
      const wanted = e164 ? e164.slice(1) : digits
      return { text: wanted, mode: wanted.length >= 3 ? 'contains' : 'prefix', fuzzy: false, e164 }
    }
  }
  const longestWord = Math.max(...text.split(/[^\p{L}\p{N}]+/u).map(chars))
  // Only punctuation: no trigram to look up, and nothing worth finding.
  if (longestWord === 0) return null
  return {
    text,
    mode: longestWord >= 3 ? 'contains' : 'prefix',
    // Below four letters nearly every name is "similar" (two shared trigrams suffice).
    // An email address or anything with digits is typed exactly (copied, usually): a typo
    // pass over it costs the most (long terms, many trigrams) and finds nothing useful.
    fuzzy: longestWord >= 3 && chars(text) >= 4 && !/[@\d]/.test(text),
    e164: null,
  }
}

const KINDS: SearchKind[] = ['people', 'companies', 'deals']

export async function search(ctx: Ctx, query: SearchQuery): Promise<SearchResults> {
  assertCan(ctx, 'read')
  const term = searchTerm(query.q, ctx.workspace.country)
  if (!term) return EMPTY
  const ws = ctx.workspace.id
  const [peopleIds, companyIds, dealIds] = term.e164
    ? await phoneIds(ctx, term.e164, query.limit)
    : await textIds(ctx, term, query.limit)
  const [personRows, companyRows, dealRows] = await Promise.all([
    personHitRows(ctx.db, ws, peopleIds),
    companyHitRows(ctx.db, ws, companyIds),
    dealHitRows(ctx.db, ws, dealIds),
  ])
  return {
    people: inOrder(peopleIds, personRows).map((r) => ({
      id: r.id,
      name: `${r.first_name} ${r.last_name}`.trim(),
      subtitle: joined(r.job_title, r.company),
      phone: r.phone,
      email: r.email,
    })),
    companies: inOrder(companyIds, companyRows).map((r) => ({
      id: r.id,
      name: r.name,
      subtitle: joined(r.domain, r.city),
    })),
    deals: inOrder(dealIds, dealRows).map((r) => ({
      id: r.id,
      name: r.title,
      subtitle: r.stage,
      amount: { amountMinor: Number(r.amount_minor), currency: r.currency },
    })),
  }
}

/**
 * A whole valid phone number: the people and companies that have exactly it (deals have
 * no phone numbers), each one index probe. No trigram scan, so no planner settings and
 * no transaction to hold them.
 */
async function phoneIds(ctx: Ctx, e164: string, limit: number): Promise<[string[], string[], string[]]> {
  const ws = ctx.workspace.id
  const [people, companies] = await Promise.all([
    queryRows<{ id: string }>(ctx.db, phoneSql('people', ws, e164, limit)),
    queryRows<{ id: string }>(ctx.db, phoneSql('companies', ws, e164, limit)),
  ])
  return [people.map((r) => r.id), companies.map((r) => r.id), []]
}

/** Names, emails and digits: each type ranked in one read-only transaction, where the planner settings of forceTrigramPlans stay. */
function textIds(ctx: Ctx, term: Term, limit: number) {
  return ctx.db.transaction(
    async (tx) => {
      await forceTrigramPlans(tx)
      const out: string[][] = []
      for (const kind of KINDS) out.push(await rankedIds(tx, kind, ctx.workspace.id, term, limit))
      return out as [string[], string[], string[]]
    },
    { accessMode: 'read only' },
  )
}

const joined = (...parts: (string | null)[]) => parts.filter(Boolean).join(' · ') || null

/** The rows in the ranked order of `ids` (the loading queries return them unordered). */
function inOrder<T extends { id: string }>(ids: string[], rows: T[]): T[] {
  const byId = new Map(rows.map((r) => [r.id, r]))
  return ids.flatMap((id) => byId.get(id) ?? [])
}
