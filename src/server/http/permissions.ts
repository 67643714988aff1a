import type { Role } from '../features/workspaces/regions.ts'
import { getRole } from '../features/workspaces/workspaces.queries.ts'
import type { Ctx } from './context.ts'
import { forbidden, invalid } from './errors.ts'

// Authorization in one place. Services call these first, before reading input further
// or writing anything.
const RANK: Record<Role, number> = { viewer: 0, member: 1, admin: 2, owner: 3 }

export type Action = 'read' | 'write' | 'manage'

const NEEDS: Record<Action, Role> = { read: 'viewer', write: 'member', manage: 'admin' }

export function can(role: Role, action: Action): boolean {
  return RANK[role] >= RANK[NEEDS[action]]
}

export function assertCan(ctx: Ctx, action: Action): void {
  if (!can(ctx.role, action)) {
    throw forbidden(action === 'manage' ? 'Only admins can do this' : 'Viewers cannot change anything')
  }
}

/** Whether `actor` may give or take away `target`: only owners touch owners. */
export function canAssignRole(actor: Role, target: Role): boolean {
  return target === 'owner' ? actor === 'owner' : RANK[actor] >= RANK.admin
}

/** A record's owner (or a task's assignee) must be a member of the workspace. */
export async function assertMember(ctx: Ctx, userId: string | null, field = 'ownerId') {
  if (userId === null || userId === ctx.userId) return
  if (!(await getRole(ctx.db, ctx.workspace.id, userId))) {
    throw invalid([{ field, code: 'not_a_member', message: 'Must be a member of this workspace' }])
  }
}
