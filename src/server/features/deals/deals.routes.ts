import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import * as z from 'zod'
import { requireCtx } from '../../http/context.ts'
import { problemSchema } from '../../http/errors.ts'
import { ifMatchHeaders, parseIfMatch, requireIfMatch, setVersion } from '../../http/versions.ts'
import { listCountOutput } from '../filters/filter.schema.ts'
import { timelineOutput, timelineQuery } from '../timeline/timeline.schema.ts'
import { moveDeal } from './board.service.ts'
import {
  dealCreateInput,
  dealMoveInput,
  dealOutput,
  dealsListOutput,
  dealsListQuery,
  dealUpdateInput,
} from './deals.schema.ts'
import {
  countDeals,
  createDeal,
  dealTimeline,
  deleteDeal,
  getDeal,
  listDeals,
  restoreDeal,
  updateDeal,
} from './deals.service.ts'

const tags = ['Deals']
const idParams = z.object({ id: z.uuid() })
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema }
const writeErrors = { 409: problemSchema, 412: problemSchema, 428: problemSchema, ...errors }

export const dealsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/deals',
    {
      schema: {
        tags,
        summary: 'List deals (keyset-paginated)',
        querystring: dealsListQuery,
        response: { 200: dealsListOutput, ...errors },
      },
    },
    (req) => listDeals(requireCtx(req), req.query),
  )

  app.get(
    '/deals/count',
    {
      schema: {
        tags,
        summary: 'Count the deals of a list (up to 10,000)',
        description: 'Takes the list parameters. `capped: true` means 10,000 or more.',
        querystring: dealsListQuery,
        response: { 200: listCountOutput, ...errors },
      },
    },
    (req) => countDeals(requireCtx(req), req.query),
  )

  app.post(
    '/deals',
    {
      schema: {
        tags,
        summary: 'Create a deal',
        description:
          'Goes to the bottom of its stage. `stageId` must belong to `pipelineId` (400 naming `stageId`); ' +
          '`personId` and `companyId` must exist in the workspace (400 naming the field).',
        body: dealCreateInput,
        response: { 200: dealOutput, 201: dealOutput, 409: problemSchema, ...errors },
      },
    },
    async (req, reply) => {
      const { deal, created } = await createDeal(requireCtx(req), req.body)
      setVersion(reply, deal.version)
      return reply.status(created ? 201 : 200).send(deal)
    },
  )

  app.get(
    '/deals/:id',
    { schema: { tags, summary: 'Get a deal', params: idParams, response: { 200: dealOutput, ...errors } } },
    async (req, reply) => {
      const deal = await getDeal(requireCtx(req), req.params.id)
      setVersion(reply, deal.version)
      return deal
    },
  )

  app.patch(
    '/deals/:id',
    {
      schema: {
        tags,
        summary: 'Update a deal',
        description:
          'Requires If-Match; a stale version answers 412 and changes nothing. Changing the stage puts the ' +
          'deal at the bottom of the new column; a won or lost stage (or status) sets `closedAt`.',
        params: idParams,
        headers: ifMatchHeaders,
        body: dealUpdateInput,
        response: { 200: dealOutput, ...writeErrors },
      },
    },
    async (req, reply) => {
      const deal = await updateDeal(
        requireCtx(req),
        req.params.id,
        requireIfMatch(req.headers['if-match']),
        req.body,
      )
      setVersion(reply, deal.version)
      return deal
    },
  )

  app.post(
    '/deals/:id/move',
    {
      schema: {
        tags,
        summary: 'Move a deal on the board (stage and place in the column)',
        description:
          'Requires If-Match or `version`. Records a `stage_changed` timeline event when the stage changes; ' +
          'a won or lost stage closes the deal (a lost one needs `lostReason`).',
        params: idParams,
        headers: ifMatchHeaders,
        body: dealMoveInput,
        response: { 200: dealOutput, ...writeErrors },
      },
    },
    async (req, reply) => {
      const deal = await moveDeal(
        requireCtx(req),
        req.params.id,
        parseIfMatch(req.headers['if-match']),
        req.body,
      )
      setVersion(reply, deal.version)
      return deal
    },
  )

  app.delete(
    '/deals/:id',
    {
      schema: {
        tags,
        summary: 'Move a deal to the trash',
        params: idParams,
        headers: ifMatchHeaders,
        response: { 200: dealOutput, 412: problemSchema, ...errors },
      },
    },
    async (req, reply) => {
      const deal = await deleteDeal(requireCtx(req), req.params.id, parseIfMatch(req.headers['if-match']))
      setVersion(reply, deal.version)
      return deal
    },
  )

  app.post(
    '/deals/:id/restore',
    {
      schema: {
        tags,
        summary: 'Restore a deal from the trash',
        params: idParams,
        headers: ifMatchHeaders,
        response: { 200: dealOutput, 409: problemSchema, 412: problemSchema, ...errors },
      },
    },
    async (req, reply) => {
      const deal = await restoreDeal(requireCtx(req), req.params.id, parseIfMatch(req.headers['if-match']))
      setVersion(reply, deal.version)
      return deal
    },
  )

  app.get(
    '/deals/:id/timeline',
    {
      schema: {
        tags,
        summary: "A deal's timeline, newest first",
        params: idParams,
        querystring: timelineQuery,
        response: { 200: timelineOutput, ...errors },
      },
    },
    (req) => dealTimeline(requireCtx(req), req.params.id, req.query),
  )
}
