import { and, asc, eq, gte, lt } from 'drizzle-orm'
import { salesTargets } from '../../db/schema/index.ts'
import type { Ctx } from '../../http/context.ts'
import { invalid } from '../../http/errors.ts'
import { assertCan } from '../../http/permissions.ts'
import { getRole } from '../workspaces/workspaces.queries.ts'
import type { TargetInput } from './forecast.schema.ts'

// Monthly sales targets per owner, in minor units of the workspace currency. Admins set
// them; every member reads them (the forecast shows won vs target).

const present = (r: { userId: string; month: string; amountMinor: number }) => ({
  userId: r.userId,
  month: r.month.slice(0, 7),
  amountMinor: Number(r.amountMinor),
})

export async function listTargets(ctx: Ctx, year: number) {
  assertCan(ctx, 'read')
  const rows = await ctx.db
    .select({ userId: salesTargets.userId, month: salesTargets.month, amountMinor: salesTargets.amountMinor })
    .from(salesTargets)
    .where(
      and(
        eq(salesTargets.workspaceId, ctx.workspace.id),
        gte(salesTargets.month, `${year}-01-01`),
        lt(salesTargets.month, `${year + 1}-01-01`),
      ),
    )
    .orderBy(asc(salesTargets.month), asc(salesTargets.userId))
  return { data: rows.map(present) }
}

/** Sets (or, with 0, removes) one owner's target for one month. */
export async function putTarget(ctx: Ctx, input: TargetInput) {
  assertCan(ctx, 'manage')
  if (!(await getRole(ctx.db, ctx.workspace.id, input.userId))) {
    throw invalid([{ field: 'userId', code: 'not_a_member', message: 'Must be a member of this workspace' }])
  }
  const month = `${input.month}-01`
  const key = and(
    eq(salesTargets.workspaceId, ctx.workspace.id),
    eq(salesTargets.userId, input.userId),
    eq(salesTargets.month, month),
  )
  if (input.amountMinor === 0) {
    await ctx.db.delete(salesTargets).where(key)
  } else {
    const now = new Date()
    await ctx.db
      .insert(salesTargets)
      .values({ workspaceId: ctx.workspace.id, userId: input.userId, month, amountMinor: input.amountMinor })
      .onConflictDoUpdate({
        target: [salesTargets.workspaceId, salesTargets.userId, salesTargets.month],
        set: { amountMinor: input.amountMinor, updatedAt: now },
      })
  }
  return present({ userId: input.userId, month, amountMinor: input.amountMinor })
}
