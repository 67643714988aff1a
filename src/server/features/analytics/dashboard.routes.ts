import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { requireCtx } from '../../http/context.ts'
import { problemSchema } from '../../http/errors.ts'
import { getChart } from './charts.service.ts'
import { chartParams, dashboardQuery, kpisOutput } from './dashboard.schema.ts'
import { datasetOutput } from './dataset.schema.ts'
import { getKpis } from './kpis.service.ts'

const tags = ['Dashboard']
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema }

export const dashboardRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/dashboard/kpis',
    {
      schema: {
        tags,
        summary: 'Key figures of a period, with the previous period',
        description:
          'Days in the workspace time zone (default: this month to today). Money in minor units of ' +
          'the workspace currency; amounts without an exchange rate are listed in `notConverted`.',
        querystring: dashboardQuery,
        response: { 200: kpisOutput, ...errors },
      },
    },
    async (req) => getKpis(requireCtx(req), req.query),
  )

  app.get(
    '/dashboard/charts/:chart',
    {
      schema: {
        tags,
        summary: 'One dashboard chart as a Dataset',
        params: chartParams,
        querystring: dashboardQuery,
        response: { 200: datasetOutput, ...errors },
      },
    },
    async (req) => getChart(requireCtx(req), req.params.chart, req.query),
  )
}
