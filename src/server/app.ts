import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import compress from '@fastify/compress'
import helmet from '@fastify/helmet'
import fastifyStatic from '@fastify/static'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod'
import type { Config } from './config.ts'
import type { Database } from './db/client.ts'
import { activitiesRoutes } from './features/activities/activities.routes.ts'
import { dashboardRoutes } from './features/analytics/dashboard.routes.ts'
import { forecastRoutes } from './features/analytics/forecast.routes.ts'
import { ratesRoutes } from './features/analytics/rates.routes.ts'
import { authRoutes, mountBetterAuth } from './features/auth/auth.routes.ts'
import { createAuth } from './features/auth/auth.ts'
import { bulkRoutes } from './features/bulk/bulk.routes.ts'
import { companiesRoutes } from './features/companies/companies.routes.ts'
import { customFieldsRoutes } from './features/custom-fields/custom-fields.routes.ts'
import { dealsRoutes } from './features/deals/deals.routes.ts'
import { pipelinesRoutes } from './features/deals/pipelines.routes.ts'
import { demoRoutes } from './features/demo/demo.routes.ts'
import { exportRoutes } from './features/export/export.routes.ts'
import { fieldsRoutes } from './features/filters/fields.routes.ts'
import { importsRoutes } from './features/imports/imports.routes.ts'
import { jobsRoutes } from './features/jobs/jobs.routes.ts'
import { peopleRoutes } from './features/people/people.routes.ts'
import { reportsRoutes } from './features/reports/reports.routes.ts'
import { searchRoutes } from './features/search/search.routes.ts'
import { tagsRoutes } from './features/tags/tags.routes.ts'
import { viewsRoutes } from './features/views/views.routes.ts'
import {
  accountRoutes,
  publicWorkspaceRoutes,
  workspaceRoutes,
} from './features/workspaces/workspaces.routes.ts'
import { requireSession, sessionReader, workspaceScope } from './http/context.ts'
import { csrfGuard } from './http/csrf.ts'
import { problem, registerErrorHandling } from './http/errors.ts'
import { responseSerializer } from './http/serializer.ts'

const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web')

export type AppOptions = {
  config: Config
  database: Database
  logger: FastifyBaseLogger
  /** Tests: check every response against its zod schema too (http/serializer.ts). */
  checkResponses?: boolean
}

/** Builds the whole app without listening, so tests drive it with `inject`. */
export async function buildApp({
  config,
  database,
  logger,
  checkResponses = false,
}: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: logger,
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>()
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(responseSerializer(checkResponses))
  app.decorateRequest('session', null)
  app.decorateRequest('ctx', null)
  registerErrorHandling(app)

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(config.secureCookies ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    hsts: config.secureCookies,
    crossOriginEmbedderPolicy: false,
  })
  await app.register(compress, { encodings: ['br', 'gzip'], threshold: 1024 })
  app.addHook('onRequest', csrfGuard(config.baseUrl))

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Kiungo API',
        version: '1',
        description: 'REST API of Kiungo, the CRM. Errors are application/problem+json.',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'kiungo.session_token' } },
      },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  })
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true })
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger())

  app.get('/healthz', { schema: { hide: true } }, () => ({ status: 'ok' }))
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    const ready = await database.ready().catch(() => false)
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready' })
  })

  const { db } = database
  const auth = createAuth(config, db, logger)
  mountBetterAuth(app, auth, db)
  const readSession = sessionReader(auth, db)

  await app.register(
    async (api) => {
      await api.register(authRoutes(auth, db))
      await api.register(publicWorkspaceRoutes(db))
      await api.register(async (signedIn) => {
        signedIn.addHook('preHandler', async (req) => {
          req.session = await readSession(req)
          requireSession(req)
        })
        await signedIn.register(accountRoutes(db))
        await signedIn.register(async (scoped) => {
          scoped.addHook('preHandler', workspaceScope(db))
          // Before the `/:id` routes for readability; the router prefers static segments anyway.
          await scoped.register(exportRoutes)
          await scoped.register(bulkRoutes)
          await scoped.register(peopleRoutes)
          await scoped.register(companiesRoutes)
          await scoped.register(pipelinesRoutes)
          await scoped.register(dealsRoutes)
          await scoped.register(activitiesRoutes)
          await scoped.register(searchRoutes)
          await scoped.register(fieldsRoutes)
          await scoped.register(viewsRoutes)
          await scoped.register(reportsRoutes)
          await scoped.register(jobsRoutes)
          await scoped.register(tagsRoutes)
          await scoped.register(customFieldsRoutes)
          await scoped.register(importsRoutes)
          await scoped.register(demoRoutes)
          await scoped.register(dashboardRoutes)
          await scoped.register(forecastRoutes)
          await scoped.register(ratesRoutes)
          await scoped.register(workspaceRoutes(config.baseUrl))
        })
      })
    },
    { prefix: '/api/v1' },
  )

  const hasWebApp = existsSync(webRoot)
  if (hasWebApp) await serveWebApp(app)
  app.setNotFoundHandler((request, reply) => {
    // Any other GET for a page (no file extension, not the API) is a deep link into the SPA.
    const pathname = request.url.split('?')[0]!
    if (hasWebApp && request.method === 'GET' && !pathname.startsWith('/api/') && !path.extname(pathname)) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html')
    }
    return reply
      .status(404)
      .type('application/problem+json')
      .send(problem(404, 'not_found', `No route ${pathname}`))
  })
  return app
}

// The built React app: hashed assets are cached for a year, index.html never.
async function serveWebApp(app: FastifyInstance) {
  await app.register(fastifyStatic, {
    root: webRoot,
    wildcard: false,
    setHeaders(reply, filePath) {
      const immutable = filePath.includes(`${path.sep}assets${path.sep}`)
      reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
    },
  })
}
