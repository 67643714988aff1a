import type { FastifyReply } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import * as z from 'zod'
import { requireCtx } from '../../http/context.ts'
import { problemSchema } from '../../http/errors.ts'
import { ifMatchHeaders, parseIfMatch, requireIfMatch, setVersion } from '../../http/versions.ts'
import { datasetOutput } from '../analytics/dataset.schema.ts'
import { type ReportCsv, reportCsv, reportFields } from './report-output.ts'
import {
  reportCreateInput,
  reportCsvQuery,
  reportFieldsOutput,
  reportFieldsQuery,
  reportOutput,
  reportRunInput,
  reportsListOutput,
  reportUpdateInput,
} from './reports.schema.ts'
import {
  createReport,
  deleteReport,
  getReport,
  listPins,
  listReports,
  pinReport,
  reportResult,
  unpinReport,
  updateReport,
} from './reports.service.ts'
import { runReport } from './run.service.ts'

const tags = ['Reports']
const idParams = z.object({ id: z.uuid() })
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema }
const runDescription =
  'One aggregate over the records matching the filters (the list filter model), grouped by up to ' +
  'two fields; date fields in workspace-time-zone buckets (weeks start on Monday; keys `2026-03-02` ' +
  'for days and weeks, `2026-03` months, `2026-Q1` quarters, `2026` years). At most 500 groups ' +
  '(`truncated`), date buckets ascending, else the largest value first. Money is converted to the ' +
  'workspace currency with its exchange rates; amounts without a rate are left out and listed in ' +
  '`notConverted`. Each row has `drill`: list filters that open exactly its records.'

function sendCsv(reply: FastifyReply, csv: ReportCsv): FastifyReply {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${csv.filename}"`)
    .header('cache-control', 'no-store')
    .send(csv.body)
}

export const reportsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/reports/fields',
    {
      schema: {
        tags,
        summary: 'The fields a report on an object can group by and measure',
        querystring: reportFieldsQuery,
        response: { 200: reportFieldsOutput, ...errors },
      },
    },
    async (req) => ({ data: await reportFields(requireCtx(req), req.query.object) }),
  )

  app.post(
    '/reports/run',
    {
      schema: {
        tags,
        summary: 'Run a report definition without saving it',
        description: runDescription,
        body: reportRunInput,
        response: { 200: datasetOutput, ...errors },
      },
    },
    async (req) => runReport(requireCtx(req), req.body.definition),
  )

  app.get(
    '/reports',
    {
      schema: {
        tags,
        summary: 'My reports and the shared ones, by name',
        response: { 200: reportsListOutput, ...errors },
      },
    },
    async (req) => ({ data: await listReports(requireCtx(req)) }),
  )

  app.post(
    '/reports',
    {
      schema: {
        tags,
        summary: 'Save a report',
        description:
          'Personal by default; `shared: true` needs the member role. Bad definitions answer 400 naming `definition.…`.',
        body: reportCreateInput,
        response: { 201: reportOutput, ...errors },
      },
    },
    async (req, reply) => {
      const report = await createReport(requireCtx(req), req.body)
      setVersion(reply, report.version)
      return reply.status(201).send(report)
    },
  )

  app.get(
    '/reports/:id',
    { schema: { tags, summary: 'A report', params: idParams, response: { 200: reportOutput, ...errors } } },
    async (req, reply) => {
      const report = await getReport(requireCtx(req), req.params.id)
      setVersion(reply, report.version)
      return report
    },
  )

  app.patch(
    '/reports/:id',
    {
      schema: {
        tags,
        summary: 'Rename, share or change a report',
        description: 'Requires If-Match. Its owner may change it; an admin may change a shared report.',
        params: idParams,
        headers: ifMatchHeaders,
        body: reportUpdateInput,
        response: { 200: reportOutput, 412: problemSchema, 428: problemSchema, ...errors },
      },
    },
    async (req, reply) => {
      const ctx = requireCtx(req)
      const report = await updateReport(ctx, req.params.id, requireIfMatch(req.headers['if-match']), req.body)
      setVersion(reply, report.version)
      return report
    },
  )

  app.delete(
    '/reports/:id',
    {
      schema: {
        tags,
        summary: 'Delete a report',
        params: idParams,
        headers: ifMatchHeaders,
        response: { 204: z.null(), 412: problemSchema, ...errors },
      },
    },
    async (req, reply) => {
      await deleteReport(requireCtx(req), req.params.id, parseIfMatch(req.headers['if-match']))
      return reply.status(204).send(null)
    },
  )

  app.get(
    '/reports/:id/result',
    {
      schema: {
        tags,
        summary: "A saved report's result",
        description: runDescription,
        params: idParams,
        response: { 200: datasetOutput, ...errors },
      },
    },
    async (req) => (await reportResult(requireCtx(req), req.params.id)).dataset,
  )

  app.get(
    '/reports/:id/result.csv',
    {
      schema: {
        tags,
        summary: "A saved report's result as CSV",
        description:
          'A column per dimension (names, else keys) and one for the measure (money in major units). ' +
          "Cells starting with `=`, `+`, `-`, `@`, tab or CR get a leading `'`. `excel=true` adds a BOM.",
        params: idParams,
        querystring: reportCsvQuery,
        response: {
          200: { description: 'The CSV file', content: { 'text/csv': { schema: z.string() } } },
          ...errors,
        },
      },
    },
    async (req, reply) => sendCsv(reply, await reportCsv(requireCtx(req), req.params.id, req.query.excel)),
  )

  app.put(
    '/reports/:id/pin',
    {
      schema: {
        tags,
        summary: 'Pin a report to my dashboard (at the end)',
        params: idParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      await pinReport(requireCtx(req), req.params.id)
      return reply.status(204).send(null)
    },
  )

  app.delete(
    '/reports/:id/pin',
    {
      schema: {
        tags,
        summary: 'Unpin a report from my dashboard',
        params: idParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      await unpinReport(requireCtx(req), req.params.id)
      return reply.status(204).send(null)
    },
  )

  app.get(
    '/dashboard/pins',
    {
      schema: {
        tags,
        summary: 'The reports pinned to my dashboard, in order',
        response: { 200: reportsListOutput, ...errors },
      },
    },
    async (req) => ({ data: await listPins(requireCtx(req)) }),
  )
}
