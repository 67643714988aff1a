import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import * as z from 'zod'
import { requireCtx } from '../../http/context.ts'
import { problemSchema } from '../../http/errors.ts'
import { ifMatchHeaders, parseIfMatch, requireIfMatch, setVersion } from '../../http/versions.ts'
import { tagCreateInput, tagOutput, tagsListOutput, tagUpdateInput } from './tags.schema.ts'
import { createTag, deleteTag, listTags, updateTag } from './tags.service.ts'

const tags = ['Tags']
const idParams = z.object({ id: z.uuid() })
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema }
// A duplicate name answers with the tag that already has it, so the client can use it.
const duplicateProblem = problemSchema
  .extend({ existing: tagOutput.optional().describe('For code `duplicate`: the tag with this name') })
  .meta({ id: 'TagProblem' })

export const tagsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/tags',
    {
      schema: {
        tags,
        summary: 'List the tags of the workspace, by name',
        response: { 200: tagsListOutput, ...errors },
      },
    },
    (req) => listTags(requireCtx(req)),
  )

  app.post(
    '/tags',
    {
      schema: {
        tags,
        summary: 'Create a tag',
        description: 'A name another tag has (case-insensitively) answers 409 `duplicate` with `existing`.',
        body: tagCreateInput,
        response: { 201: tagOutput, 409: duplicateProblem, ...errors },
      },
    },
    async (req, reply) => {
      const tag = await createTag(requireCtx(req), req.body)
      setVersion(reply, tag.version)
      return reply.status(201).send(tag)
    },
  )

  app.patch(
    '/tags/:id',
    {
      schema: {
        tags,
        summary: 'Rename or recolour a tag (admins)',
        description: 'Requires If-Match. A name another tag has answers 409 `duplicate`.',
        params: idParams,
        headers: ifMatchHeaders,
        body: tagUpdateInput,
        response: {
          200: tagOutput,
          409: duplicateProblem,
          412: problemSchema,
          428: problemSchema,
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const tag = await updateTag(
        requireCtx(req),
        req.params.id,
        requireIfMatch(req.headers['if-match']),
        req.body,
      )
      setVersion(reply, tag.version)
      return tag
    },
  )

  app.delete(
    '/tags/:id',
    {
      schema: {
        tags,
        summary: 'Delete a tag and remove it from every record (admins)',
        params: idParams,
        headers: ifMatchHeaders,
        response: { 204: z.null(), 412: problemSchema, ...errors },
      },
    },
    async (req, reply) => {
      await deleteTag(requireCtx(req), req.params.id, parseIfMatch(req.headers['if-match']))
      return reply.status(204).send(null)
    },
  )
}
