import { sql } from 'drizzle-orm'
import { type Db, queryRows } from '../../db/client.ts'

// ASVS 6.3.1: at most N failed sign-ins per account and per IP in a window, then 429.
// Counters live in the database so several app processes share them.
export const THROTTLE = {
  windowSeconds: 15 * 60,
  perAccount: 20,
  perIp: 100,
} as const

const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`
const ipKey = (ip: string) => `ip:${ip}`

/** Seconds until the caller may try again, or 0 when neither counter is over its limit. */
export async function signInBlockedFor(db: Db, email: string, ip: string): Promise<number> {
  const rows = await queryRows<{ key: string; failures: number; retry: number }>(
    db,
    sql`
    select key, failures, greatest(0, ceil(extract(epoch from window_start + make_interval(secs => ${THROTTLE.windowSeconds}) - now())))::int as retry
    from auth_throttle
    where key in (${accountKey(email)}, ${ipKey(ip)})
      and window_start > now() - make_interval(secs => ${THROTTLE.windowSeconds})`,
  )
  let retry = 0
  for (const row of rows) {
    const limit = row.key.startsWith('ip:') ? THROTTLE.perIp : THROTTLE.perAccount
    if (row.failures >= limit) retry = Math.max(retry, Number(row.retry))
  }
  return retry
}

export async function recordSignInFailure(db: Db, email: string, ip: string): Promise<void> {
  for (const key of [accountKey(email), ipKey(ip)]) {
    // One atomic upsert: a new window starts when the old one has expired.
    await db.execute(sql`
      insert into auth_throttle (key, failures, window_start) values (${key}, 1, now())
      on conflict (key) do update set
        failures = case when auth_throttle.window_start > now() - make_interval(secs => ${THROTTLE.windowSeconds})
                        then auth_throttle.failures + 1 else 1 end,
        window_start = case when auth_throttle.window_start > now() - make_interval(secs => ${THROTTLE.windowSeconds})
                        then auth_throttle.window_start else now() end`)
  }
}

export async function clearAccountFailures(db: Db, email: string): Promise<void> {
  await db.execute(sql`delete from auth_throttle where key = ${accountKey(email)}`)
}
