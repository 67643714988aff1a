import { eq } from 'drizzle-orm'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { Db } from '../../db/client.ts'
import { users } from '../../db/schema/index.ts'
import { AppError, conflict, invalid, problem, problemSchema } from '../../http/errors.ts'
import { meOutput } from '../workspaces/workspaces.schema.ts'
import { createWorkspace, getMe, setActiveWorkspace } from '../workspaces/workspaces.service.ts'
import { signInInput, signUpInput } from './auth.schema.ts'
import { type Auth, CLIENT_IP_HEADER } from './auth.ts'
import { isCommonPassword } from './passwords.ts'
import { clearAccountFailures, recordSignInFailure, signInBlockedFor } from './signin-throttle.ts'

/** Forwards /api/auth/* to better-auth, throttling failed sign-ins on the way. */
export function mountBetterAuth(app: FastifyInstance, auth: Auth, db: Db) {
  app.route({
    method: ['GET', 'POST'],
    url: '/api/auth/*',
    schema: { hide: true },
    async handler(request, reply) {
      const isSignIn = request.method === 'POST' && request.url.startsWith('/api/auth/sign-in/email')
      const email = isSignIn ? (signInInput.safeParse(request.body).data?.email ?? '') : ''
      if (isSignIn) {
        const retry = await signInBlockedFor(db, email, request.ip)
        if (retry > 0) {
          request.log.warn({ event: 'sign_in_throttled', ip: request.ip }, 'sign-in throttled')
          return reply
            .status(429)
            .header('retry-after', String(retry))
            .type('application/problem+json')
            .send(problem(429, 'too_many_attempts', 'Too many failed sign-ins. Try again later.'))
        }
      }
      const response = await auth.handler(toFetchRequest(request))
      if (isSignIn) {
        if (response.status === 401) {
          await recordSignInFailure(db, email, request.ip)
          request.log.warn({ event: 'sign_in_failed', ip: request.ip }, 'sign-in failed')
        } else if (response.ok) {
          await clearAccountFailures(db, email)
          request.log.info({ event: 'sign_in', ip: request.ip }, 'signed in')
        }
      }
      return sendFetchResponse(reply, response)
    },
  })
}

export function authRoutes(auth: Auth, db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/signup',
      {
        schema: {
          tags: ['Account'],
          summary: 'Create an account and its first workspace',
          body: signUpInput,
          response: { 201: meOutput, 400: problemSchema, 409: problemSchema },
        },
      },
      async (request, reply) => {
        const { workspace, ...account } = request.body
        if (isCommonPassword(account.password)) {
          throw invalid([
            { field: 'password', code: 'common_password', message: 'This password is too common' },
          ])
        }
        const res = await auth.api
          .signUpEmail({ body: account, headers: authHeaders(request), returnHeaders: true })
          .catch((err: { statusCode?: number; body?: { code?: string } }) => {
            if (err.body?.code?.includes('USER_ALREADY_EXISTS')) {
              throw conflict('email_taken', 'An account with this email exists', [
                {
                  field: 'email',
                  code: 'email_taken',
                  message: 'An account with this email exists; sign in instead',
                },
              ])
            }
            throw err
          })
        const userId = res.response.user.id
        let workspaceId: string | null = null
        if (workspace) {
          try {
            const session = await auth.api.getSession({ headers: cookieHeaders(res.headers) })
            if (!session) throw new AppError(500, 'internal', 'No session after sign-up')
            workspaceId = await db.transaction(async (tx) => {
              const ws = await createWorkspace(tx, userId, workspace)
              await tx.update(users).set({ locale: workspace.locale }).where(eq(users.id, userId))
              await setActiveWorkspace(tx, session.session.id, ws.id)
              return ws.id
            })
          } catch (err) {
            // Nothing half-written: without its workspace the account goes too.
            await db.delete(users).where(eq(users.id, userId))
            throw err
          }
        }
        for (const cookie of res.headers.getSetCookie()) reply.header('set-cookie', cookie)
        request.log.info({ event: 'sign_up', userId }, 'account created')
        const me = await getMe(db, { userId, activeWorkspaceId: workspaceId })
        return reply.status(201).send(me)
      },
    )
  }
}

// The client IP comes from Fastify (socket, or proxy when TRUST_PROXY), never from a
// header the client could set itself.
function authHeaders(request: FastifyRequest): Headers {
  const headers = new Headers()
  for (const [key, value] of Object.entries(request.headers)) {
    if (value === undefined || key === CLIENT_IP_HEADER || key === 'x-forwarded-for') continue
    headers.set(key, Array.isArray(value) ? value.join(', ') : value)
  }
  headers.set(CLIENT_IP_HEADER, request.ip)
  return headers
}

function toFetchRequest(request: FastifyRequest): Request {
  const url = new URL(request.url, 'http://localhost')
  const headers = authHeaders(request)
  const body = request.body === undefined ? undefined : JSON.stringify(request.body)
  if (body) headers.set('content-type', 'application/json')
  headers.delete('content-length')
  return new Request(`http://${request.headers.host ?? 'localhost'}${url.pathname}${url.search}`, {
    method: request.method,
    headers,
    body: request.method === 'GET' ? undefined : body,
  })
}

async function sendFetchResponse(reply: FastifyReply, response: Response) {
  reply.status(response.status)
  response.headers.forEach((value, key) => {
    if (key !== 'set-cookie' && key !== 'content-length') reply.header(key, value)
  })
  for (const cookie of response.headers.getSetCookie()) reply.header('set-cookie', cookie)
  return reply.send(response.body ? await response.text() : null)
}

// Turns the Set-Cookie answers of a sign-up into a Cookie header to read the new session.
function cookieHeaders(headers: Headers): Headers {
  const cookie = headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
  return new Headers({ cookie })
}
