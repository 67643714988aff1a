import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import * as z from 'zod'
import { requireCtx } from '../../http/context.ts'
import { problemSchema } from '../../http/errors.ts'
import { ifMatchHeaders, parseIfMatch, requireIfMatch, setVersion } from '../../http/versions.ts'
import { viewCreateInput, viewOutput, viewsListOutput, viewsQuery, viewUpdateInput } from './views.schema.ts'
import {
  clearDefaultView,
  createView,
  deleteView,
  listViews,
  setDefaultView,
  updateView,
} from './views.service.ts'

const tags = ['Views']
const idParams = z.object({ id: z.uuid() })
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema }

export const viewsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/views',
    {
      schema: {
        tags,
        summary: 'Saved views of a list: shared ones first, then mine, each by name',
        querystring: viewsQuery,
        response: { 200: viewsListOutput, ...errors },
      },
    },
    async (req) => ({ data: await listViews(requireCtx(req), req.query.object) }),
  )

  app.post(
    '/views',
    {
      schema: {
        tags,
        summary: 'Save a view',
        description:
          'Anyone may keep personal views; `shared: true` needs the member role. The state is ' +
          'checked against the list: unknown fields or bad filters answer 400 naming `state.filters.N.*`.',
        body: viewCreateInput,
        response: { 201: viewOutput, ...errors },
      },
    },
    async (req, reply) => {
      const view = await createView(requireCtx(req), req.body)
      setVersion(reply, view.version)
      return reply.status(201).send(view)
    },
  )

  // Static segment: the router prefers it to `/views/:id` whatever the order.
  app.delete(
    '/views/default',
    {
      schema: {
        tags,
        summary: 'Go back to no default view for a list',
        querystring: viewsQuery,
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      await clearDefaultView(requireCtx(req), req.query.object)
      return reply.status(204).send(null)
    },
  )

  app.patch(
    '/views/:id',
    {
      schema: {
        tags,
        summary: 'Rename, share or change a view',
        description: 'Requires If-Match. Its owner may change it; an admin may change a shared view.',
        params: idParams,
        headers: ifMatchHeaders,
        body: viewUpdateInput,
        response: { 200: viewOutput, 412: problemSchema, 428: problemSchema, ...errors },
      },
    },
    async (req, reply) => {
      const view = await updateView(
        requireCtx(req),
        req.params.id,
        requireIfMatch(req.headers['if-match']),
        req.body,
      )
      setVersion(reply, view.version)
      return view
    },
  )

  app.delete(
    '/views/:id',
    {
      schema: {
        tags,
        summary: 'Delete a view',
        params: idParams,
        headers: ifMatchHeaders,
        response: { 204: z.null(), 412: problemSchema, ...errors },
      },
    },
    async (req, reply) => {
      await deleteView(requireCtx(req), req.params.id, parseIfMatch(req.headers['if-match']))
      return reply.status(204).send(null)
    },
  )

  app.put(
    '/views/:id/default',
    {
      schema: {
        tags,
        summary: 'Make a view my default for its list',
        params: idParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      await setDefaultView(requireCtx(req), req.params.id)
      return reply.status(204).send(null)
    },
  )
}
