import type { FastifyError, FastifyInstance } from 'fastify'
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod'
import * as z from 'zod'

// The one error type of the app. Services throw it; the handler below renders every
// error once, as RFC 9457 application/problem+json with a stable `code`.
export type FieldError = { field: string; code: string; message: string }

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: FieldError[] = [],
    /** Extra members of the problem body, e.g. `existing` for a duplicate. */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message)
  }
}

export const notFound = (what = 'Resource') => new AppError(404, 'not_found', `${what} not found`)
export const forbidden = (message = 'You do not have permission to do this') =>
  new AppError(403, 'forbidden', message)
export const unauthorized = () => new AppError(401, 'unauthorized', 'Sign in to continue')
export const conflict = (code: string, message: string, errors: FieldError[] = []) =>
  new AppError(409, code, message, errors)
export const preconditionFailed = () =>
  new AppError(412, 'version_mismatch', 'The record was changed by someone else; reload it and try again')
export const invalid = (errors: FieldError[]) =>
  new AppError(400, 'validation_failed', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors)

/** The problem+json body, also used as the OpenAPI schema of every error response. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string().optional(),
    errors: z
      .array(z.object({ field: z.string(), code: z.string(), message: z.string() }))
      .optional()
      .describe('Field-level errors; `field` is a dotted path such as `phones.0.number`'),
    existing: z
      .object({ id: z.string(), name: z.string() })
      .optional()
      .describe('For code `duplicate`: the record that already has this phone or email'),
  })
  .meta({ id: 'Problem' })

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
}

export function problem(
  status: number,
  code: string,
  detail?: string,
  errors?: FieldError[],
  extra: Record<string, unknown> = {},
) {
  return {
    ...extra,
    type: `about:blank`,
    title: titles[status] ?? 'Error',
    status,
    code,
    ...(detail ? { detail } : {}),
    ...(errors?.length ? { errors } : {}),
  }
}

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof AppError) {
      if (err.status === 401 || err.status === 403) {
        // Denied requests are logged with who and where (ASVS 16); never bodies or tokens.
        request.log.warn(
          {
            event: 'denied',
            code: err.code,
            userId: request.session?.userId,
            workspaceId: request.ctx?.workspace.id,
          },
          `denied: ${request.method} ${request.routeOptions.url ?? request.url}`,
        )
      }
      return reply
        .status(err.status)
        .type('application/problem+json')
        .send(problem(err.status, err.code, err.message, err.errors, err.extra))
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const errors = err.validation.map((v) => ({
        field: fieldPath(v.instancePath, v.params),
        code: v.keyword,
        message: v.message ?? 'Invalid value',
      }))
      return reply
        .status(400)
        .type('application/problem+json')
        .send(problem(400, 'validation_failed', `Invalid ${err.validationContext ?? 'request'}`, errors))
    }
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500
    if (status === 500) request.log.error({ err }, 'unhandled error')
    // Client errors from Fastify itself (bad JSON, too large, wrong content type) keep
    // their message; a 500 never shows internals.
    const detail = status === 500 ? 'Something went wrong on our side' : err.message
    const code = status === 500 ? 'internal' : (err.code ?? 'bad_request').toLowerCase()
    return reply
      .status(status)
      .type('application/problem+json')
      .send(problem(status, code, detail))
  })
}

// "/phones/0/number" → "phones.0.number"; unknown keys name themselves.
function fieldPath(instancePath: string, params: unknown): string {
  const base = instancePath.replace(/^\//, '').replaceAll('/', '.')
  const keys = (params as { keys?: string[] } | undefined)?.keys
  if (keys?.length) return [base, keys[0]].filter(Boolean).join('.')
  return base || '(body)'
}
