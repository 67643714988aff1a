import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { requireCtx } from '../../http/context.ts'
import { problemSchema } from '../../http/errors.ts'
import { assertCan } from '../../http/permissions.ts'
import { listFields } from './fields.ts'
import { fieldsOutput, fieldsQuery } from './filter.schema.ts'

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema }

export const fieldsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/fields',
    {
      schema: {
        tags: ['Lists'],
        summary: 'The fields a list can filter, sort and show',
        description:
          'Built-in fields first (the web app translates their labels from the key), then the ' +
          'non-archived custom fields as `custom.<key>`. The type decides the filter operators.',
        querystring: fieldsQuery,
        response: { 200: fieldsOutput, ...errors },
      },
    },
    async (req) => {
      const ctx = requireCtx(req)
      assertCan(ctx, 'read')
      return { data: await listFields(ctx, req.query.object) }
    },
  )
}
