import {
  AMOUNT_RANGE,
  DEAL_PRODUCTS,
  LOST_REASONS,
  MEETING_TITLES,
  NOTES,
  TASK_TITLES,
} from '../../src/server/features/demo/seed-data.ts'
import { CALL_OUTCOMES } from './data.ts'
import { ownerSql, type Sizes } from './gen-people.ts'
import { arr, type Gen, lit, pick } from './sql.ts'

// Deals and activities, straight from generate_series: they only point at people,
// companies and deals by row number, turned into the same ids the people insert made.

/** Company number for a random pick: skewed, so a few companies have thousands of people. */
export const skewedCompany = (g: Gen, idx: string, k: number, companies: number) =>
  `floor(${companies} * power(${g.u(idx, k)}, 3))::int`

const CURRENCY = `case country when 'ET' then 'ETB' when 'KE' then 'KES' else 'TZS' end`

function amountSql(g: Gen) {
  const range = (cur: 'ETB' | 'KES' | 'TZS') => {
    const [min, max] = AMOUNT_RANGE[cur]
    return `(round((${min} + ${g.u('j', 58)} * ${max - min}) / 100) * 10000)::int8`
  }
  return `case country when 'ET' then ${range('ETB')} when 'KE' then ${range('KES')} else ${range('TZS')} end`
}

/** Stage by position (0-3 open, 4 won, 5 lost), as the default pipeline is made. */
export function insertDealsSql(
  g: Gen,
  n: Sizes,
  ws: string,
  owners: string[],
  pipeline: { id: string; stageIds: string[] },
): string {
  const { h, ts } = g
  return `insert into deals (workspace_id, id, title, amount_minor, currency, pipeline_id, stage_id, rank,
      person_id, company_id, owner_id, expected_close_date, status, lost_reason, closed_at, search_text,
      version, created_by, created_at, updated_at, deleted_at)
  select ${lit(ws)}::uuid, ${g.uuid('created_ms', 'd', 'j')}, title, ${amountSql(g)}, ${CURRENCY},
    ${lit(pipeline.id)}::uuid, (${arr(pipeline.stageIds)})[1 + pos]::uuid, (j + 1) * 1024.0,
    case when pidx is not null then ${g.id('p', 'pidx', n.people)} end,
    case when cidx is not null then ${g.id('c', 'cidx', n.companies)} end,
    ${ownerSql(g, 'j', 54, owners)},
    ((${ts('created_ms')} + (30 + ${h('j', 55)} % 90) * interval '1 day') at time zone 'UTC')::date,
    case pos when 4 then 'won' when 5 then 'lost' else 'open' end,
    case when pos = 5 then ${pick(LOST_REASONS, h('j', 56))} end,
    case when pos >= 4 then ${ts('updated_ms')} end,
    lower(title), 1, ${lit(owners[0]!)}, ${ts('created_ms')}, ${ts('updated_ms')},
    case when ${h('j', 57)} % 200 = 0 then ${ts('updated_ms')} end
  from (
    select d.*, coalesce(c.country, d.pcountry, 'ET') as country,
      ${pick(DEAL_PRODUCTS, h('j', 59))} || ' – ' ||
        coalesce(c.name, nullif(trim(d.first || ' ' || d.last), ''), 'New customer') as title
    from (
      select x.*, coalesce(p.company, x.rnd_company) as cidx, p.country as pcountry, p.first, p.last,
        ${g.updatedMs('x.created_ms', 'x.j', 60)} as updated_ms
      from (
        select j, ${g.createdMs('d', 'j', n.deals)} as created_ms,
          case when ${h('j', 50)} % 100 < 90 then ${h('j', 51)} % ${n.people} end as pidx,
          case when ${h('j', 52)} % 100 < 30 then ${skewedCompany(g, 'j', 53, n.companies)} end as rnd_company,
          case when ${h('j', 61)} % 100 < 60 then ${h('j', 61)} % 4
            when ${h('j', 61)} % 100 < 85 then 4 else 5 end as pos
        from generate_series(0, ${n.deals - 1}) as j
        offset 0 -- a fence: pulled up, each use of a column would compute it again
      ) x
      left join bench_p p on p.i = x.pidx
      offset 0
    ) d
    left join bench_c c on c.i = d.cidx
    offset 0
  ) y`
}

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
    case when type = 'task' then ${ts('occ')} + (1 + ${h('i', 78)} % 14) * interval '1 day' end,
    case when type = 'task' then ${ownerSql(g, 'i', 79, owners)} end,
    case when type = 'task' and ${h('i', 81)} % 100 < 70 then
      ${ts('occ')} + (${h('i', 82)} % 86400) * interval '1 second' end,
    1, ${lit(owners[0]!)}, ${ts('occ')}, ${ts('occ')},
    case when ${h('i', 83)} % 200 = 0 then ${ts('occ')} end
  from (
    select i, occ, type, didx, cidx,
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
