import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Db } from '../db/client.ts'
import type { Auth } from '../features/auth/auth.ts'
import type { Role } from '../features/workspaces/regions.ts'
import type { WorkspaceRow } from '../features/workspaces/workspaces.queries.ts'
import { findMembership } from '../features/workspaces/workspaces.queries.ts'
import { AppError, unauthorized } from './errors.ts'
import { selectSessionScope, unsignedToken } from './session.ts'

/** Who is asking, in which workspace, with which role: the first argument of every service. */
export type Ctx = {
  db: Db
  userId: string
  workspace: WorkspaceRow
  role: Role
}

export type SessionInfo = {
  userId: string
  sessionId: string
  activeWorkspaceId: string | null
  /** Read with the session by the fast path; undefined when better-auth read the session. */
  membership?: { workspace: WorkspaceRow; role: Role } | null
}

declare module 'fastify' {
  interface FastifyRequest {
    session: SessionInfo | null
    ctx: Ctx | null
  }
}

/**
 * Reads the session from the cookie; null when signed out. A live session not yet due for
 * its daily refresh is read with the caller's workspace in one statement (session.ts);
 * anything else goes through better-auth's getSession, which refreshes or ends it.
 */
export function sessionReader(auth: Auth, db: Db) {
  const { expiresIn = 0, updateAge = 0 } = auth.options.session ?? {}
  const secret = auth.options.secret ?? ''
  let cookieName: string | null = null
  return async (request: FastifyRequest): Promise<SessionInfo | null> => {
    cookieName ??= (await auth.$context).authCookies.sessionToken.name
    const token = secret ? unsignedToken(request.headers.cookie, cookieName, secret) : null
    const found = token ? await selectSessionScope(db, token) : null
    const now = Date.now()
    const expires = found?.expiresAt.getTime() ?? 0
    if (found && expires > now && expires - expiresIn * 1000 + updateAge * 1000 > now) {
      const { sessionId, userId, activeWorkspaceId, membership } = found
      return { sessionId, userId, activeWorkspaceId, membership }
    }
    return readSessionWithBetterAuth(auth, request)
  }
}

async function readSessionWithBetterAuth(auth: Auth, request: FastifyRequest): Promise<SessionInfo | null> {
  const headers = new Headers()
  if (request.headers.cookie) headers.set('cookie', request.headers.cookie)
  const result = await auth.api.getSession({ headers })
  if (!result) return null
  const active = (result.session as { activeWorkspaceId?: string | null }).activeWorkspaceId ?? null
  return { userId: result.user.id, sessionId: result.session.id, activeWorkspaceId: active }
}

export function requireSession(request: FastifyRequest): SessionInfo {
  if (!request.session) throw unauthorized()
  return request.session
}

export function requireCtx(request: FastifyRequest): Ctx {
  if (!request.ctx) throw unauthorized()
  return request.ctx
}

/**
 * preHandler for workspace-scoped routes: resolves the session's active workspace and
 * checks membership. A user without a workspace gets 409 `no_workspace` (the web app
 * sends them to onboarding).
 */
export function workspaceScope(db: Db) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const session = requireSession(request)
    const found =
      session.membership !== undefined
        ? session.membership
        : await findMembership(db, session.userId, session.activeWorkspaceId)
    if (!found) throw new AppError(409, 'no_workspace', 'Create or join a workspace first')
    request.ctx = { db, userId: session.userId, workspace: found.workspace, role: found.role }
  }
}
