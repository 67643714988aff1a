import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import * as z from 'zod'
import { requireCtx } from '../../http/context.ts'
import { problemSchema } from '../../http/errors.ts'
import { rateInput, rateOutput, rateParams, ratesOutput } from './forecast.schema.ts'
import { deleteRate, listRates, setRate } from './rates.service.ts'

const tags = ['Exchange rates']
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema }

export const ratesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/exchange-rates',
    {
      schema: {
        tags,
        summary: 'Exchange rates to the workspace currency',
        response: { 200: ratesOutput, ...errors },
      },
    },
    async (req) => listRates(requireCtx(req)),
  )

  app.put(
    '/exchange-rates/:currency',
    {
      schema: {
        tags,
        summary: 'Set the rate of a currency (admins): 1 unit = `rate` units of the workspace currency',
        params: rateParams,
        body: rateInput,
        response: { 200: rateOutput, ...errors },
      },
    },
    async (req) => setRate(requireCtx(req), req.params.currency, req.body.rate),
  )

  app.delete(
    '/exchange-rates/:currency',
    {
      schema: {
        tags,
        summary: 'Remove the rate of a currency (admins)',
        params: rateParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      await deleteRate(requireCtx(req), req.params.currency)
      return reply.status(204).send(null)
    },
  )
}
