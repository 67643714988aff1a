import { uuidv7 } from 'uuidv7'
import type { DbOrTx } from '../../db/client.ts'
import type { Labels } from '../../db/schema/organize.ts'
import type { Ctx } from '../../http/context.ts'
import { AppError, type FieldError, invalid, notFound, preconditionFailed } from '../../http/errors.ts'
import { assertCan } from '../../http/permissions.ts'
import {
  findCustomFieldRow,
  insertCustomFieldRow,
  liveFieldStats,
  presentCustomField,
  purgeCustomField,
  selectCustomFields,
  takenKeys,
  updateCustomFieldRow,
} from './custom-fields.queries.ts'
import {
  type CustomField,
  type CustomFieldCreateInput,
  type CustomFieldObject,
  type CustomFieldsListQuery,
  type CustomFieldType,
  type CustomFieldUpdateInput,
  KEY_MAX,
  MAX_FIELDS_PER_OBJECT,
} from './custom-fields.schema.ts'

// Custom field definitions. Everyone reads them (forms and lists need them); only admins
// change them, since a field is part of every record of the team. A field's key, type and
// object never change: values, filters and exports rely on them.

const SELECT_TYPES: CustomFieldType[] = ['select', 'multiSelect']

export async function listCustomFields(ctx: Ctx, query: CustomFieldsListQuery) {
  assertCan(ctx, 'read')
  const rows = await selectCustomFields(ctx.db, ctx.workspace.id, query.object, { archived: query.archived })
  return { data: rows.map(presentCustomField) }
}

export async function createCustomField(ctx: Ctx, input: CustomFieldCreateInput): Promise<CustomField> {
  assertCan(ctx, 'manage')
  const options = checkOptions(input.type, input.options)
  return ctx.db.transaction(async (tx) => {
    const stats = await liveFieldStats(tx, ctx.workspace.id, input.object)
    if (stats.count >= MAX_FIELDS_PER_OBJECT) throw tooMany()
    const taken = await takenKeys(tx, ctx.workspace.id, input.object)
    if (input.key && taken.has(input.key)) {
      throw new AppError(409, 'duplicate', 'Another field already has this key', [
        { field: 'key', code: 'duplicate', message: 'Another field already has this key' },
      ])
    }
    const row = await insertCustomFieldRow(tx, {
      workspaceId: ctx.workspace.id,
      id: uuidv7(),
      object: input.object,
      key: input.key ?? uniqueKey(deriveKey(input.labels.en), taken),
      type: input.type,
      labels: input.labels,
      options,
      position: stats.maxPosition === null ? 0 : Math.min(stats.maxPosition + 1, 32767),
    })
    // Only a concurrent create of the same key gets here.
    if (!row) throw new AppError(409, 'duplicate', 'Another field already has this key; try again')
    return presentCustomField(row)
  })
}

export async function updateCustomField(
  ctx: Ctx,
  id: string,
  expectedVersion: number,
  input: CustomFieldUpdateInput,
): Promise<CustomField> {
  assertCan(ctx, 'manage')
  return ctx.db.transaction(async (tx) => {
    const current = await lockField(tx, ctx, id)
    if (current.version !== expectedVersion) throw preconditionFailed()
    const options =
      input.options === undefined ? undefined : checkOptions(current.type as CustomFieldType, input.options)
    const row = await updateCustomFieldRow(tx, ctx.workspace.id, id, expectedVersion, {
      ...(input.labels ? { labels: input.labels } : {}),
      ...(options ? { options } : {}),
      ...(input.position !== undefined ? { position: input.position } : {}),
    })
    if (!row) throw preconditionFailed()
    return presentCustomField(row)
  })
}

/** Archives a field: hidden everywhere, its values kept on the records until a purge. */
export async function archiveCustomField(ctx: Ctx, id: string, expectedVersion: number | null) {
  return setArchived(ctx, id, expectedVersion, true)
}

export async function restoreCustomField(ctx: Ctx, id: string, expectedVersion: number | null) {
  return setArchived(ctx, id, expectedVersion, false)
}

async function setArchived(
  ctx: Ctx,
  id: string,
  expectedVersion: number | null,
  archived: boolean,
): Promise<CustomField> {
  assertCan(ctx, 'manage')
  return ctx.db.transaction(async (tx) => {
    const current = await lockField(tx, ctx, id)
    if (expectedVersion !== null && current.version !== expectedVersion) throw preconditionFailed()
    if (!!current.archivedAt === archived) return presentCustomField(current)
    if (!archived) {
      const stats = await liveFieldStats(tx, ctx.workspace.id, current.object as CustomFieldObject)
      if (stats.count >= MAX_FIELDS_PER_OBJECT) throw tooMany()
    }
    const row = await updateCustomFieldRow(tx, ctx.workspace.id, id, current.version, {
      archivedAt: archived ? new Date() : null,
    })
    if (!row) throw preconditionFailed()
    return presentCustomField(row)
  })
}

/** Deletes an archived field for good: its values leave every record, then the definition. */
export async function purgeField(ctx: Ctx, id: string, expectedVersion: number | null): Promise<void> {
  assertCan(ctx, 'manage')
  await ctx.db.transaction(async (tx) => {
    const current = await lockField(tx, ctx, id)
    if (expectedVersion !== null && current.version !== expectedVersion) throw preconditionFailed()
    if (!current.archivedAt) {
      throw new AppError(409, 'not_archived', 'Archive the field before deleting it for good')
    }
    await purgeCustomField(tx, current)
  })
}

async function lockField(tx: DbOrTx, ctx: Ctx, id: string) {
  const row = await findCustomFieldRow(tx, ctx.workspace.id, id, true)
  if (!row) throw notFound('Custom field')
  return row
}

const tooMany = () =>
  new AppError(409, 'too_many_fields', `At most ${MAX_FIELDS_PER_OBJECT} custom fields per record type`)

/**
 * A key from a label: lowercase ASCII letters, digits and _, at most 40 characters,
 * starting with a letter ("Budget (ETB)" → "budget_etb"; "በጀት" → "field").
 */
export function deriveKey(label: string): string {
  const key = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+/, '')
    .slice(0, KEY_MAX)
    .replace(/_+$/, '')
  return key || 'field'
}

/** `base`, or `base_2`, `base_3`… — the first one not taken, still at most 40 characters. */
export function uniqueKey(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base
  for (let n = 2; ; n++) {
    const suffix = `_${n}`
    const key = `${base.slice(0, KEY_MAX - suffix.length).replace(/_+$/, '')}${suffix}`
    if (!taken.has(key)) return key
  }
}

/**
 * The options of a select or multi-select field: 1–100, keys unique. An option keeps the
 * key it is sent with; a new one gets a key derived from its English label. Other types
 * take no options.
 */
function checkOptions(
  type: CustomFieldType,
  input: { key?: string | undefined; labels: Labels }[] | undefined,
): { key: string; labels: Labels }[] {
  if (!SELECT_TYPES.includes(type)) {
    if (input?.length) {
      throw invalid([{ field: 'options', code: 'not_allowed', message: 'Only select fields have options' }])
    }
    return []
  }
  if (!input?.length) {
    throw invalid([{ field: 'options', code: 'required', message: 'Give the field at least one option' }])
  }
  const errors: FieldError[] = []
  const given = new Set<string>()
  input.forEach((o, i) => {
    if (!o.key) return
    if (given.has(o.key)) {
      errors.push({ field: `options.${i}.key`, code: 'duplicate', message: 'Two options have this key' })
    }
    given.add(o.key)
  })
  if (errors.length) throw invalid(errors)
  const taken = new Set(given)
  return input.map((o) => {
    if (o.key) return { key: o.key, labels: o.labels }
    const key = uniqueKey(deriveKey(o.labels.en), taken)
    taken.add(key)
    return { key, labels: o.labels }
  })
}
