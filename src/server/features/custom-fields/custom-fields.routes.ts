import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import * as z from 'zod'
import { requireCtx } from '../../http/context.ts'
import { problemSchema } from '../../http/errors.ts'
import { ifMatchHeaders, parseIfMatch, requireIfMatch, setVersion } from '../../http/versions.ts'
import {
  customFieldCreateInput,
  customFieldDeleteQuery,
  customFieldOutput,
  customFieldsListOutput,
  customFieldsListQuery,
  customFieldUpdateInput,
} from './custom-fields.schema.ts'
import {
  archiveCustomField,
  createCustomField,
  listCustomFields,
  purgeField,
  restoreCustomField,
  updateCustomField,
} from './custom-fields.service.ts'

const tags = ['Custom fields']
const idParams = z.object({ id: z.uuid() })
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema }

export const customFieldsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/custom-fields',
    {
      schema: {
        tags,
        summary: "An object's custom fields, by position",
        querystring: customFieldsListQuery,
        response: { 200: customFieldsListOutput, ...errors },
      },
    },
    (req) => listCustomFields(requireCtx(req), req.query),
  )

  app.post(
    '/custom-fields',
    {
      schema: {
        tags,
        summary: 'Add a custom field (admins)',
        description:
          'The key is derived from labels.en when absent (`Budget (ETB)` → `budget_etb`, then `_2`, `_3`…) ' +
          'and never changes. select and multiSelect need 1–100 options.',
        body: customFieldCreateInput,
        response: { 201: customFieldOutput, 409: problemSchema, ...errors },
      },
    },
    async (req, reply) => {
      const field = await createCustomField(requireCtx(req), req.body)
      setVersion(reply, field.version)
      return reply.status(201).send(field)
    },
  )

  app.patch(
    '/custom-fields/:id',
    {
      schema: {
        tags,
        summary: 'Relabel, change the options of or move a custom field (admins)',
        description: 'Requires If-Match. The type, key and object never change.',
        params: idParams,
        headers: ifMatchHeaders,
        body: customFieldUpdateInput,
        response: { 200: customFieldOutput, 412: problemSchema, 428: problemSchema, ...errors },
      },
    },
    async (req, reply) => {
      const field = await updateCustomField(
        requireCtx(req),
        req.params.id,
        requireIfMatch(req.headers['if-match']),
        req.body,
      )
      setVersion(reply, field.version)
      return field
    },
  )

  app.delete(
    '/custom-fields/:id',
    {
      schema: {
        tags,
        summary: 'Archive a custom field, or delete an archived one for good with purge=true (admins)',
        description:
          'Archiving hides the field from forms, lists and record outputs and keeps the values. ' +
          '`purge=true` (only for an archived field, else 409 `not_archived`) removes the values ' +
          'from every record, then the field.',
        params: idParams,
        querystring: customFieldDeleteQuery,
        headers: ifMatchHeaders,
        response: { 204: z.null(), 409: problemSchema, 412: problemSchema, ...errors },
      },
    },
    async (req, reply) => {
      const ctx = requireCtx(req)
      const version = parseIfMatch(req.headers['if-match'])
      if (req.query.purge) await purgeField(ctx, req.params.id, version)
      else await archiveCustomField(ctx, req.params.id, version)
      return reply.status(204).send(null)
    },
  )

  app.post(
    '/custom-fields/:id/restore',
    {
      schema: {
        tags,
        summary: 'Restore an archived custom field with its values (admins)',
        params: idParams,
        headers: ifMatchHeaders,
        response: { 200: customFieldOutput, 409: problemSchema, 412: problemSchema, ...errors },
      },
    },
    async (req, reply) => {
      const field = await restoreCustomField(
        requireCtx(req),
        req.params.id,
        parseIfMatch(req.headers['if-match']),
      )
      setVersion(reply, field.version)
      return field
    },
  )
}
