import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { requireCtx } from '../../http/context.ts'
import { problemSchema } from '../../http/errors.ts'
import { jobOutput, jobParams } from './jobs.schema.ts'
import { getJob } from './jobs.ts'

const tags = ['Jobs']
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema }

export const jobsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/jobs/:id',
    {
      schema: {
        tags,
        summary: 'Get a background job (progress of a bulk action or an import)',
        params: jobParams,
        response: { 200: jobOutput, ...errors },
      },
    },
    (req) => getJob(requireCtx(req), req.params.id),
  )
}
