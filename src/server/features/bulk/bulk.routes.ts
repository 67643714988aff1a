import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { requireCtx } from '../../http/context.ts'
import { problemSchema } from '../../http/errors.ts'
import {
  activitiesBulkInput,
  bulkDoneOutput,
  bulkInput,
  bulkQueuedOutput,
  dealsBulkInput,
} from './bulk.schema.ts'
import { runBulk } from './bulk.service.ts'

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema }
const response = { 200: bulkDoneOutput, 202: bulkQueuedOutput, ...errors }
const description =
  'Up to 200 matching records are changed in the request (200 `{done, total}`); more become a ' +
  'background job (202 `{jobId}`, follow it at `GET /jobs/{id}`). Records of other workspaces ' +
  'are never touched; records already in the target state are counted but not changed.'

export const bulkRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/people/bulk',
    {
      schema: {
        tags: ['People'],
        summary: 'Change many people at once',
        description,
        body: bulkInput,
        response,
      },
    },
    async (req, reply) => {
      const result = await runBulk(requireCtx(req), 'person', req.body)
      return 'jobId' in result ? reply.status(202).send(result) : result
    },
  )
  app.post(
    '/companies/bulk',
    {
      schema: {
        tags: ['Companies'],
        summary: 'Change many companies at once',
        description,
        body: bulkInput,
        response,
      },
    },
    async (req, reply) => {
      const result = await runBulk(requireCtx(req), 'company', req.body)
      return 'jobId' in result ? reply.status(202).send(result) : result
    },
  )
  app.post(
    '/deals/bulk',
    {
      schema: {
        tags: ['Deals'],
        summary: 'Change many deals at once',
        description: `${description} \`moveStage\` moves the deals of the stage’s pipeline; a lost stage needs \`lostReason\`.`,
        body: dealsBulkInput,
        response,
      },
    },
    async (req, reply) => {
      const result = await runBulk(requireCtx(req), 'deal', req.body)
      return 'jobId' in result ? reply.status(202).send(result) : result
    },
  )
  app.post(
    '/activities/bulk',
    {
      schema: {
        tags: ['Activities'],
        summary: 'Change many activities at once',
        description:
          `${description} \`assign\` and \`setDone\` change tasks only: the notes, calls and meetings ` +
          'selected are counted in `skipped` (and in the job’s `result.skipped`) and left as they are.',
        body: activitiesBulkInput,
        response,
      },
    },
    async (req, reply) => {
      const result = await runBulk(requireCtx(req), 'activity', req.body)
      return 'jobId' in result ? reply.status(202).send(result) : result
    },
  )
}
