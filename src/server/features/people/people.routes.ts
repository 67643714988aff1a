import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import * as z from 'zod'
import { requireCtx } from '../../http/context.ts'
import { problemSchema } from '../../http/errors.ts'
import { ifMatchHeaders, parseIfMatch, requireIfMatch, setVersion } from '../../http/versions.ts'
import { listCountOutput } from '../filters/filter.schema.ts'
import { timelineOutput, timelineQuery } from '../timeline/timeline.schema.ts'
import {
  duplicateQuery,
  peopleListOutput,
  peopleListQuery,
  personCreateInput,
  personOutput,
  personUpdateInput,
} from './people.schema.ts'
import {
  countPeople,
  createPerson,
  deletePerson,
  getPerson,
  listPeople,
  personTimeline,
  restorePerson,
  updatePerson,
} from './people.service.ts'

const tags = ['People']
const idParams = z.object({ id: z.uuid() })
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema }

export const peopleRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/people',
    {
      schema: {
        tags,
        summary: 'List people (keyset-paginated)',
        querystring: peopleListQuery,
        response: { 200: peopleListOutput, ...errors },
      },
    },
    (req) => listPeople(requireCtx(req), req.query),
  )

  app.get(
    '/people/count',
    {
      schema: {
        tags,
        summary: 'Count the people of a list (up to 10,000)',
        description: 'Takes the list parameters. `capped: true` means 10,000 or more.',
        querystring: peopleListQuery,
        response: { 200: listCountOutput, ...errors },
      },
    },
    (req) => countPeople(requireCtx(req), req.query),
  )

  app.post(
    '/people',
    {
      schema: {
        tags,
        summary: 'Create a person',
        description:
          'Phones are normalised to E.164 with the workspace country as default region. A phone or email ' +
          'that another person has answers 409 `duplicate` naming them, unless `allowDuplicate=true`.',
        querystring: duplicateQuery,
        body: personCreateInput,
        response: { 200: personOutput, 201: personOutput, 409: problemSchema, ...errors },
      },
    },
    async (req, reply) => {
      const { person, created } = await createPerson(requireCtx(req), req.body, req.query.allowDuplicate)
      setVersion(reply, person.version)
      return reply.status(created ? 201 : 200).send(person)
    },
  )

  app.get(
    '/people/:id',
    {
      schema: { tags, summary: 'Get a person', params: idParams, response: { 200: personOutput, ...errors } },
    },
    async (req, reply) => {
      const person = await getPerson(requireCtx(req), req.params.id)
      setVersion(reply, person.version)
      return person
    },
  )

  app.patch(
    '/people/:id',
    {
      schema: {
        tags,
        summary: 'Update a person',
        description:
          'Requires If-Match; a stale version answers 412 and changes nothing. Lists are replaced whole.',
        params: idParams,
        querystring: duplicateQuery,
        headers: ifMatchHeaders,
        body: personUpdateInput,
        response: {
          200: personOutput,
          409: problemSchema,
          412: problemSchema,
          428: problemSchema,
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const person = await updatePerson(
        requireCtx(req),
        req.params.id,
        requireIfMatch(req.headers['if-match']),
        req.body,
        req.query.allowDuplicate,
      )
      setVersion(reply, person.version)
      return person
    },
  )

  app.delete(
    '/people/:id',
    {
      schema: {
        tags,
        summary: 'Move a person to the trash',
        params: idParams,
        headers: ifMatchHeaders,
        response: { 200: personOutput, 412: problemSchema, ...errors },
      },
    },
    async (req, reply) => {
      const person = await deletePerson(requireCtx(req), req.params.id, parseIfMatch(req.headers['if-match']))
      setVersion(reply, person.version)
      return person
    },
  )

  app.post(
    '/people/:id/restore',
    {
      schema: {
        tags,
        summary: 'Restore a person from the trash',
        params: idParams,
        headers: ifMatchHeaders,
        response: { 200: personOutput, 412: problemSchema, ...errors },
      },
    },
    async (req, reply) => {
      const person = await restorePerson(
        requireCtx(req),
        req.params.id,
        parseIfMatch(req.headers['if-match']),
      )
      setVersion(reply, person.version)
      return person
    },
  )

  app.get(
    '/people/:id/timeline',
    {
      schema: {
        tags,
        summary: "A person's timeline, newest first",
        params: idParams,
        querystring: timelineQuery,
        response: { 200: timelineOutput, ...errors },
      },
    },
    (req) => personTimeline(requireCtx(req), req.params.id, req.query),
  )
}
