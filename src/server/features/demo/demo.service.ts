import type { Ctx } from '../../http/context.ts'
import { assertCan } from '../../http/permissions.ts'
import { type DemoCounts, seedDemo } from './seed.ts'

/** Loads the demo data into the caller's workspace: admins and owners only, empty workspaces only. */
export async function loadDemoData(ctx: Ctx): Promise<DemoCounts> {
  assertCan(ctx, 'manage')
  return seedDemo(ctx.db, ctx.workspace.id, ctx.userId)
}
