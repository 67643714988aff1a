import type { FastifyReply } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import * as z from 'zod'
import { requireCtx } from '../../http/context.ts'
import { problemSchema } from '../../http/errors.ts'
import { companiesExportQuery, dealsExportQuery, peopleExportQuery } from './export.schema.ts'
import { type CsvExport, exportCompanies, exportDeals, exportPeople } from './export.service.ts'

// `GET /<list>/export.csv`: the list view's filters and sort as a streamed CSV download.
// A static segment, so Fastify's router picks it before `/<list>/:id` whatever the order.
const response = {
  200: { description: 'The CSV file', content: { 'text/csv': { schema: z.string() } } },
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
}
const description =
  'Streams `text/csv` (RFC 4180, UTF-8, CRLF), a header row then every row of the list with ' +
  "these filters and sort. Cells starting with `=`, `+`, `-`, `@`, tab or CR get a leading `'` " +
  'so spreadsheets do not run them as formulas. `excel=true` adds a UTF-8 byte-order mark.'

// Takes the untyped reply: the typed one only accepts the documented body (a string), and
// a stream is sent as is, never through the serializer. Returned, so that an async
// handler resolves with the reply and Fastify does not send an empty body over the stream.
function sendCsv(reply: FastifyReply, csv: CsvExport): FastifyReply {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${csv.filename}"`)
    .header('cache-control', 'no-store')
    .send(csv.body)
}

/** Waits for the columns and the first page, so a bad request still gets its 400. */
async function ready(csv: CsvExport): Promise<CsvExport> {
  await csv.ready
  return csv
}

export const exportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/people/export.csv',
    {
      schema: {
        tags: ['People'],
        summary: 'Export people as CSV',
        description,
        querystring: peopleExportQuery,
        response,
      },
    },
    async (req, reply) => sendCsv(reply, await ready(exportPeople(requireCtx(req), req.query))),
  )

  app.get(
    '/companies/export.csv',
    {
      schema: {
        tags: ['Companies'],
        summary: 'Export companies as CSV',
        description,
        querystring: companiesExportQuery,
        response,
      },
    },
    async (req, reply) => sendCsv(reply, await ready(exportCompanies(requireCtx(req), req.query))),
  )

  app.get(
    '/deals/export.csv',
    {
      schema: {
        tags: ['Deals'],
        summary: 'Export deals as CSV',
        description,
        querystring: dealsExportQuery,
        response,
      },
    },
    async (req, reply) => sendCsv(reply, await ready(exportDeals(requireCtx(req), req.query))),
  )
}
