import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import * as z from 'zod'
import { requireCtx } from '../../http/context.ts'
import { problemSchema } from '../../http/errors.ts'
import { loadDemoData } from './demo.service.ts'

const demoOutput = z
  .object({
    people: z.number().int(),
    companies: z.number().int(),
    pipelines: z.number().int(),
    deals: z.number().int(),
    activities: z.number().int(),
    openTasks: z.object({ overdue: z.number().int(), today: z.number().int(), upcoming: z.number().int() }),
  })
  .meta({ id: 'DemoData' })

export const demoRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/demo-data',
    {
      schema: {
        tags: ['Workspaces'],
        summary: 'Fill this (empty) workspace with East African sample data (admins)',
        description:
          '200 people, 40 companies, a second pipeline, 80 deals and 500 activities over the last year, with ' +
          'open tasks for you. 409 `workspace_not_empty` when the workspace already has people.',
        response: {
          201: demoOutput,
          401: problemSchema,
          403: problemSchema,
          409: problemSchema,
        },
      },
    },
    async (req, reply) => reply.status(201).send(await loadDemoData(requireCtx(req))),
  )
}
