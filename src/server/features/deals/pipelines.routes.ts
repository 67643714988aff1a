import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import * as z from 'zod'
import { requireCtx } from '../../http/context.ts'
import { problemSchema } from '../../http/errors.ts'
import { ifMatchHeaders, parseIfMatch, requireIfMatch, setVersion } from '../../http/versions.ts'
import { getBoard } from './board.service.ts'
import { boardOutput, boardQuery } from './deals.schema.ts'
import {
  pipelineCreateInput,
  pipelineOutput,
  pipelinesListOutput,
  pipelinesListQuery,
  pipelineUpdateInput,
} from './pipelines.schema.ts'
import {
  createPipeline,
  deletePipeline,
  getPipeline,
  listPipelines,
  restorePipeline,
  updatePipeline,
} from './pipelines.service.ts'

const tags = ['Pipelines']
const idParams = z.object({ id: z.uuid() })
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema }

export const pipelinesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/pipelines',
    {
      schema: {
        tags,
        summary: 'List pipelines with their stages in order',
        querystring: pipelinesListQuery,
        response: { 200: pipelinesListOutput, ...errors },
      },
    },
    (req) => listPipelines(requireCtx(req), req.query),
  )

  app.post(
    '/pipelines',
    {
      schema: {
        tags,
        summary: 'Create a pipeline (admins)',
        body: pipelineCreateInput,
        response: { 201: pipelineOutput, ...errors },
      },
    },
    async (req, reply) => {
      const pipeline = await createPipeline(requireCtx(req), req.body)
      setVersion(reply, pipeline.version)
      return reply.status(201).send(pipeline)
    },
  )

  app.get(
    '/pipelines/:id',
    {
      schema: {
        tags,
        summary: 'Get a pipeline',
        params: idParams,
        response: { 200: pipelineOutput, ...errors },
      },
    },
    async (req, reply) => {
      const pipeline = await getPipeline(requireCtx(req), req.params.id)
      setVersion(reply, pipeline.version)
      return pipeline
    },
  )

  app.patch(
    '/pipelines/:id',
    {
      schema: {
        tags,
        summary: 'Rename a pipeline and/or replace its stages (admins)',
        description:
          'Requires If-Match. `stages` is the whole ordered list: send `id` to keep a stage, leave it out ' +
          'to add one; a stage left out is removed (409 `stage_in_use` while deals are in it).',
        params: idParams,
        headers: ifMatchHeaders,
        body: pipelineUpdateInput,
        response: {
          200: pipelineOutput,
          409: problemSchema,
          412: problemSchema,
          428: problemSchema,
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const pipeline = await updatePipeline(
        requireCtx(req),
        req.params.id,
        requireIfMatch(req.headers['if-match']),
        req.body,
      )
      setVersion(reply, pipeline.version)
      return pipeline
    },
  )

  app.delete(
    '/pipelines/:id',
    {
      schema: {
        tags,
        summary: 'Move a pipeline to the trash (admins)',
        description:
          '409 `last_pipeline` for the only pipeline, 409 `pipeline_in_use` while it has open deals.',
        params: idParams,
        headers: ifMatchHeaders,
        response: { 200: pipelineOutput, 409: problemSchema, 412: problemSchema, ...errors },
      },
    },
    async (req, reply) => {
      const pipeline = await deletePipeline(
        requireCtx(req),
        req.params.id,
        parseIfMatch(req.headers['if-match']),
      )
      setVersion(reply, pipeline.version)
      return pipeline
    },
  )

  app.post(
    '/pipelines/:id/restore',
    {
      schema: {
        tags,
        summary: 'Restore a pipeline from the trash (admins)',
        params: idParams,
        headers: ifMatchHeaders,
        response: { 200: pipelineOutput, 412: problemSchema, ...errors },
      },
    },
    async (req, reply) => {
      const pipeline = await restorePipeline(
        requireCtx(req),
        req.params.id,
        parseIfMatch(req.headers['if-match']),
      )
      setVersion(reply, pipeline.version)
      return pipeline
    },
  )

  app.get(
    '/pipelines/:id/board',
    {
      schema: {
        tags: ['Deals'],
        summary: 'The kanban board: stages in order with their open deals and totals per currency',
        params: idParams,
        querystring: boardQuery,
        response: { 200: boardOutput, ...errors },
      },
    },
    (req) => getBoard(requireCtx(req), req.params.id, req.query),
  )
}
