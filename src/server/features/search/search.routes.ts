import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { requireCtx } from '../../http/context.ts'
import { problemSchema } from '../../http/errors.ts'
import { searchOutput, searchQuery } from './search.schema.ts'
import { search } from './search.service.ts'

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema }

export const searchRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/search',
    {
      schema: {
        tags: ['Search'],
        summary: 'Search people, companies and deals',
        description:
          'Ranked hits per record type, best first: exact name, then name prefix, then a word starting ' +
          'with the term, then anywhere, then typos (pg_trgm). Phone numbers are read with the workspace ' +
          'country. Trashed records are left out.',
        querystring: searchQuery,
        response: { 200: searchOutput, ...errors },
      },
    },
    (req) => search(requireCtx(req), req.query),
  )
}
