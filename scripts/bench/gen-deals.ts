import {
  AMOUNT_RANGE,
  DEAL_PRODUCTS,
  LOST_REASONS,
  MEETING_TITLES,
  NOTES,
  TASK_TITLES,
} from '../../src/server/features/demo/seed-data.ts'
import { CALL_OUTCOMES, FOREIGN_DEALS } from './data.ts'
import { ownerSql, type Sizes } from './gen-people.ts'
import { arr, type Gen, lit, pick, T_END, T_START, weighted } from './sql.ts'

// Deals and activities, straight from generate_series: they only point at people,
// companies and deals by row number, turned into the same ids the people insert made.

/** Company number for a random pick: skewed, so a few companies have thousands of people. */
export const skewedCompany = (g: Gen, idx: string, k: number, companies: number) =>
  `floor(${companies} * power(${g.u(idx, k)}, 3))::int`

const DAY = 86_400_000
type Money = keyof typeof AMOUNT_RANGE

/** Most deals in the workspace currency, some in USD and the neighbours' currencies. */
function currencySql(g: Gen, base: string) {
  const foreign = FOREIGN_DEALS.filter((f) => f.currency !== base)
  const rest = 100 - foreign.reduce((a, f) => a + f.share, 0)
  return weighted(
    [...foreign.map((f) => [lit(f.currency), f.share] as const), [lit(base), rest] as const],
    g.h('j', 66),
  )
}

/** Whole hundreds in the currency's range, skewed to small deals (many small, few large). */
function amountSql(g: Gen) {
  const cases = (Object.keys(AMOUNT_RANGE) as Money[]).map((cur) => {
    const [min, max] = AMOUNT_RANGE[cur]
    return `when '${cur}' then (round((${min} + power(${g.u('j', 58)}, 2) * ${max - min}) / 100) * 10000)::int8`
  })
  return `case currency ${cases.join(' ')} else (round((20000 + ${g.u('j', 58)} * 4980000) / 100) * 10000)::int8 end`
}

/**
 * Status by age, as a real pipeline looks: deals of the last 120 days are mostly open, older
 * ones mostly closed (42% of the closed won). Open deals sit in the open stages skewed to the
 * first (a funnel); won and lost in the won and lost stages (positions 4 and 5).
 * closed_at: 3 to 180 days after creation (skewed short), never after the data ends;
 * expected_close_date: open deals over the ~12 months after the data ends (a few overdue),
 * closed ones 30 to 120 days after creation.
 */
export function insertDealsSql(
  g: Gen,
  n: Sizes,
  ws: string,
  owners: string[],
  pipeline: { id: string; stageIds: string[] },
  base: string,
): string {
  const { h, ts } = g
  const openStage = weighted(
    [
      ['0', 38],
      ['1', 28],
      ['2', 20],
      ['3', 14],
    ],
    h('j', 61),
  )
  const closed = `greatest(created_ms, least(
    created_ms + ${3 * DAY}::int8 + floor(power(${g.u('j', 64)}, 2) * ${177 * DAY})::int8,
    ${T_END - 1}::int8 - ${h('j', 65)} % ${DAY}))`
  return `insert into deals (workspace_id, id, title, amount_minor, currency, pipeline_id, stage_id, rank,
      person_id, company_id, owner_id, expected_close_date, status, lost_reason, closed_at, search_text,
      version, created_by, created_at, updated_at, deleted_at)
  select ${lit(ws)}::uuid, ${g.uuid('created_ms', 'd', 'j')}, title, ${amountSql(g)}, currency,
    ${lit(pipeline.id)}::uuid, (${arr(pipeline.stageIds)})[1 + pos]::uuid, (j + 1) * 1024.0,
    case when pidx is not null then ${g.id('p', 'pidx', n.people)} end,
    case when cidx is not null then ${g.id('c', 'cidx', n.companies)} end,
    owner_id,
    case when status = 'open'
      then (${ts(String(T_END))} at time zone 'UTC')::date - 30 + (${h('j', 55)} % 395)::int
      else ((${ts('created_ms')} + (30 + ${h('j', 55)} % 90) * interval '1 day') at time zone 'UTC')::date end,
    status,
    case when status = 'lost' then ${pick(LOST_REASONS, h('j', 56))} end,
    case when status <> 'open' then ${ts('closed_ms')} end,
    lower(title), 1, coalesce(owner_id, ${lit(owners[0]!)}), ${ts('created_ms')}, ${ts('updated_ms')},
    case when ${h('j', 57)} % 200 = 0 then ${ts('updated_ms')} end
  from (
    select d.*, ${pick(DEAL_PRODUCTS, h('j', 59))} || ' – ' ||
        coalesce(c.name, nullif(trim(d.first || ' ' || d.last), ''), 'New customer') as title,
      case when d.status = 'open' then ${g.updatedMs('d.created_ms', 'j', 60)}
        else d.closed_ms + (${g.u('j', 67)} * 0.1 * (${T_END}::int8 - d.closed_ms))::int8 end as updated_ms
    from (
      select x.*, coalesce(p.company, x.rnd_company) as cidx, p.first, p.last,
        case status when 'won' then 4 when 'lost' then 5 else ${openStage} end as pos,
        ${currencySql(g, base)} as currency, ${ownerSql(g, 'j', 54, owners)} as owner_id
      from (
        select y.*, ${closed} as closed_ms,
          case when ${h('j', 62)} % 100 < case when created_ms >= ${T_END - 120 * DAY}::int8 then 70 else 6 end
            then 'open' when ${h('j', 63)} % 100 < 42 then 'won' else 'lost' end as status
        from (
          select j, ${g.createdMs('d', 'j', n.deals)} as created_ms,
            case when ${h('j', 50)} % 100 < 90 then ${h('j', 51)} % ${n.people} end as pidx,
            case when ${h('j', 52)} % 100 < 30 then ${skewedCompany(g, 'j', 53, n.companies)} end as rnd_company
          from generate_series(0, ${n.deals - 1}) as j
          offset 0 -- a fence: pulled up, each use of a column would compute it again
        ) y
        offset 0
      ) x
      left join bench_p p on p.i = x.pidx
      offset 0
    ) d
    left join bench_c c on c.i = d.cidx
    offset 0
  ) z`
}

/** A member for who did something: the workspace owner 40%, the others the rest evenly. */
const userSql = (g: Gen, idx: string, k: number, owners: string[]) =>
  `case when ${g.h(idx, k)} % 100 < 40 then ${lit(owners[0]!)}
    else ${arr(owners.slice(1))}[1 + ${g.h(idx, k + 1)} % ${owners.length - 1}] end`

/**
 * Activities over the three years, by type; created_by spread over the team; tasks due 1 to
 * 14 days after they were made (up to 120 for the last 60 days), nearly all of the older
 * ones done and about half of the recent ones: the open ones are the overdue tasks.
 */
export function insertActivitiesSql(g: Gen, n: Sizes, ws: string, owners: string[]): string {
  const { h, ts } = g
  const types = `case when ${h('i', 70)} % 100 < 40 then 'note' when ${h('i', 70)} % 100 < 70 then 'call'
    when ${h('i', 70)} % 100 < 80 then 'meeting' else 'task' end`
  const calls = ['Called about the delivery dates.', 'Asked for a new quote.', 'Wanataka bei mpya.']
  return `insert into activities (workspace_id, id, type, title, body, person_id, company_id, deal_id,
      occurred_at, call_direction, call_duration_seconds, call_outcome, meeting_end_at, meeting_place,
      due_at, assignee_id, done_at, version, created_by, created_at, updated_at, deleted_at)
  select ${lit(ws)}::uuid, ${g.uuid('occ', 'a', 'i')}, type,
    case type when 'meeting' then ${pick(MEETING_TITLES, h('i', 71))}
      when 'task' then ${pick(TASK_TITLES, h('i', 71))} end,
    case type when 'note' then ${pick(NOTES, h('i', 72))}
      when 'call' then case when ${h('i', 73)} % 100 < 30 then ${pick(calls, h('i', 72))} end end,
    case when pidx is not null then ${g.id('p', 'pidx', n.people)} end,
    case when cidx is not null then ${g.id('c', 'cidx', n.companies)} end,
    case when didx is not null then ${g.id('d', 'didx', n.deals)} end,
    ${ts('occ')},
    case when type = 'call' then ${pick(['inbound', 'outbound'], h('i', 74))} end,
    case when type = 'call' then 30 + ${h('i', 75)} % 1800 end,
    case when type = 'call' then ${pick(CALL_OUTCOMES, h('i', 76))} end,
    case when type = 'meeting' then ${ts('occ')} + (30 + ${h('i', 77)} % 90) * interval '1 minute' end,
    null,
    case when type = 'task' then ${ts('occ')} + (1 + ${h('i', 78)} % case when recent then 120 else 14 end)
      * interval '1 day' end,
    case when type = 'task' then ${ownerSql(g, 'i', 79, owners)} end,
    case when type = 'task' and ${h('i', 81)} % 100 < case when recent then 55 else 97 end then
      ${ts('occ')} + (${h('i', 82)} % 86400) * interval '1 second' end,
    1, ${userSql(g, 'i', 91, owners)}, ${ts('occ')}, ${ts('occ')},
    case when ${h('i', 83)} % 200 = 0 then ${ts('occ')} end
  from (
    select i, occ, type, didx, cidx, occ >= ${T_END - 60 * DAY}::int8 as recent,
      coalesce(pidx, case when didx is null and cidx is null then ${h('i', 84)} % ${n.people} end) as pidx
    from (
      select i, ${g.createdMs('a', 'i', n.activities)} as occ, ${types} as type,
        case when ${h('i', 85)} % 100 < 85 then ${h('i', 86)} % ${n.people} end as pidx,
        case when ${h('i', 87)} % 100 < 25 then ${h('i', 88)} % ${n.deals} end as didx,
        case when ${h('i', 89)} % 100 < 15 then ${skewedCompany(g, 'i', 90, n.companies)} end as cidx
      from generate_series(0, ${n.activities - 1}) as i
      offset 0 -- a fence: pulled up, each use of a column would compute it again
    ) x
    offset 0
  ) a`
}

/** Exchange rates for the foreign deal currencies (the rates an admin would have set). */
export function exchangeRatesSql(ws: string, base: string): string {
  const rows = FOREIGN_DEALS.filter((f) => f.currency !== base).map(
    (f) => `(${lit(ws)}::uuid, ${lit(f.currency)}, ${f.rate})`,
  )
  return `insert into exchange_rates (workspace_id, currency, rate) values ${rows.join(', ')}`
}

/**
 * Monthly sales targets for every member, over the data's three years and the twelve
 * months after it: about what they won in an average month (workspace currency), give or
 * take 20%, in whole thousands.
 */
export function salesTargetsSql(g: Gen, ws: string, owners: string[], base: string): string {
  return `insert into sales_targets (workspace_id, user_id, month, amount_minor)
  select ${lit(ws)}::uuid, u.id, m.month::date,
    (round(w.per_month * (0.8 + 0.4 * ${g.u('u.k * 100000 + (extract(epoch from m.month) / 86400)::int8', 110)}) / 100000)
      * 100000)::int8
  from unnest(${arr(owners)}) with ordinality as u(id, k)
  cross join generate_series(date_trunc('month', ${g.ts(String(T_START))} at time zone 'UTC'),
    date_trunc('month', ${g.ts(String(T_END))} at time zone 'UTC') + interval '12 months',
    interval '1 month') as m(month)
  join (select owner_id, sum(amount_minor) / 36.0 as per_month from deals
    where workspace_id = ${lit(ws)} and status = 'won' and currency = ${lit(base)} and deleted_at is null
    group by owner_id) w on w.owner_id = u.id
  where w.per_month >= 100000`
}
