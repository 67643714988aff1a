import multipart from '@fastify/multipart'
import type { FastifyReply } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import * as z from 'zod'
import { requireCtx } from '../../http/context.ts'
import { problemSchema } from '../../http/errors.ts'
import { importOutput, importStartInput, importsListOutput } from './imports.schema.ts'
import {
  errorsCsv,
  getImport,
  importLimits,
  listImports,
  revertImport,
  startImport,
  type UploadPart,
  uploadImport,
} from './imports.service.ts'
// The background work of imports: registers the 'import' and 'import-revert' job kinds.
import './import.job.ts'
import './revert.job.ts'

const tags = ['Imports']
const idParams = z.object({ id: z.uuid() })
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema }

export const importsRoutes: FastifyPluginAsyncZod = async (app) => {
  // Multipart only for these routes; the size limit is set per request from importLimits.
  await app.register(multipart, { limits: { files: 1, fields: 10, parts: 20 } })

  app.post(
    '/imports',
    {
      schema: {
        tags,
        summary: 'Upload a CSV or vCard file to import',
        description:
          'multipart/form-data with the fields `object` (person or company) and `file` (at most 200 MB; ' +
          '413 beyond). The file is stored, its encoding (UTF-8 with or without BOM, UTF-16, Windows-1252), ' +
          'format, delimiter and source (Google Contacts, Outlook, HubSpot, vCard) are detected, its rows ' +
          'counted, and a mapping of its columns is suggested. Nothing is imported until `/start`.',
        consumes: ['multipart/form-data'],
        response: { 201: importOutput, 409: problemSchema, 413: problemSchema, ...errors },
      },
    },
    async (req, reply) => {
      const ctx = requireCtx(req)
      const parts = req.parts({ limits: { fileSize: importLimits.maxBytes } }) as AsyncIterable<UploadPart>
      return reply.status(201).send(await uploadImport(ctx, parts))
    },
  )

  app.get(
    '/imports',
    {
      schema: {
        tags,
        summary: 'List imports, newest first',
        response: { 200: importsListOutput, ...errors },
      },
    },
    (req) => listImports(requireCtx(req)),
  )

  app.get(
    '/imports/:id',
    {
      schema: {
        tags,
        summary: 'Get an import, with its progress',
        params: idParams,
        response: { 200: importOutput, ...errors },
      },
    },
    (req) => getImport(requireCtx(req), req.params.id),
  )

  app.post(
    '/imports/:id/start',
    {
      schema: {
        tags,
        summary: 'Start an uploaded import with a column mapping',
        description:
          'Targets (person): firstName lastName fullName jobTitle company companyDomain phone email owner tags ' +
          'custom.<key>; (company): name domain industry size city region country phone email owner tags ' +
          'custom.<key>. phone and email may take several columns. Runs as a background job (`jobId`); ' +
          'the import shows its counts as it goes.',
        params: idParams,
        body: importStartInput,
        response: { 202: importOutput, 409: problemSchema, ...errors },
      },
    },
    async (req, reply) => reply.status(202).send(await startImport(requireCtx(req), req.params.id, req.body)),
  )

  app.get(
    '/imports/:id/errors.csv',
    {
      schema: {
        tags,
        summary: 'The rows that failed, as CSV',
        description:
          'Each failed row with its cells as read, then `row` (as a spreadsheet numbers it, the header being ' +
          "row 1; a vCard's card number) and `error`.",
        params: idParams,
        response: {
          200: { description: 'The CSV file', content: { 'text/csv': { schema: z.string() } } },
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const csv = await errorsCsv(requireCtx(req), req.params.id)
      return sendCsv(reply, csv)
    },
  )

  app.post(
    '/imports/:id/revert',
    {
      schema: {
        tags,
        summary: 'Revert an import as a whole',
        description:
          'Deletes the people and companies the import created (moved to the trash instead when deals, ' +
          'activities or people now point at them) and gives the records it updated their previous values.',
        params: idParams,
        response: { 202: importOutput, 409: problemSchema, ...errors },
      },
    },
    async (req, reply) => reply.status(202).send(await revertImport(requireCtx(req), req.params.id)),
  )
}

// The untyped reply: a stream is sent as is, never through the serializer.
function sendCsv(reply: FastifyReply, csv: Awaited<ReturnType<typeof errorsCsv>>) {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${csv.filename}"`)
    .header('cache-control', 'no-store')
    .send(csv.body)
}
