import type { FastifyInstance } from 'fastify'
import type { Case } from './cases.ts'
import { type Recorded, send, type Target } from './target.ts'

// One case = one GET through the app (app.inject with the owner's session cookie: the
// whole server path, from cookie to JSON) and the very SQL that request sent, replayed
// directly on the same database, alternately, run after run. The replay is sequential
// on one connection; the app runs a few of its queries in parallel on its pool, so the
// direct figure is, if anything, on the high side.

export type Stats = { n: number; p50: number; p95: number; max: number }

export function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b)
  // Nearest rank: p95 of 60 runs is the 57th fastest.
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? Number.NaN
  return { n: s.length, p50: at(0.5), p95: at(0.95), max: s[s.length - 1] ?? Number.NaN }
}

export type Result = {
  case: Case
  server: Stats
  sql: Stats
  /** Rows (list) or hits (search) in the answer. */
  rows: number
  /** Analytics: what the answer says besides its rows (money not converted, truncated). */
  note: string
  bytes: number
  queries: Recorded[]
  /** Median direct time of each recorded statement. */
  perQuery: number[]
}

const count = (c: Case, body: Record<string, unknown[]>) =>
  c.group === 'list'
    ? (body.data?.length ?? 0)
    : c.group === 'search'
      ? (body.people?.length ?? 0) + (body.companies?.length ?? 0) + (body.deals?.length ?? 0)
      : c.group === 'analytics'
        ? // A Dataset's rows, the KPIs, or the forecast's months.
          (body.rows?.length ?? body.kpis?.length ?? body.months?.length ?? 0)
        : 0

export async function measure(
  app: FastifyInstance,
  target: Target,
  cookie: string,
  c: Case,
  opts: { runs: number; warmup: number },
): Promise<Result> {
  const { result: first, queries } = await target.record(() => send(app, cookie, c))
  if (first.statusCode !== 200) throw new Error(`${c.key}: ${first.statusCode} ${first.body}`)
  const server: number[] = []
  const sql: number[] = []
  const each: number[][] = queries.map(() => [])
  for (let i = 0; i < opts.warmup + opts.runs; i++) {
    const started = performance.now()
    const res = await send(app, cookie, c)
    const elapsed = performance.now() - started
    if (res.statusCode !== 200) throw new Error(`${c.key}: ${res.statusCode} ${res.body}`)
    const times = await target.replay(queries)
    if (i < opts.warmup) continue
    server.push(elapsed)
    sql.push(times.reduce((a, b) => a + b, 0))
    for (const [k, t] of times.entries()) each[k]!.push(t)
  }
  return {
    case: c,
    server: stats(server),
    sql: stats(sql),
    rows: count(c, first.json()),
    note: c.group === 'analytics' ? answerNote(first.json()) : '',
    bytes: first.rawPayload.length,
    queries,
    perQuery: each.map((xs) => stats(xs).p50),
  }
}

type Answer = { truncated?: boolean; notConverted?: { currency: string }[] }

/** "truncated", "not converted: USD": flags in a Dataset, the KPIs or the forecast's months. */
function answerNote(body: Answer & { kpis?: Answer[]; months?: Answer[] }): string {
  const parts = [body, ...(body.kpis ?? []), ...(body.months ?? [])]
  const missing = new Set(parts.flatMap((p) => (p.notConverted ?? []).map((n) => n.currency)))
  return [body.truncated ? 'truncated' : '', missing.size ? `not converted: ${[...missing].join(', ')}` : '']
    .filter(Boolean)
    .join('; ')
}

/** The statement that takes longest directly: the one to EXPLAIN when a case misses its target. */
export const slowest = (r: Result) => r.perQuery.indexOf(Math.max(...r.perQuery))

/** SQL for a report: long lists of parameters ($2::uuid, $3::uuid, …) and values shortened. */
export function compact(text: string, values: unknown[] | undefined): string {
  const sql = text.replace(/(\$\d+(::\w+)?)(, \$\d+(::\w+)?){3,}(, (\$\d+(::\w+)?))/g, '$1, …, $6')
  if (!values?.length) return sql
  const shown = values.length > 8 ? [...values.slice(0, 6), `… ${values.length - 6} more`] : values
  return `${sql}\n-- parameters: ${JSON.stringify(shown)}`
}

/** A plan for a report: the long literal arrays of `= ANY ('{…}')` cut short. */
export const compactPlan = (plan: string) =>
  plan
    .split('\n')
    .map((line) => (line.length > 200 ? `${line.slice(0, 200)}…` : line))
    .join('\n')

export const fmt = (ms: number) => (Number.isNaN(ms) ? '–' : ms < 10 ? ms.toFixed(2) : ms.toFixed(1))
