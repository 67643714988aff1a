// Small helpers to write the generating SQL. Randomness comes from PostgreSQL's
// hashint8extended(i, seed): a seeded hash of the row number, the same on PostgreSQL 15
// and on PGlite (hash partitioning depends on it being stable), so the data is the
// same on every run and both databases without any state in JavaScript.

export type Row = Record<string, unknown>
/** Runs one statement (parameters optional) and returns its rows. */
export type Exec = (text: string, values?: unknown[]) => Promise<Row[]>

export const lit = (s: string | null) => (s === null ? 'null' : `'${s.replace(/'/g, "''")}'`)

/** A text[] constant; the planner folds it once per statement. */
export const arr = (list: readonly (string | null)[]) => `(array[${list.map(lit).join(',')}]::text[])`

/** `list[hash % n]` in SQL, for a hash expression that is never negative. */
export const pick = (list: readonly (string | null)[], hash: string) =>
  `${arr(list)}[1 + (${hash}) % ${list.length}]`

export type Gen = {
  seed: number
  /** A hash of `expr` in [0, 2^31), one independent stream per `k`. */
  h: (expr: string, k: number) => string
  /** Uniform in [0, 1). */
  u: (expr: string, k: number) => string
  /** A UUIDv7-shaped id for the instant `ms`, its random part from (tag, idx): ids sort by time. */
  uuid: (ms: string, tag: string, idx: string) => string
  /** The creation instant (ms since epoch) of row `idx` of `count`: spread over the last three years. */
  createdMs: (tag: string, idx: string, count: number) => string
  /** Some instant between created and the end of the data's time span. */
  updatedMs: (created: string, idx: string, k: number) => string
  ts: (ms: string) => string
  /** The id of row `idx` of a table of `count` rows: the same expression wherever it is referred to. */
  id: (tag: string, idx: string, count: number) => string
}

/** Data ends here, not at "now", so that two runs make the same rows. */
export const T_END = Date.UTC(2026, 9, 1)
export const SPAN = 3 * 365 * 86_400_000
export const T_START = T_END - SPAN

const TAG_STREAM: Record<string, number> = { p: 901, c: 902, d: 903, a: 904 }

export function gen(seed: number): Gen {
  const h = (expr: string, k: number) =>
    `(hashint8extended((${expr})::int8, ${seed * 1000 + k}) & 2147483647)`
  const u = (expr: string, k: number) => `(${h(expr, k)}::float8 / 2147483648.0)`
  const md5 = (tag: string, idx: string) => `md5('${tag}${seed}:' || (${idx}))`
  const uuid = (ms: string, tag: string, idx: string) =>
    `(lpad(to_hex((${ms})::int8), 12, '0') || '7' || substr(${md5(tag, idx)}, 1, 3) || '8' || ` +
    `substr(${md5(tag, idx)}, 4, 15))::uuid`
  const createdMs = (tag: string, idx: string, count: number) => {
    // Row idx gets its own slot of the span, so creation order follows idx.
    const slot = Math.max(1, Math.floor(SPAN / count))
    return `(${T_START}::int8 + (${idx})::int8 * ${slot} + ${h(idx, TAG_STREAM[tag] ?? 999)} % ${slot})`
  }
  return {
    seed,
    h,
    u,
    uuid,
    createdMs,
    id: (tag, idx, count) => uuid(createdMs(tag, idx, count), tag, idx),
    updatedMs: (created, idx, k) => `((${created}) + (${u(idx, k)} * (${T_END}::int8 - (${created})))::int8)`,
    ts: (ms) => `(timestamptz 'epoch' + (${ms}) * interval '1 millisecond')`,
  }
}

/**
 * A weighted pick: `pairs` are [SQL value, weight]; `roll` a hash expression that is never
 * negative. Values are SQL (use lit() for text), so numbers and expressions fit too.
 */
export function weighted(pairs: readonly (readonly [string, number])[], roll: string): string {
  const total = pairs.reduce((a, [, w]) => a + w, 0)
  let acc = 0
  const whens = pairs.slice(0, -1).map(([v, w]) => {
    acc += w
    return `when (${roll}) % ${total} < ${acc} then ${v}`
  })
  return `case ${whens.join(' ')} else ${pairs[pairs.length - 1]![0]} end`
}
