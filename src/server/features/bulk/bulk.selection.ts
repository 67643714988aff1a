import { type SQL, sql } from 'drizzle-orm'
import type { Ctx } from '../../http/context.ts'
import { AppError } from '../../http/errors.ts'
import { listWhere } from '../filters/list-where.ts'
import { uuidArray } from './bulk.queries.ts'
import type { BulkObject, BulkSelection } from './bulk.schema.ts'

/**
 * The selection as a condition on the object's table: the ticked ids, or everything the
 * list shows with its search, filters and trash switch (the list's own WHERE, so a bulk
 * action always hits exactly the rows the list showed). Call it outside a transaction:
 * custom-field filters read their definitions.
 */
export async function selectionScope(ctx: Ctx, object: BulkObject, selection: BulkSelection): Promise<SQL> {
  if ('ids' in selection) return sql`id = any(${uuidArray([...new Set(selection.ids)])})`
  try {
    return await listWhere(ctx, object, {
      q: selection.q || undefined,
      filters: selection.filters ?? [],
      trashed: selection.trashed ?? false,
      pipelineId: 'pipelineId' in selection ? selection.pipelineId : undefined,
    })
  } catch (err) {
    // A bad filter is named where it sits in this body: `selection.filters.0.op`.
    if (err instanceof AppError && err.status === 400) {
      throw new AppError(
        400,
        err.code,
        err.message.replaceAll('filters.', 'selection.filters.'),
        err.errors.map((e) => ({ ...e, field: `selection.${e.field}` })),
        err.extra,
      )
    }
    throw err
  }
}
