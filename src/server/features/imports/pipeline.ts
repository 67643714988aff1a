import { sql } from 'drizzle-orm'
import { type Db, type DbOrTx, pgliteOf } from '../../db/client.ts'
import type { Counts, PreparedBatch } from './batch.ts'

// How the import job writes its batches. Every batch is one transaction holding its
// records, its row log, the import's counters and the job checkpoint.
//
// Sequential (PGlite, which has one connection, and 'update' imports, which read and lock
// existing records: in flight together, a batch could wait for a lock a later one holds):
// one batch at a time, its lookup and new companies inside its transaction.
//
// Pipelined (PostgreSQL, 'skip' and 'create'): two batches in flight on two pool
// connections, so the database works on both cores while Node reads the next batch.
// - A batch's first step (lookup, decisions, new tags and companies) runs on its own,
//   after the previous batch's first step, outside any transaction: what it creates is
//   committed at once. Later batches only point at committed companies, and no batch
//   transaction inserts a tag (whose unique name could make a batch wait for a later one).
// - Its lookup cannot see the people of batches still in flight: their created keys are
//   passed to decide() as if they existed, so a repeat across batches is still skipped.
// - Its records are written in its transaction while the previous batch's are; it writes
//   the counters and the checkpoint, then commits, only once the previous batch has
//   committed. Commits happen in batch order and the checkpoint only moves forward. A
//   batch waits for the one before it, never the other way round, and before that wait
//   it holds no lock the previous batch needs (foreign-key checks take KEY SHARE locks,
//   which an UPDATE of the imports row does not wait for): no deadlock.
// - A failed batch fails every later one (they wait for its commit), so nothing commits
//   after a batch that did not.

/** Test hooks, inside each batch transaction (throw to simulate a crash). */
export const importHooks: {
  /** After the batch's records are written, before it waits for the batch before it. */
  afterWrite?: (batch: number) => void | Promise<void>
  /** Before the batch's counters and checkpoint are written and it commits. */
  beforeCommit?: (batch: number) => void | Promise<void>
} = {}

export type BatchSteps<R> = {
  /** Lookup and decisions (see people-batch.ts). `pending`: created keys of batches still in flight. */
  prepare(db: DbOrTx, rows: R[], pending: Map<string, string>[]): Promise<PreparedBatch>
  /** In the batch's transaction, last: the import's counters and the job checkpoint. */
  finish(tx: DbOrTx, batch: PreparedBatch, counts: Counts): Promise<void>
}

/** Two batch transactions at once need two connections: a PostgreSQL pool, not PGlite. */
export const hasPool = (db: Db) => !pgliteOf(db)

const ignore = () => {}

// A batch commits without waiting for its WAL to reach the disk. Should PostgreSQL itself
// crash, the last batches are lost together with their checkpoint (same transaction) and
// the resumed job writes them again: nothing is lost or written twice, and no batch waits
// for a disk flush (the next batch waits for this commit).
const relaxedCommit = (tx: DbOrTx) => tx.execute(sql`set local synchronous_commit = off`)

export function batchWriter<R>(db: Db, pipelined: boolean, steps: BatchSteps<R>) {
  const depth = pipelined ? 2 : 1
  // Started batches not yet awaited, oldest first; each answers its last row once committed.
  const inFlight: Promise<number>[] = []
  let lastPrepare: Promise<unknown> = Promise.resolve()
  let lastCommit: Promise<unknown> = Promise.resolve()
  // Created keys of the batches whose commit has not been seen yet.
  const pending = new Set<Map<string, string>>()
  let started = 0

  const sequential = (rows: R[], no: number) =>
    db.transaction(async (tx) => {
      await relaxedCommit(tx)
      const batch = await steps.prepare(tx, rows, [])
      const counts = await batch.write(tx)
      await importHooks.afterWrite?.(no)
      await importHooks.beforeCommit?.(no)
      await steps.finish(tx, batch, counts)
      return batch.lastRow
    })

  const overlapped = (rows: R[], no: number) => {
    const previousPrepare = lastPrepare
    const previousCommit = lastCommit
    const prepared = (async () => {
      await previousPrepare
      const batch = await steps.prepare(db, rows, [...pending])
      pending.add(batch.created)
      return batch
    })()
    prepared.catch(ignore) // a failure reaches the caller through the commit below
    lastPrepare = prepared
    return (async () => {
      const batch = await prepared
      try {
        await db.transaction(async (tx) => {
          await relaxedCommit(tx)
          const counts = await batch.write(tx)
          await importHooks.afterWrite?.(no)
          // Throws when the previous batch failed: this one rolls back too.
          await previousCommit
          await importHooks.beforeCommit?.(no)
          await steps.finish(tx, batch, counts)
        })
      } finally {
        // Committed (now visible to every lookup) or failed (and every later batch with it).
        pending.delete(batch.created)
      }
      return batch.lastRow
    })()
  }

  return {
    /** Waits until another batch may start; answers the last row committed meanwhile, if any. */
    async room(): Promise<number | null> {
      let committed: number | null = null
      while (inFlight.length >= depth) committed = await inFlight.shift()!
      return committed
    },
    /** Starts writing a batch (call room() first). */
    start(rows: R[]) {
      const no = ++started
      const commit = pipelined ? overlapped(rows, no) : sequential(rows, no)
      commit.catch(ignore) // awaited in order by room() or drain(); this keeps it from going unhandled meanwhile
      inFlight.push(commit)
      lastCommit = commit
    },
    /** Waits for every batch; throws the first failure in batch order. Answers the last row committed. */
    async drain(): Promise<number | null> {
      let committed: number | null = null
      while (inFlight.length) committed = await inFlight.shift()!
      return committed
    },
    /** After a failure: waits until no batch is running any more, so no transaction stays open. */
    async settle() {
      for (const commit of inFlight.splice(0)) await commit.catch(ignore)
      await lastPrepare.catch(ignore)
    },
  }
}
