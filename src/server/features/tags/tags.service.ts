import { uuidv7 } from 'uuidv7'
import type { DbOrTx } from '../../db/client.ts'
import type { Ctx } from '../../http/context.ts'
import { AppError, invalid, notFound, preconditionFailed } from '../../http/errors.ts'
import { assertCan } from '../../http/permissions.ts'
import {
  deleteTagEverywhere,
  existingTagIds,
  findTagByName,
  findTagRow,
  insertTagRow,
  presentTag,
  selectTags,
  type TagRow,
  updateTagRow,
} from './tags.queries.ts'
import type { Tag, TagCreateInput, TagUpdateInput } from './tags.schema.ts'

// Tag use cases. Members create tags while tagging records; renaming, recolouring and
// deleting change every tagged record of the team, so those are for admins.

export async function listTags(ctx: Ctx): Promise<{ data: Tag[] }> {
  assertCan(ctx, 'read')
  return { data: (await selectTags(ctx.db, ctx.workspace.id)).map(presentTag) }
}

export async function createTag(ctx: Ctx, input: TagCreateInput): Promise<Tag> {
  assertCan(ctx, 'write')
  return ctx.db.transaction(async (tx) => {
    const row = await insertTagRow(tx, {
      workspaceId: ctx.workspace.id,
      id: uuidv7(),
      name: input.name,
      color: input.color ?? 'slate',
    })
    if (!row) throw await duplicateName(tx, ctx, input.name)
    return presentTag(row)
  })
}

export async function updateTag(
  ctx: Ctx,
  id: string,
  expectedVersion: number,
  input: TagUpdateInput,
): Promise<Tag> {
  assertCan(ctx, 'manage')
  return ctx.db.transaction(async (tx) => {
    const current = await lockTag(tx, ctx, id)
    if (current.version !== expectedVersion) throw preconditionFailed()
    if (input.name !== undefined && input.name.toLowerCase() !== current.name.toLowerCase()) {
      const other = await findTagByName(tx, ctx.workspace.id, input.name)
      if (other) throw duplicate(other)
    }
    const row = await updateTagRow(tx, ctx.workspace.id, id, expectedVersion, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.color !== undefined ? { color: input.color } : {}),
    }).catch((err: unknown) => {
      // A concurrent rename took the name between the check and the write.
      if (isUniqueViolation(err)) throw new AppError(409, 'duplicate', 'A tag with this name already exists')
      throw err
    })
    if (!row) throw preconditionFailed()
    return presentTag(row)
  })
}

/** Deletes the tag and removes it from every record that carries it. */
export async function deleteTag(ctx: Ctx, id: string, expectedVersion: number | null): Promise<void> {
  assertCan(ctx, 'manage')
  await ctx.db.transaction(async (tx) => {
    const current = await lockTag(tx, ctx, id)
    if (expectedVersion !== null && current.version !== expectedVersion) throw preconditionFailed()
    await deleteTagEverywhere(tx, ctx.workspace.id, id)
  })
}

/**
 * The `tagIds` of a record input, each once, in the order given: 400 `tagIds` when one
 * is not a tag of this workspace (another workspace's tag looks the same as none).
 */
export async function resolveTagIds(db: DbOrTx, ctx: Ctx, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)]
  const found = await existingTagIds(db, ctx.workspace.id, unique)
  if (found.size !== unique.length) {
    throw invalid([{ field: 'tagIds', code: 'not_found', message: 'No such tag in this workspace' }])
  }
  return unique
}

async function lockTag(tx: DbOrTx, ctx: Ctx, id: string): Promise<TagRow> {
  const row = await findTagRow(tx, ctx.workspace.id, id, true)
  if (!row) throw notFound('Tag')
  return row
}

async function duplicateName(tx: DbOrTx, ctx: Ctx, name: string) {
  const existing = await findTagByName(tx, ctx.workspace.id, name)
  // Only an id collision is left, and ids are generated here: practically never.
  if (!existing) return new AppError(409, 'id_taken', 'Try again')
  return duplicate(existing)
}

/** PostgreSQL's unique_violation, whether the driver error comes bare or wrapped by Drizzle. */
function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } } | null
  return e?.code === '23505' || e?.cause?.code === '23505'
}

const duplicate = (existing: TagRow) =>
  new AppError(
    409,
    'duplicate',
    `A tag named ${existing.name} already exists`,
    [{ field: 'name', code: 'duplicate', message: `A tag named ${existing.name} already exists` }],
    { existing: presentTag(existing) },
  )
