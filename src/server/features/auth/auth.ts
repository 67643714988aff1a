import { betterAuth } from 'better-auth'
import { drizzleAdapter } from 'better-auth/adapters/drizzle'
import type { FastifyBaseLogger } from 'fastify'
import { uuidv7 } from 'uuidv7'
import type { Config } from '../../config.ts'
import type { Db } from '../../db/client.ts'
import { accounts, sessions, users, verifications } from '../../db/schema/index.ts'
import { hashPassword, PASSWORD_MAX, PASSWORD_MIN, verifyPassword } from './passwords.ts'

// better-auth owns identity: users, password hashes, sessions and their cookies.
// Workspaces, memberships and invitations are Kiungo's own tables (features/workspaces),
// because every tenant table keys on workspace_id and invitations are links, not emails.
export const CLIENT_IP_HEADER = 'x-kiungo-client-ip'

export function createAuth(config: Config, db: Db, logger: FastifyBaseLogger) {
  return betterAuth({
    // better-auth's own messages go to the app's pino logger, not to the console.
    logger: { log: (level, message) => logger[level]({ source: 'better-auth' }, message) },
    appName: 'Kiungo',
    baseURL: config.baseUrl,
    basePath: '/api/auth',
    secret: config.secret,
    trustedOrigins: [new URL(config.baseUrl).origin],
    telemetry: { enabled: false },
    database: drizzleAdapter(db, {
      provider: 'pg',
      schema: { user: users, session: sessions, account: accounts, verification: verifications },
    }),
    emailAndPassword: {
      enabled: true,
      autoSignIn: true,
      minPasswordLength: PASSWORD_MIN,
      maxPasswordLength: PASSWORD_MAX,
      revokeSessionsOnPasswordReset: true,
      password: { hash: hashPassword, verify: verifyPassword },
    },
    user: { additionalFields: { locale: { type: 'string', required: false, input: false } } },
    session: {
      // Sessions last 7 days and slide forward once a day while used ("remember me" by
      // default: people use Kiungo on their own phones); sign-out ends them server-side.
      expiresIn: 60 * 60 * 24 * 7,
      updateAge: 60 * 60 * 24,
      additionalFields: { activeWorkspaceId: { type: 'string', required: false, input: false } },
    },
    // Failed sign-ins are throttled per account and per IP by signin-throttle.ts, in the
    // database, so every app process shares the counts.
    rateLimit: { enabled: false },
    advanced: {
      cookiePrefix: 'kiungo',
      useSecureCookies: config.secureCookies,
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax', secure: config.secureCookies },
      // joins: the session and its user come back in one statement on every request.
      database: { generateId: () => uuidv7(), joins: true },
      // The HTTP layer puts the client IP (from the socket, or the proxy when TRUST_PROXY)
      // in this header and strips any copy the client sent.
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
    },
  })
}

export type Auth = ReturnType<typeof createAuth>
