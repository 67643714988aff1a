import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import * as z from 'zod'
import type { Db } from '../../db/client.ts'
import { requireCtx, requireSession } from '../../http/context.ts'
import { problemSchema } from '../../http/errors.ts'
import { ifMatchHeaders, requireIfMatch, setVersion } from '../../http/versions.ts'
import {
  acceptInvitation,
  createInvitation,
  listInvitations,
  previewInvitation,
  revokeInvitation,
} from './invitations.service.ts'
import {
  invitationOutput,
  invitationPreview,
  inviteRoleSchema,
  memberOutput,
  meOutput,
  meUpdateInput,
  roleSchema,
  workspaceOutput,
  workspaceSettingsInput,
  workspaceUpdateInput,
} from './workspaces.schema.ts'
import {
  changeMemberRole,
  createWorkspace,
  getMe,
  getMembers,
  presentWorkspace,
  removeMember,
  setActiveWorkspace,
  setUserLocale,
  switchWorkspace,
  updateWorkspace,
} from './workspaces.service.ts'

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema }
const tokenParams = z.object({ token: z.string().min(10).max(100) })

/** Routes that need no sign-in. */
export function publicWorkspaceRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/invitations/:token',
      {
        schema: {
          tags: ['Workspaces'],
          summary: 'What an invitation link offers',
          params: tokenParams,
          response: { 200: invitationPreview, ...errors },
        },
      },
      (req) => previewInvitation(db, req.params.token),
    )
  }
}

/** Routes for a signed-in user, with or without a workspace yet. */
export function accountRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['Account']
    app.get(
      '/me',
      {
        schema: {
          tags,
          summary: 'The signed-in user and workspaces',
          response: { 200: meOutput, ...errors },
        },
      },
      (req) => {
        const session = requireSession(req)
        return getMe(db, session, session.membership)
      },
    )

    app.patch(
      '/me',
      {
        schema: {
          tags,
          summary: 'Set my language',
          body: meUpdateInput,
          response: { 200: meOutput, ...errors },
        },
      },
      async (req) => {
        const session = requireSession(req)
        await setUserLocale(db, session.userId, req.body.locale)
        return getMe(db, session)
      },
    )

    app.post(
      '/workspaces',
      {
        schema: {
          tags,
          summary: 'Create another workspace (and switch to it)',
          body: workspaceSettingsInput,
          response: { 201: meOutput, ...errors },
        },
      },
      async (req, reply) => {
        const session = requireSession(req)
        const ws = await db.transaction(async (tx) => {
          const created = await createWorkspace(tx, session.userId, req.body)
          await setActiveWorkspace(tx, session.sessionId, created.id)
          return created
        })
        return reply.status(201).send(await getMe(db, { ...session, activeWorkspaceId: ws.id }))
      },
    )

    app.post(
      '/session/workspace',
      {
        schema: {
          tags,
          summary: 'Switch the workspace this session works in',
          body: z.object({ workspaceId: z.uuid() }).strict(),
          response: { 200: meOutput, ...errors },
        },
      },
      async (req) => {
        const session = requireSession(req)
        await switchWorkspace(db, session, req.body.workspaceId)
        return getMe(db, { ...session, activeWorkspaceId: req.body.workspaceId })
      },
    )

    app.post(
      '/invitations/:token/accept',
      {
        schema: {
          tags: ['Workspaces'],
          summary: 'Join the workspace of an invitation link',
          params: tokenParams,
          response: { 200: meOutput, ...errors },
        },
      },
      async (req) => {
        const session = requireSession(req)
        const { workspaceId } = await acceptInvitation(db, session, req.params.token)
        return getMe(db, { ...session, activeWorkspaceId: workspaceId })
      },
    )
  }
}

/** Routes about the current workspace: settings, members, invitations. */
export function workspaceRoutes(baseUrl: string): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['Workspaces']
    app.patch(
      '/workspace',
      {
        schema: {
          tags,
          summary: 'Change workspace settings (admins)',
          headers: ifMatchHeaders,
          body: workspaceUpdateInput,
          response: { 200: workspaceOutput, 412: problemSchema, 428: problemSchema, ...errors },
        },
      },
      async (req, reply) => {
        const row = await updateWorkspace(requireCtx(req), requireIfMatch(req.headers['if-match']), req.body)
        setVersion(reply, row.version)
        return presentWorkspace(row)
      },
    )

    app.get(
      '/workspace/members',
      {
        schema: {
          tags,
          summary: 'Members and their roles',
          response: { 200: z.array(memberOutput), ...errors },
        },
      },
      (req) => getMembers(requireCtx(req)),
    )

    const memberParams = z.object({ userId: z.string().min(1).max(64) })
    app.patch(
      '/workspace/members/:userId',
      {
        schema: {
          tags,
          summary: "Change a member's role (admins; owners for owners)",
          params: memberParams,
          body: z.object({ role: roleSchema }).strict(),
          response: { 204: z.null(), ...errors },
        },
      },
      async (req, reply) => {
        await changeMemberRole(requireCtx(req), req.params.userId, req.body.role)
        return reply.status(204).send(null)
      },
    )

    app.delete(
      '/workspace/members/:userId',
      {
        schema: {
          tags,
          summary: 'Remove a member, or leave',
          params: memberParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (req, reply) => {
        await removeMember(requireCtx(req), req.params.userId)
        return reply.status(204).send(null)
      },
    )

    app.get(
      '/workspace/invitations',
      {
        schema: {
          tags,
          summary: 'Invitation links (admins)',
          response: { 200: z.array(invitationOutput), ...errors },
        },
      },
      (req) => listInvitations(requireCtx(req)),
    )

    app.post(
      '/workspace/invitations',
      {
        schema: {
          tags,
          summary: 'Create an invitation link with a role (admins)',
          body: z.object({ role: inviteRoleSchema }).strict(),
          response: { 201: invitationOutput, ...errors },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await createInvitation(requireCtx(req), baseUrl, req.body.role)),
    )

    app.delete(
      '/workspace/invitations/:id',
      {
        schema: {
          tags,
          summary: 'Revoke an invitation link',
          params: z.object({ id: z.uuid() }),
          response: { 204: z.null(), ...errors },
        },
      },
      async (req, reply) => {
        await revokeInvitation(requireCtx(req), req.params.id)
        return reply.status(204).send(null)
      },
    )
  }
}
