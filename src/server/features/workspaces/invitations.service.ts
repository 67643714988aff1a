import { createHash, randomBytes } from 'node:crypto'
import { and, desc, eq, isNull } from 'drizzle-orm'
import { uuidv7 } from 'uuidv7'
import type { Db } from '../../db/client.ts'
import { invitations, memberships, workspaces } from '../../db/schema/index.ts'
import type { Ctx } from '../../http/context.ts'
import { AppError, notFound } from '../../http/errors.ts'
import { assertCan } from '../../http/permissions.ts'
import { setActiveWorkspace } from './workspaces.service.ts'

// An invitation is a single-use link with a role, valid for 7 days. The token (128+
// bits) is shown once; only its SHA-256 is stored, so a database leak reveals no links.
const VALID_DAYS = 7

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

type InvitationRow = typeof invitations.$inferSelect
type InviteRole = 'admin' | 'member' | 'viewer'

function present(row: InvitationRow, url?: string) {
  return {
    id: row.id,
    role: row.role as InviteRole,
    expiresAt: row.expiresAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    acceptedAt: row.acceptedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    ...(url ? { url } : {}),
  }
}

export async function createInvitation(ctx: Ctx, baseUrl: string, role: InviteRole) {
  assertCan(ctx, 'manage')
  const token = randomBytes(24).toString('base64url')
  const [row] = await ctx.db
    .insert(invitations)
    .values({
      workspaceId: ctx.workspace.id,
      id: uuidv7(),
      tokenHash: hashToken(token),
      role,
      createdBy: ctx.userId,
      expiresAt: new Date(Date.now() + VALID_DAYS * 24 * 3600 * 1000),
    })
    .returning()
  return present(row!, `${baseUrl}/invite/${token}`)
}

export async function listInvitations(ctx: Ctx) {
  assertCan(ctx, 'manage')
  const rows = await ctx.db
    .select()
    .from(invitations)
    .where(eq(invitations.workspaceId, ctx.workspace.id))
    .orderBy(desc(invitations.createdAt))
    .limit(100)
  return rows.map((r) => present(r))
}

export async function revokeInvitation(ctx: Ctx, id: string) {
  assertCan(ctx, 'manage')
  const rows = await ctx.db
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(invitations.workspaceId, ctx.workspace.id),
        eq(invitations.id, id),
        isNull(invitations.acceptedAt),
      ),
    )
    .returning()
  if (!rows[0]) throw notFound('Invitation')
}

function usable(row: InvitationRow | undefined): row is InvitationRow {
  return !!row && !row.acceptedAt && !row.revokedAt && row.expiresAt.getTime() > Date.now()
}

const invitationGone = () =>
  new AppError(404, 'invitation_invalid', 'This invitation link is not valid any more. Ask for a new one.')

/** What the invite page shows before the visitor signs in or up. */
export async function previewInvitation(db: Db, token: string) {
  const [row] = await db
    .select({ inv: invitations, workspaceName: workspaces.name })
    .from(invitations)
    .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
    .where(eq(invitations.tokenHash, hashToken(token)))
  if (!row || !usable(row.inv)) throw invitationGone()
  return {
    workspaceName: row.workspaceName,
    role: row.inv.role as InviteRole,
    expiresAt: row.inv.expiresAt.toISOString(),
  }
}

/** Joins the signed-in user to the workspace; the lock makes a link usable exactly once. */
export async function acceptInvitation(
  db: Db,
  session: { userId: string; sessionId: string },
  token: string,
) {
  return db.transaction(async (tx) => {
    const [inv] = await tx
      .select()
      .from(invitations)
      .where(eq(invitations.tokenHash, hashToken(token)))
      .for('update')
    if (!usable(inv)) throw invitationGone()
    // Someone already in the workspace keeps their role; the link is still used up.
    await tx
      .insert(memberships)
      .values({ workspaceId: inv.workspaceId, userId: session.userId, role: inv.role })
      .onConflictDoNothing()
    await tx
      .update(invitations)
      .set({ acceptedAt: new Date(), acceptedBy: session.userId })
      .where(and(eq(invitations.workspaceId, inv.workspaceId), eq(invitations.id, inv.id)))
    await setActiveWorkspace(tx, session.sessionId, inv.workspaceId)
    return { workspaceId: inv.workspaceId }
  })
}
