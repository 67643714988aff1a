import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { requireCtx } from '../../http/context.ts'
import { problemSchema } from '../../http/errors.ts'
import {
  forecastOutput,
  forecastQuery,
  targetInput,
  targetOutput,
  targetsOutput,
  targetsQuery,
} from './forecast.schema.ts'
import { getForecast } from './forecast.service.ts'
import { listTargets, putTarget } from './targets.service.ts'

const tags = ['Forecast']
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema }

export const forecastRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/forecast',
    {
      schema: {
        tags,
        summary:
          'Open deals by expected close month, weighted by stage probability, won and targets per owner',
        querystring: forecastQuery,
        response: { 200: forecastOutput, ...errors },
      },
    },
    async (req) => getForecast(requireCtx(req), req.query),
  )

  app.get(
    '/targets',
    {
      schema: {
        tags,
        summary: 'Monthly sales targets of a year',
        querystring: targetsQuery,
        response: { 200: targetsOutput, ...errors },
      },
    },
    async (req) => listTargets(requireCtx(req), req.query.year),
  )

  app.put(
    '/targets',
    {
      schema: {
        tags,
        summary: 'Set an owner’s target for a month (admins); 0 removes it',
        body: targetInput,
        response: { 200: targetOutput, ...errors },
      },
    },
    async (req) => putTarget(requireCtx(req), req.body),
  )
}
