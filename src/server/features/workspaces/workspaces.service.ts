import { and, eq, sql } from 'drizzle-orm'
import { uuidv7 } from 'uuidv7'
import type * as z from 'zod'
import type { Db, DbOrTx } from '../../db/client.ts'
import { allQueries } from '../../db/parallel.ts'
import { memberships, sessions, users, workspaces } from '../../db/schema/index.ts'
import type { Ctx } from '../../http/context.ts'
import { forbidden, invalid, notFound, preconditionFailed } from '../../http/errors.ts'
import { assertCan, canAssignRole } from '../../http/permissions.ts'
import { rebuildActivityDaily } from '../analytics/activity-daily.ts'
import { defaultPipeline } from '../deals/default-pipeline.ts'
import { insertPipeline } from '../deals/pipelines.service.ts'
import { COUNTRIES, type Locale, type Role } from './regions.ts'
import {
  findMembership,
  getRole,
  listMembers,
  listUserWorkspaces,
  type WorkspaceRow,
} from './workspaces.queries.ts'
import type { workspaceSettingsInput, workspaceUpdateInput } from './workspaces.schema.ts'

export function presentWorkspace(w: WorkspaceRow) {
  return {
    id: w.id,
    name: w.name,
    locale: w.locale as Locale,
    country: w.country,
    currency: w.currency,
    timeZone: w.timeZone,
    calendar: w.calendar as 'gregorian' | 'ethiopic',
    version: w.version,
    createdAt: w.createdAt.toISOString(),
  }
}

/** Creates a workspace with `userId` as its owner; the country sets currency and time zone. */
export async function createWorkspace(
  db: DbOrTx,
  userId: string,
  input: z.infer<typeof workspaceSettingsInput>,
): Promise<WorkspaceRow> {
  const defaults = COUNTRIES[input.country]
  const id = uuidv7()
  const [row] = await db
    .insert(workspaces)
    .values({ id, ...input, currency: defaults.currency, timeZone: defaults.timeZone })
    .returning()
  await db.insert(memberships).values({ workspaceId: id, userId, role: 'owner' })
  await insertPipeline(db, id, defaultPipeline(input.locale))
  return row!
}

export async function setActiveWorkspace(db: DbOrTx, sessionId: string, workspaceId: string) {
  await db.update(sessions).set({ activeWorkspaceId: workspaceId }).where(eq(sessions.id, sessionId))
}

export async function switchWorkspace(
  db: Db,
  session: { userId: string; sessionId: string },
  workspaceId: string,
) {
  const role = await getRole(db, workspaceId, session.userId)
  if (!role) throw notFound('Workspace')
  await setActiveWorkspace(db, session.sessionId, workspaceId)
}

/**
 * The signed-in user, their current workspace and role, and all their workspaces.
 * `membership`: the current one as the session read already found it (GET /me), so it is
 * not looked up again; left out after a switch or a sign-up, when it has just changed.
 */
export async function getMe(
  db: Db,
  session: { userId: string; activeWorkspaceId: string | null },
  membership?: Awaited<ReturnType<typeof findMembership>>,
) {
  const [[user], current, list] = await allQueries(db, [
    () => db.select().from(users).where(eq(users.id, session.userId)),
    () =>
      membership !== undefined
        ? Promise.resolve(membership)
        : findMembership(db, session.userId, session.activeWorkspaceId),
    () => listUserWorkspaces(db, session.userId),
  ])
  if (!user) throw notFound('User')
  return {
    user: { id: user.id, name: user.name, email: user.email, locale: (user.locale as Locale | null) ?? null },
    workspace: current ? presentWorkspace(current.workspace) : null,
    role: current?.role ?? null,
    workspaces: list.map((w) => ({ ...w, role: w.role as Role })),
  }
}

export async function setUserLocale(db: Db, userId: string, locale: Locale | null) {
  await db.update(users).set({ locale, updatedAt: new Date() }).where(eq(users.id, userId))
}

export async function updateWorkspace(
  ctx: Ctx,
  expectedVersion: number,
  input: z.infer<typeof workspaceUpdateInput>,
): Promise<WorkspaceRow> {
  assertCan(ctx, 'manage')
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select({ timeZone: workspaces.timeZone })
      .from(workspaces)
      .where(eq(workspaces.id, ctx.workspace.id))
      .for('update')
    const [row] = await tx
      .update(workspaces)
      .set({ ...input, version: sql`${workspaces.version} + 1`, updatedAt: new Date() })
      .where(and(eq(workspaces.id, ctx.workspace.id), eq(workspaces.version, expectedVersion)))
      .returning()
    if (!row) throw preconditionFailed()
    // Activities per day are days of the workspace zone: recount them in the new one.
    if (before && row.timeZone !== before.timeZone) await rebuildActivityDaily(tx, row.id)
    return row
  })
}

export async function getMembers(ctx: Ctx) {
  assertCan(ctx, 'read')
  const rows = await listMembers(ctx.db, ctx.workspace.id)
  return rows.map((m) => ({ ...m, role: m.role as Role, joinedAt: m.joinedAt.toISOString() }))
}

export async function changeMemberRole(ctx: Ctx, userId: string, role: Role) {
  assertCan(ctx, 'manage')
  await ctx.db.transaction(async (tx) => {
    const current = await getRole(tx, ctx.workspace.id, userId)
    if (!current) throw notFound('Member')
    if (!canAssignRole(ctx.role, current) || !canAssignRole(ctx.role, role))
      throw forbidden('Only owners can change owners')
    if (current === 'owner' && role !== 'owner') await assertAnotherOwner(tx, ctx.workspace.id, userId)
    await tx
      .update(memberships)
      .set({ role })
      .where(and(eq(memberships.workspaceId, ctx.workspace.id), eq(memberships.userId, userId)))
  })
}

export async function removeMember(ctx: Ctx, userId: string) {
  // Anyone may leave; removing somebody else takes an admin (and an owner for owners).
  if (userId !== ctx.userId) assertCan(ctx, 'manage')
  await ctx.db.transaction(async (tx) => {
    const current = await getRole(tx, ctx.workspace.id, userId)
    if (!current) throw notFound('Member')
    if (userId !== ctx.userId && !canAssignRole(ctx.role, current))
      throw forbidden('Only owners can remove owners')
    if (current === 'owner') await assertAnotherOwner(tx, ctx.workspace.id, userId)
    await tx
      .delete(memberships)
      .where(and(eq(memberships.workspaceId, ctx.workspace.id), eq(memberships.userId, userId)))
  })
}

// A workspace always keeps at least one owner. The row lock makes two concurrent
// demotions of the last two owners wait for each other.
async function assertAnotherOwner(tx: DbOrTx, workspaceId: string, leavingUserId: string) {
  const owners = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, 'owner')))
    .for('update')
  if (!owners.some((o) => o.userId !== leavingUserId)) {
    throw invalid([{ field: 'role', code: 'last_owner', message: 'A workspace needs at least one owner' }])
  }
}
