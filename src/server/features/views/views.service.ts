import { uuidv7 } from 'uuidv7'
import type { Ctx } from '../../http/context.ts'
import { forbidden, notFound, preconditionFailed } from '../../http/errors.ts'
import { assertCan, can } from '../../http/permissions.ts'
import { compileFilters } from '../filters/conditions.ts'
import { catalogFor, TABLES } from '../filters/fields.ts'
import type { FieldObject } from '../filters/filter.schema.ts'
import { planSort } from '../filters/sort.ts'
import {
  deleteDefault,
  deleteViewRow,
  dropOthersDefaults,
  findViewRow,
  insertViewRow,
  selectVisibleViews,
  updateViewRow,
  upsertDefault,
  type ViewWithOwner,
} from './views.queries.ts'
import type { View, ViewCreateInput, ViewState, ViewUpdateInput } from './views.schema.ts'

// Saved views. Anyone may keep personal views (viewers too: a view changes no record);
// sharing one with the workspace takes the member role. A view is changed by its owner,
// or, when shared, by an admin. Views others keep personal do not exist for you (404).

/** Owner (a shared one only while they may still write), or an admin for a shared view. */
function canEdit(ctx: Ctx, v: ViewWithOwner): boolean {
  if (v.ownerId === ctx.userId) return !v.shared || can(ctx.role, 'write')
  return v.shared && can(ctx.role, 'manage')
}

function present(ctx: Ctx, v: ViewWithOwner): View {
  return {
    id: v.id,
    object: v.object as FieldObject,
    name: v.name,
    shared: v.shared,
    owner: { id: v.ownerId, name: v.ownerName },
    isDefault: v.isDefault,
    canEdit: canEdit(ctx, v),
    version: v.version,
    state: v.state as ViewState,
  }
}

/** A view's filters and sort must make sense for its list (fields, operators, values). */
async function assertStateFits(ctx: Ctx, object: FieldObject, state: ViewState) {
  const keys = [...state.filters.map((f) => f.field), ...(state.sort ? [state.sort.replace(/^-/, '')] : [])]
  const fields = await catalogFor(ctx, object, keys)
  compileFilters(ctx, object, state.filters, fields, 'state.filters')
  if (state.sort) planSort(fields, state.sort, TABLES[object].id, 'state.sort')
}

async function visibleView(ctx: Ctx, id: string): Promise<ViewWithOwner> {
  const view = await findViewRow(ctx.db, ctx.workspace.id, ctx.userId, id)
  if (!view || (!view.shared && view.ownerId !== ctx.userId)) throw notFound('View')
  return view
}

export async function listViews(ctx: Ctx, object: FieldObject): Promise<View[]> {
  assertCan(ctx, 'read')
  const rows = await selectVisibleViews(ctx.db, ctx.workspace.id, ctx.userId, object)
  return rows.map((v) => present(ctx, v))
}

export async function createView(ctx: Ctx, input: ViewCreateInput): Promise<View> {
  assertCan(ctx, input.shared ? 'write' : 'read')
  await assertStateFits(ctx, input.object, input.state)
  const id = uuidv7()
  await insertViewRow(ctx.db, {
    workspaceId: ctx.workspace.id,
    id,
    object: input.object,
    name: input.name,
    ownerId: ctx.userId,
    shared: input.shared,
    state: input.state,
  })
  return present(ctx, (await findViewRow(ctx.db, ctx.workspace.id, ctx.userId, id))!)
}

export async function updateView(
  ctx: Ctx,
  id: string,
  expectedVersion: number,
  input: ViewUpdateInput,
): Promise<View> {
  assertCan(ctx, 'read')
  const view = await visibleView(ctx, id)
  if (!canEdit(ctx, view)) throw forbidden('Only its owner or an admin can change this view')
  if (input.shared && !view.shared) assertCan(ctx, 'write')
  if (view.version !== expectedVersion) throw preconditionFailed()
  if (input.state) await assertStateFits(ctx, view.object as FieldObject, input.state)
  await ctx.db.transaction(async (tx) => {
    const updated = await updateViewRow(tx, ctx.workspace.id, id, expectedVersion, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.shared !== undefined ? { shared: input.shared } : {}),
      ...(input.state !== undefined ? { state: input.state } : {}),
    })
    if (!updated) throw preconditionFailed()
    if (view.shared && input.shared === false)
      await dropOthersDefaults(tx, ctx.workspace.id, id, view.ownerId)
  })
  return present(ctx, (await findViewRow(ctx.db, ctx.workspace.id, ctx.userId, id))!)
}

export async function deleteView(ctx: Ctx, id: string, expectedVersion: number | null): Promise<void> {
  assertCan(ctx, 'read')
  const view = await visibleView(ctx, id)
  if (!canEdit(ctx, view)) throw forbidden('Only its owner or an admin can delete this view')
  if (expectedVersion !== null && view.version !== expectedVersion) throw preconditionFailed()
  await deleteViewRow(ctx.db, ctx.workspace.id, id)
}

/** My default view for the view's list: any view I can see. */
export async function setDefaultView(ctx: Ctx, id: string): Promise<void> {
  assertCan(ctx, 'read')
  const view = await visibleView(ctx, id)
  await upsertDefault(ctx.db, {
    workspaceId: ctx.workspace.id,
    userId: ctx.userId,
    object: view.object,
    viewId: id,
  })
}

export async function clearDefaultView(ctx: Ctx, object: FieldObject): Promise<void> {
  assertCan(ctx, 'read')
  await deleteDefault(ctx.db, ctx.workspace.id, ctx.userId, object)
}
