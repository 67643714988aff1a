import type { PgTable } from 'drizzle-orm/pg-core'
import type { DbOrTx } from '../../db/client.ts'
import type { timelineEvents } from '../../db/schema/index.ts'
import { DAY, type Random } from './random.ts'
import type { Country } from './seed-data.ts'

// What the demo seeders share: the random source, the clock, and the timeline events
// they collect to insert in one go at the end.
type Event = typeof timelineEvents.$inferInsert

export type SeedCompany = { id: string; name: string; country: Country; city: string; createdAt: Date }
export type SeedPerson = {
  id: string
  name: string
  companyId: string | null
  country: Country
  createdAt: Date
}
export type SeedDeal = { id: string; personId: string | null; companyId: string | null; createdAt: Date }

export type SeedState = {
  r: Random
  now: Date
  workspaceId: string
  owners: string[]
  userId: string
  phones: Set<string>
  events: Event[]
}

/** Inserts rows in batches that stay well under the bind-parameter limit. */
export async function insertAll<T extends PgTable>(tx: DbOrTx, table: T, rows: T['$inferInsert'][]) {
  for (let i = 0; i < rows.length; i += 400) await tx.insert(table).values(rows.slice(i, i + 400))
}

/** A timeline event of the seed, as a service would have written it at `at`. */
export function event(s: SeedState, at: Date, e: Omit<Event, 'workspaceId' | 'id' | 'occurredAt'>): void {
  s.events.push({ workspaceId: s.workspaceId, id: s.r.uuid(at.getTime()), occurredAt: at, ...e })
}

export const daysAgo = (s: SeedState, min: number, max: number) =>
  new Date(s.now.getTime() - s.r.int(min, max) * DAY - s.r.int(0, DAY - 1))
