import type { Country } from '../../src/server/features/demo/seed-data.ts'
import { JOB_TITLES } from '../../src/server/features/demo/seed-data.ts'
import {
  CITIES,
  COMPANY_PLACES,
  COMPANY_SIZES,
  COMPANY_SUFFIXES,
  COMPANY_TRADES,
  CULTURES,
  EMAIL_DOMAINS,
  GEEZ_COMPANY_PLACES,
  GEEZ_COMPANY_TRADES,
  GEEZ_SYLLABLES,
  INDUSTRIES,
  LATIN_SYLLABLES,
  mobilePrefixes,
  PERSON_CITIES,
  PERSON_CITIES_GEEZ,
  SOURCE_SHARES,
  TLD,
} from './data.ts'
import { arr, type Gen, lit, pick, weighted } from './sql.ts'

// People and companies: first a staging table with one row per record and every value
// decided (names, emails, phones, company, owner), then the app's tables are filled from
// it with INSERT … SELECT, so that people, their phones and their search_text agree.

export type Sizes = { people: number; companies: number; deals: number; activities: number }

const COUNTRIES: Country[] = ['ET', 'KE', 'TZ']
const PREFIXES = Object.fromEntries(COUNTRIES.map((c) => [c, mobilePrefixes(c)])) as Record<
  Country,
  { code: string; prefixes: string[] }
>

/**
 * A mobile number in E.164 for `country`, distinct for every k: k picks the prefix
 * (k mod P) and the six last digits (k div P times a multiplier coprime to 10, mod 10^6).
 */
function phoneSql(countryExpr: string, k: string) {
  return `case ${countryExpr} ${COUNTRIES.map((c) => {
    const { code, prefixes } = PREFIXES[c]
    const n = prefixes.length
    return `when '${c}' then '+${code}' || ${arr(prefixes)}[1 + (${k}) % ${n}] ||
      lpad(((((${k})::int8 / ${n}) * 654321 + 123457) % 1000000)::text, 6, '0')`
  }).join(' ')} end`
}

/** The words of searchText(): international digits, then the national form with its 0. */
export const phoneTerms = (e164: string) => `substr(${e164}, 2), '0' || substr(${e164}, 5)`

const byCulture = (f: (c: (typeof CULTURES)[number]) => string) =>
  `case cult ${CULTURES.map((c, i) => `when ${i} then ${f(c)}`).join(' ')} end`

const cultureOf = (roll: string) => {
  let acc = 0
  return `case ${CULTURES.map((c, i) => {
    acc += c.share
    return `when ${roll} < ${acc} then ${i}`
  }).join(' ')} end`
}

const capital = (s: string) => `upper(left(${s}, 1)) || substr(${s}, 2)`
const syllables = (g: Gen, list: readonly string[], k: number) =>
  [0, 1, 2].map((n) => pick(list, g.h('i', k + n))).join(' || ')

/** Owners: the workspace owner holds 40%, each other member 15%, 5% have none. */
export const ownerSql = (g: Gen, idx: string, k: number, owners: string[]) =>
  `case when ${g.h(idx, k)} % 100 < 5 then null
    when ${g.h(idx, k)} % 100 < 45 then ${lit(owners[0]!)}
    else ${arr(owners.slice(1))}[1 + ${g.h(idx, k + 1)} % ${owners.length - 1}] end`

export function stagePeopleSql(g: Gen, n: Sizes): string {
  const { h, u } = g
  const created = g.createdMs('p', 'i', n.people)
  const synthLatin = capital(syllables(g, LATIN_SYLLABLES, 20))
  const geez = GEEZ_SYLLABLES.map(([d]) => d)
  const geezLatin = GEEZ_SYLLABLES.map(([, l]) => l)
  return `create unlogged table bench_p as
  -- Materialized: inlined, every reference to a computed column would compute it again (8x slower).
  with r as materialized (
    select i, ${cultureOf(`${h('i', 1)} % 100`)} as cult, ${h('i', 2)} as hf, ${h('i', 3)} as hl,
      ${h('i', 4)} % 100 as lroll, ${h('i', 5)} % 100 as np, ${h('i', 6)} % 100 as ne,
      ${created} as created_ms
    from generate_series(0, ${n.people - 1}) as i
  ), named as materialized (
    select r.*,
      ${byCulture((c) => `'${c.country}'`)} as country,
      ${byCulture((c) =>
        pick(
          c.first.map(([d]) => d),
          'hf',
        ),
      )} as first,
      ${byCulture((c) =>
        pick(
          c.first.map(([, l]) => l),
          'hf',
        ),
      )} as first_latin,
      case when lroll < 2 then ''
        when lroll < 17 then ${byCulture((c) => (c.geez ? syllables(g, geez, 20) : synthLatin))}
        else ${byCulture((c) =>
          pick(
            c.last.map(([d]) => d),
            'hl',
          ),
        )} end as last,
      case when lroll < 2 then ''
        when lroll < 17 then ${byCulture((c) => (c.geez ? syllables(g, geezLatin, 20) : `lower(${synthLatin})`))}
        else ${byCulture((c) =>
          pick(
            c.last.map(([, l]) => l),
            'hl',
          ),
        )} end as last_latin
    from r
  )
  select i, cult, country, first, last, first_latin, last_latin,
    -- Names are ASCII or Ge'ez (which has no case), so lower() agrees with JavaScript.
    lower(first) as first_l, lower(last) as last_l,
    case when ne >= 25 then (case when ${h('i', 7)} % 10 = 0 then initcap(e1) else e1 end) end as email1,
    case when ne >= 70 then first_latin || '_' || i || '@' || ${emailDomain(g, 9)} end as email2,
    case when np >= 3 then ${phoneSql('country', 'i')} end as phone1,
    case when np >= 60 then ${phoneSql('country', `${n.people} + i`)} end as phone2,
    case when ${h('i', 10)} % 100 < 70 then floor(${n.companies} * power(${u('i', 11)}, 3))::int end as company,
    case when ${h('i', 12)} % 100 < 80 then ${pick(
      JOB_TITLES.filter((t): t is string => !!t),
      h('i', 13),
    )} end as job_title,
    created_ms, ${g.updatedMs('created_ms', 'i', 14)} as updated_ms,
    ${h('i', 15)} % 100 = 0 as deleted, ${sourceSql(g)} as source, ${citySql(g)} as city
  from named, lateral (
    select first_latin || case when last_latin = '' then '' else '.' || last_latin end || i || '@' ||
      ${emailDomain(g, 8)} as e1
  ) e`
}

/** people.source: 15% not set, the rest skewed (SOURCE_SHARES). */
const sourceSql = (g: Gen) =>
  `case when ${g.h('i', 100)} % 100 < 15 then null else ${weighted(
    Object.entries(SOURCE_SHARES).map(([key, share]) => [lit(key), share] as const),
    g.h('i', 101),
  )} end`

/** people.city: 20% not set; by country, skewed to the first (largest) towns. */
function citySql(g: Gen) {
  const at = (n: number) => `1 + floor(${n} * power(${g.u('i', 104)}, 2))::int`
  const geezCulture = CULTURES.findIndex((c) => c.geez)
  return `case when ${g.h('i', 102)} % 100 < 20 then null
    when cult = ${geezCulture} and ${g.h('i', 103)} % 100 < 30 then ${arr(PERSON_CITIES_GEEZ)}[${at(PERSON_CITIES_GEEZ.length)}]
    else case country ${COUNTRIES.map(
      (c) => `when '${c}' then ${arr(PERSON_CITIES[c])}[${at(PERSON_CITIES[c].length)}]`,
    ).join(' ')} end end`
}

const emailDomain = (g: Gen, k: number) =>
  `case country ${COUNTRIES.map((c) => `when '${c}' then ${pick(EMAIL_DOMAINS[c], g.h('i', k))}`).join(' ')} end`

export function insertPeopleSql(g: Gen, n: Sizes, ws: string, owners: string[]): string[] {
  const ts = g.ts
  const person = g.uuid('created_ms', 'p', 'i')
  return [
    `insert into people (workspace_id, id, first_name, last_name, job_title, owner_id, company_id,
      source, city, sort_name, search_text, version, created_by, created_at, updated_at, deleted_at)
    select ${lit(ws)}::uuid, ${person}, first, last, job_title, ${ownerSql(g, 'i', 16, owners)},
      case when company is not null then ${g.id('c', 'company', n.companies)} end, source, city,
      -- fullName(...).toLowerCase() and searchText(): the words, emails, then phone digits.
      trim(first_l || ' ' || last_l),
      concat_ws(' ', first_l, nullif(last_l, ''), lower(email1), lower(email2),
        ${phoneTerms('phone1')}, ${phoneTerms('phone2')}),
      1, ${lit(owners[0]!)}, ${ts('created_ms')}, ${ts('updated_ms')},
      case when deleted then ${ts('updated_ms')} end
    from bench_p`,
    `insert into person_phones (workspace_id, person_id, position, e164, label)
    select ${lit(ws)}::uuid, ${person}, 0, phone1, ${pick(['mobile', 'work', null, null], g.h('i', 17))}
      from bench_p where phone1 is not null
    union all
    select ${lit(ws)}::uuid, ${person}, 1, phone2, ${pick(['mobile', 'work', 'home', null], g.h('i', 18))}
      from bench_p where phone2 is not null`,
    `insert into person_emails (workspace_id, person_id, position, email, label)
    select ${lit(ws)}::uuid, ${person}, 0, email1, ${pick(['personal', null], g.h('i', 19))}
      from bench_p where email1 is not null
    union all
    select ${lit(ws)}::uuid, ${person}, 1, email2, 'work' from bench_p where email2 is not null`,
  ]
}

export function stageCompaniesSql(g: Gen, n: Sizes): string {
  const { h } = g
  const j = 'i'
  const place = `case country ${COUNTRIES.map((c) => `when '${c}' then ${pick(COMPANY_PLACES[c], h(j, 32))}`).join(' ')} end`
  return `create unlogged table bench_c as
  with r as materialized (
    select i, case when ${h(j, 30)} % 100 < 45 then 'ET' when ${h(j, 30)} % 100 < 75 then 'KE' else 'TZ' end as country,
      ${h(j, 31)} % 100 < 10 as geez, ${g.createdMs('c', j, n.companies)} as created_ms
    from generate_series(0, ${n.companies - 1}) as i
  ), named as materialized (
    select r.*, case when geez then 'ET' else country end as ctry,
      case when geez then ${pick(GEEZ_COMPANY_PLACES, h(j, 33))} || ' ' || ${pick(GEEZ_COMPANY_TRADES, h(j, 34))}
        else ${place} || ' ' || ${pick(COMPANY_TRADES, h(j, 35))} || ${pick(COMPANY_SUFFIXES, h(j, 36))} end as name
    from r
  )
  select i, ctry as country, name, lower(name) as name_l,
    case when not geez and ${h(j, 37)} % 100 < 60 then
      lower(regexp_replace(split_part(name, ' ', 1) || split_part(name, ' ', 2), '[^A-Za-z]', '', 'g')) || i ||
      '.' || case ctry ${COUNTRIES.map((c) => `when '${c}' then '${TLD[c]}'`).join(' ')} end end as domain,
    case ctry ${COUNTRIES.map((c) => `when '${c}' then ${pick(CITIES[c], h(j, 38))}`).join(' ')} end as city,
    ${pick(INDUSTRIES, h(j, 39))} as industry, ${pick(COMPANY_SIZES, h(j, 40))} as size,
    case when ${h(j, 41)} % 100 < 50 then ${phoneSql('ctry', `${2 * n.people} + i`)} end as phone,
    created_ms, ${g.updatedMs('created_ms', j, 42)} as updated_ms, ${h(j, 43)} % 200 = 0 as deleted
  from named`
}

export function insertCompaniesSql(g: Gen, ws: string, owners: string[]): string[] {
  const ts = g.ts
  const id = g.uuid('created_ms', 'c', 'i')
  return [
    `insert into companies (workspace_id, id, name, domain, industry, size, city, country, owner_id,
      sort_name, search_text, version, created_by, created_at, updated_at, deleted_at)
    select ${lit(ws)}::uuid, ${id}, name, domain, industry, size, city, country, ${ownerSql(g, 'i', 44, owners)},
      name_l, concat_ws(' ', name_l, domain, lower(city), case when domain is not null then 'info@' || domain end,
        ${phoneTerms('phone')}),
      1, ${lit(owners[0]!)}, ${ts('created_ms')}, ${ts('updated_ms')},
      case when deleted then ${ts('updated_ms')} end
    from bench_c`,
    `insert into company_phones (workspace_id, company_id, position, e164, label)
    select ${lit(ws)}::uuid, ${id}, 0, phone, 'office' from bench_c where phone is not null`,
    `insert into company_emails (workspace_id, company_id, position, email, label)
    select ${lit(ws)}::uuid, ${id}, 0, 'info@' || domain, null from bench_c where domain is not null`,
  ]
}
