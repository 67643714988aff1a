import { and, asc, eq, type SQL, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../db/client.ts'
import { memberships, users, workspaces } from '../../db/schema/index.ts'
import type { Role } from './regions.ts'

export type WorkspaceRow = typeof workspaces.$inferSelect

/**
 * The order that picks the membership to work in: the `active` workspace while the user
 * is still a member there, then the oldest membership. findMembership() and the session
 * read (http/session.ts) both choose by it.
 */
export const activeFirst = (active: SQL | string | null) => [
  sql`(${memberships.workspaceId}::text = ${active}) desc`,
  asc(memberships.createdAt),
]

/** The membership to work in: the preferred workspace if the user belongs to it, else their first. */
export async function findMembership(
  db: DbOrTx,
  userId: string,
  preferredWorkspaceId: string | null,
): Promise<{ workspace: WorkspaceRow; role: Role } | null> {
  const rows = await db
    .select({ workspace: workspaces, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, userId))
    .orderBy(...activeFirst(preferredWorkspaceId))
    .limit(1)
  const row = rows[0]
  return row ? { workspace: row.workspace, role: row.role as Role } : null
}

export async function listUserWorkspaces(db: DbOrTx, userId: string) {
  return db
    .select({ id: workspaces.id, name: workspaces.name, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(workspaces.name))
}

export async function listMembers(db: DbOrTx, workspaceId: string) {
  return db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      joinedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId))
    .orderBy(asc(users.name))
}

export async function getRole(db: DbOrTx, workspaceId: string, userId: string): Promise<Role | null> {
  const rows = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
  return (rows[0]?.role as Role | undefined) ?? null
}

export const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s)
