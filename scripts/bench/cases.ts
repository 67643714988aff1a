import type { FastifyInstance } from 'fastify'
import { encodeCursor } from '../../src/server/http/cursor.ts'
import { type Exec, lit } from './sql.ts'
import { get } from './target.ts'

// What is measured: list pages (first, 200 pages deep by following the cursor, and the
// middle of the list by a cursor built from the row there) and global searches. The
// values (companies, names, phone numbers) are picked from the loaded data, so the
// same labels mean the same kind of request on PostgreSQL and on PGlite.

export type Case = {
  group: 'list' | 'search' | 'baseline' | 'analytics'
  /** Same on both databases: how results are matched up. */
  key: string
  label: string
  url: string
  /** For deep pages: the key of the first page they are compared with. */
  firstKey?: string
  depth?: string
  term?: string
  /** GET unless said; POST sends `payload` as JSON (reports/run). */
  method?: 'GET' | 'POST'
  payload?: Record<string, unknown>
  /** Analytics: with the owner filter. */
  owner?: boolean
}

/** What the server costs around any request: Fastify alone, and a signed-in request with little SQL. */
export const BASELINE: Case[] = [
  { group: 'baseline', key: 'healthz', label: 'GET /healthz (no session, no SQL)', url: '/healthz' },
  { group: 'baseline', key: 'me', label: 'GET /api/v1/me (session, user, workspace)', url: '/api/v1/me' },
]

export type Walk = { label: string; pages: number; times: number[] }

type ListSpec = {
  key: string
  label: string
  path: '/api/v1/people' | '/api/v1/deals'
  params: Record<string, string>
  /** The same filter in SQL, to build the middle cursor. */
  where: string
  sort: 'updated_at' | 'sort_name'
  walk: boolean
}

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString())

/** A cursor after the row in the middle of the list: what 10,000 pages of scrolling would reach. */
async function middleCursor(exec: Exec, table: string, spec: ListSpec): Promise<string | null> {
  const [count] = await exec(`select count(*)::int as n from ${table} where ${spec.where}`)
  const n = Number(count?.n)
  if (n < 150) return null
  const desc = spec.sort === 'updated_at' ? 'desc' : ''
  const [row] = await exec(`select ${spec.sort} as v, id::text as id from ${table} where ${spec.where}
    order by ${spec.sort} ${desc}, id ${desc} offset ${Math.floor(n / 2)} limit 1`)
  if (!row) return null
  return encodeCursor([spec.sort === 'updated_at' ? iso(row.v) : String(row.v), String(row.id)])
}

const url = (path: string, params: Record<string, string>) => `${path}?${new URLSearchParams(params)}`

/** Follows nextCursor `pages` times, timing each page; returns the cursor of the last page reached. */
export async function walkPages(app: FastifyInstance, cookie: string, first: string, pages: number) {
  const times: number[] = []
  let cursor: string | null = null
  for (let i = 0; i < pages; i++) {
    const started = performance.now()
    const res = await get(app, cookie, cursor ? `${first}&cursor=${cursor}` : first)
    times.push(performance.now() - started)
    if (res.statusCode !== 200) throw new Error(`walk ${first}: ${res.statusCode} ${res.body}`)
    const next = res.json().nextCursor as string | null
    if (!next) break
    cursor = next
  }
  return { times, cursor }
}

export async function listCases(
  exec: Exec,
  app: FastifyInstance,
  cookie: string,
  ws: string,
  memberId: string,
): Promise<{ cases: Case[]; walks: Walk[] }> {
  const live = `workspace_id = ${lit(ws)} and deleted_at is null`
  const companies = await exec(`select company_id::text as id, count(*)::int as n from people
    where ${live} and company_id is not null group by company_id order by n desc, company_id limit 2000`)
  const big = companies[0]!
  const mid = companies.find((c) => Number(c.n) <= 300) ?? companies[1] ?? big
  const specs: ListSpec[] = []
  const people = (
    key: string,
    label: string,
    params: Record<string, string>,
    where: string,
    walk: boolean,
  ) => {
    for (const [sort, column] of [
      ['-updatedAt', 'updated_at'],
      ['name', 'sort_name'],
    ] as const) {
      specs.push({
        key: `${key} ${sort}`,
        label: `${label}, sort ${sort}`,
        path: '/api/v1/people',
        params: { ...params, sort, limit: '50' },
        where: `${live}${where}`,
        sort: column,
        walk,
      })
    }
  }
  people('people', 'people, no filter', {}, '', true)
  people(
    'people big company',
    `people of the largest company (${big.n} people)`,
    { companyId: String(big.id) },
    ` and company_id = ${lit(String(big.id))}`,
    false,
  )
  people(
    'people mid company',
    `people of a ${mid.n}-person company`,
    { companyId: String(mid.id) },
    ` and company_id = ${lit(String(mid.id))}`,
    false,
  )
  people('people q=abe', 'people matching q=abe', { q: 'abe' }, ` and search_text like '%abe%'`, true)
  people('people q=mar', 'people matching q=mar', { q: 'mar' }, ` and search_text like '%mar%'`, false)
  const rare = await rareSurname(exec, live, 'latin')
  if (rare) {
    const q = rare.last.toLowerCase()
    people(
      'people q=rare',
      `people matching a rare surname (q=${q})`,
      { q },
      ` and search_text like ${lit(`%${q}%`)}`,
      false,
    )
  }
  specs.push({
    key: 'deals owner -updatedAt',
    label: 'deals of one owner (ownerId), sort -updatedAt',
    path: '/api/v1/deals',
    params: { ownerId: memberId, sort: '-updatedAt', limit: '50' },
    where: `${live} and owner_id = ${lit(memberId)}`,
    sort: 'updated_at',
    walk: false,
  })

  const cases: Case[] = []
  const walks: Walk[] = []
  for (const spec of specs) {
    const first = url(spec.path, spec.params)
    cases.push({ group: 'list', key: spec.key, label: spec.label, url: first, depth: 'first page' })
    if (spec.walk) {
      const { times, cursor } = await walkPages(app, cookie, first, 200)
      walks.push({ label: spec.label, pages: times.length, times })
      if (cursor && times.length === 200) {
        cases.push(deepCase(spec, `${first}&cursor=${cursor}`, 'p200', 'page 200 (cursor followed)'))
      }
    }
    const middle = await middleCursor(exec, spec.path.endsWith('deals') ? 'deals' : 'people', spec)
    if (middle) {
      cases.push(deepCase(spec, `${first}&cursor=${middle}`, 'middle', 'middle of the list (built cursor)'))
    }
  }
  return { cases, walks }
}

const deepCase = (spec: ListSpec, url: string, suffix: string, depth: string): Case => ({
  group: 'list',
  key: `${spec.key} ${suffix}`,
  label: spec.label,
  url,
  firstKey: spec.key,
  depth,
})

/** A surname few people have (the generator makes some up), and one person who has it. */
async function rareSurname(exec: Exec, live: string, script: 'latin' | 'geez') {
  const filter =
    script === 'latin' ? `last_name ~ '^[A-Z][a-z]+$'` : `last_name <> '' and last_name !~ '[A-Za-z]'`
  const [row] = await exec(`select first_name as first, last_name as last from people
    where ${live} and last_name = (select last_name from people where ${live} and ${filter}
      group by last_name having count(*) <= 3 order by last_name limit 1)
    order by id limit 1`)
  return row ? { first: String(row.first), last: String(row.last) } : null
}

/** "malosi" → "maolsi": two letters swapped in the middle, the commonest typo. */
const swap = (s: string) => {
  const c = [...s]
  const i = Math.max(1, Math.floor(c.length / 2) - 1)
  ;[c[i], c[i + 1]] = [c[i + 1]!, c[i]!]
  return c.join('')
}

export async function searchCases(exec: Exec, ws: string): Promise<Case[]> {
  const live = `workspace_id = ${lit(ws)} and deleted_at is null`
  const terms: [key: string, label: string, term: string][] = []
  const latin = await rareSurname(exec, live, 'latin')
  const geez = await rareSurname(exec, live, 'geez')
  if (latin) {
    terms.push(['rare name', 'rare full name (Latin)', `${latin.first} ${latin.last}`])
    terms.push(['rare typo', 'typo in a rare full name', `${latin.first} ${swap(latin.last)}`])
  }
  if (geez) terms.push(['rare geez', "rare full name (Ge'ez)", `${geez.first} ${geez.last}`])
  terms.push(['abe', 'common 3 letters', 'abe'])
  terms.push(['mar', 'common 3 letters', 'mar'])
  terms.push(['geez common', "common Ge'ez first name", 'አበበ'])
  terms.push(['ab', 'two letters (word prefix)', 'ab'])
  terms.push(['typo common', 'typo in a common name', 'mulugeat'])
  const [phone] = await exec(`select x.e164 from person_phones x join people p
      on p.workspace_id = x.workspace_id and p.id = x.person_id
    where x.workspace_id = ${lit(ws)} and p.deleted_at is null and x.e164 like '+2519%'
    order by x.person_id limit 1`)
  if (phone) {
    const n = String(phone.e164).slice(4)
    terms.push([
      'phone national',
      'phone, national format',
      `0${n.slice(0, 3)} ${n.slice(3, 5)} ${n.slice(5, 7)} ${n.slice(7)}`,
    ])
    terms.push([
      'phone e164',
      'phone, international format',
      `+251 ${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`,
    ])
    terms.push(['phone digits', 'phone, last 7 digits', n.slice(2)])
  }
  const [email] = await exec(`select email from person_emails where workspace_id = ${lit(ws)}
    order by person_id limit 1 offset 10`)
  if (email) terms.push(['email', 'whole email address', String(email.email)])
  return terms.map(([key, label, term]) => ({
    group: 'search',
    key: `search ${key}`,
    label,
    term,
    url: `/api/v1/search?${new URLSearchParams({ q: term, limit: '5' })}`,
  }))
}
