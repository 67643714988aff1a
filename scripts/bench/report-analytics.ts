import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { DATA_TODAY } from './cases-analytics.ts'
import { fmt, type Result } from './measure.ts'
import { type RunData, slowestOf, TARGETS, type TargetRun, table, verdicts, verdictText } from './report.ts'
import { type Exec, lit } from './sql.ts'

// The "Analytics (issue 5)" section of RESULTS.md: every dashboard widget, the forecast and
// the grouped reports, on PostgreSQL against issue 5's 300 ms, PGlite beside it; what the
// loaded data holds for them; and whether Chart.js is in the initial bundle (from a build
// already in dist/web: the benchmark does not build).

/** A line about the data the analytics read, from the loaded workspace. */
export async function analyticsFacts(exec: Exec, ws: string): Promise<string> {
  const w = `workspace_id = ${lit(ws)} and deleted_at is null`
  const [d] = await exec(`select count(*) filter (where status = 'open')::int as open,
      count(*) filter (where status = 'won')::int as won, count(*) filter (where status = 'lost')::int as lost,
      count(distinct currency)::int as currencies,
      round(100.0 * count(*) filter (where currency <> (select currency from workspaces where id = ${lit(ws)}))
        / greatest(count(*), 1))::int as foreign_pct
    from deals where ${w}`)
  const [p] = await exec(`select round(100.0 * count(source) / greatest(count(*), 1))::int as source_pct,
      round(100.0 * count(city) / greatest(count(*), 1))::int as city_pct, count(distinct city)::int as cities
    from people where ${w}`)
  const [a] = await exec(`select count(*)::int as n from activities
    where ${w} and type = 'task' and done_at is null and due_at < now()`)
  const [t] =
    await exec(`select (select count(*)::int from sales_targets where workspace_id = ${lit(ws)}) as targets,
      (select count(*)::int from exchange_rates where workspace_id = ${lit(ws)}) as rates`)
  const n = (v: unknown) => Number(v).toLocaleString('en')
  return (
    `Deals open / won / lost: ${n(d?.open)} / ${n(d?.won)} / ${n(d?.lost)}; ${d?.currencies} currencies, ` +
    `${d?.foreign_pct}% not in the workspace currency (${n(t?.rates)} exchange rates). People with a source ` +
    `${p?.source_pct}%, with a city ${p?.city_pct}% (${n(p?.cities)} cities). Open overdue tasks ${n(a?.n)}. ` +
    `Monthly sales targets ${n(t?.targets)}.`
  )
}

const ownerCell = (r: Result) => (r.case.owner ? 'one member' : '–')
const rowsCell = (r: Result) => `${r.rows}${r.note ? ` (${r.note})` : ''}`

function pgTable(run: TargetRun) {
  return table(
    [
      'request',
      'period',
      'owner filter',
      'rows',
      'server p50 / p95 ms',
      'direct SQL p50 / p95 ms',
      'statements: slowest (median ms)',
      'target',
    ],
    run.results
      .filter((r) => r.case.group === 'analytics')
      .map((r) => [
        r.case.label,
        r.case.depth ?? '',
        ownerCell(r),
        rowsCell(r),
        `${fmt(r.server.p50)} / ${fmt(r.server.p95)}`,
        `${fmt(r.sql.p50)} / ${fmt(r.sql.p95)}`,
        `${r.queries.length}: ${slowestOf(r)}`,
        verdictText(verdicts(r, run, null)),
      ]),
  )
}

function liteTable(lite: TargetRun, pg: TargetRun | null) {
  return table(
    [
      'request',
      'period',
      'owner filter',
      'rows',
      'PGlite server p50 / p95 ms',
      'PGlite direct SQL p50 / p95 ms',
      'slowest statement (median ms)',
      'PostgreSQL server p95 ms',
    ],
    lite.results
      .filter((r) => r.case.group === 'analytics')
      .map((r) => {
        const other = pg?.results.find((x) => x.case.key === r.case.key)
        return [
          r.case.label,
          r.case.depth ?? '',
          ownerCell(r),
          rowsCell(r),
          `${fmt(r.server.p50)} / ${fmt(r.server.p95)}`,
          `${fmt(r.sql.p50)} / ${fmt(r.sql.p95)}`,
          slowestOf(r),
          other ? fmt(other.server.p95) : '–',
        ]
      }),
  )
}

/**
 * Whether Chart.js is in what the browser loads first: the scripts and modulepreloads of
 * dist/web/index.html. Chart.js is recognised by a message of its own that survives
 * minification. Chunks holding it elsewhere are listed as lazy.
 */
export function bundleCheck(dir = 'dist/web'): string {
  const index = path.join(dir, 'index.html')
  if (!existsSync(index)) {
    return 'Not checked: no build in dist/web (the benchmark does not build; run `npx vite build` first).'
  }
  const html = readFileSync(index, 'utf8')
  const initial = [
    ...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/?([^"]+\.js)"/g),
  ]
    .map((m) => m[1]!)
    .filter((f, i, all) => all.indexOf(f) === i)
  const MARK = "can't acquire context from the given item"
  const assets = path.join(dir, 'assets')
  const all = existsSync(assets) ? readdirSync(assets).filter((f) => f.endsWith('.js')) : []
  const withChart = all.filter((f) => readFileSync(path.join(assets, f), 'utf8').includes(MARK))
  const inInitial = initial.filter((f) => withChart.includes(path.basename(f)))
  const kb = initial.reduce((sum, f) => {
    const file = path.join(dir, f)
    return existsSync(file) ? sum + gzipSync(readFileSync(file)).length / 1024 : sum
  }, 0)
  const built = statSync(index).mtime.toISOString()
  const verdict = inInitial.length
    ? `**FAIL**: Chart.js is in the initial load (${inInitial.join(', ')})`
    : withChart.length
      ? `PASS: Chart.js is not in the initial load; it is in ${withChart.join(', ')}, loaded on demand`
      : 'Chart.js is in no chunk of this build (not used yet?)'
  return (
    `Build of ${built} (${dir}): the initial load is ${initial.length} scripts, ${kb.toFixed(1)} KB gzipped. ` +
    `${verdict}.`
  )
}

export function analyticsSection(d: RunData): string {
  const runs = [d.pg, d.pglite].filter(
    (r): r is TargetRun => !!r?.results.some((x) => x.case.group === 'analytics'),
  )
  if (!runs.length) return ''
  const out = [
    '## Analytics (issue 5)',
    '',
    'Every dashboard widget (`GET /api/v1/dashboard/kpis` and `/api/v1/dashboard/charts/:chart`) for three',
    'periods, without and with an owner filter (`ownerId` = one member, who owns about 15% of the records),',
    'the forecast (`GET /api/v1/forecast?months=6`) and three two-level grouped reports (`POST',
    '/api/v1/reports/run`), measured like the lists, as the workspace owner.',
    `Periods end on ${DATA_TODAY}, the last day of the generated data (it stops there so that runs are`,
    'reproducible; the calendar\'s own "this month" would be empty). "Now" figures (open pipeline, weighted',
    "forecast, overdue tasks, the forecast's months) are as of the day of the run.",
    `Target: server p95 ≤ ${TARGETS.analyticsP95} ms on PostgreSQL with 1M people, 300k deals, 3M activities` +
      `${d.scale === 1 ? '' : ` (this run: scale ${d.scale}, so the verdicts are indicative only)`}; PGlite is reported beside it.`,
    '',
  ]
  for (const run of runs) {
    out.push(`### ${run.name}`, '')
    if (run.facts) out.push(run.facts, '')
    out.push(run === d.pglite ? liteTable(run, d.pg) : pgTable(run), '')
  }
  out.push('### Charting library in the initial bundle', '', bundleCheck(), '')
  return out.join('\n')
}
