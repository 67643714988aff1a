import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import * as z from 'zod'
import { requireCtx } from '../../http/context.ts'
import { problemSchema } from '../../http/errors.ts'
import { ifMatchHeaders, parseIfMatch, requireIfMatch, setVersion } from '../../http/versions.ts'
import { listCountOutput } from '../filters/filter.schema.ts'
import { duplicateQuery } from '../people/people.schema.ts'
import { timelineOutput, timelineQuery } from '../timeline/timeline.schema.ts'
import {
  companiesListOutput,
  companiesListQuery,
  companyCreateInput,
  companyOutput,
  companyUpdateInput,
} from './companies.schema.ts'
import {
  companyTimeline,
  countCompanies,
  createCompany,
  deleteCompany,
  getCompany,
  listCompanies,
  restoreCompany,
  updateCompany,
} from './companies.service.ts'

const tags = ['Companies']
const idParams = z.object({ id: z.uuid() })
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema }

export const companiesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/companies',
    {
      schema: {
        tags,
        summary: 'List companies',
        querystring: companiesListQuery,
        response: { 200: companiesListOutput, ...errors },
      },
    },
    (req) => listCompanies(requireCtx(req), req.query),
  )

  app.get(
    '/companies/count',
    {
      schema: {
        tags,
        summary: 'Count the companies of a list (up to 10,000)',
        description: 'Takes the list parameters. `capped: true` means 10,000 or more.',
        querystring: companiesListQuery,
        response: { 200: listCountOutput, ...errors },
      },
    },
    (req) => countCompanies(requireCtx(req), req.query),
  )

  app.post(
    '/companies',
    {
      schema: {
        tags,
        summary: 'Create a company',
        description:
          'A website, phone or email another company has answers 409 `duplicate`, unless `allowDuplicate=true`.',
        querystring: duplicateQuery,
        body: companyCreateInput,
        response: { 200: companyOutput, 201: companyOutput, 409: problemSchema, ...errors },
      },
    },
    async (req, reply) => {
      const { company, created } = await createCompany(requireCtx(req), req.body, req.query.allowDuplicate)
      setVersion(reply, company.version)
      return reply.status(created ? 201 : 200).send(company)
    },
  )

  app.get(
    '/companies/:id',
    {
      schema: {
        tags,
        summary: 'Get a company',
        params: idParams,
        response: { 200: companyOutput, ...errors },
      },
    },
    async (req, reply) => {
      const company = await getCompany(requireCtx(req), req.params.id)
      setVersion(reply, company.version)
      return company
    },
  )

  app.patch(
    '/companies/:id',
    {
      schema: {
        tags,
        summary: 'Update a company',
        description: 'Requires If-Match; a stale version answers 412 and changes nothing.',
        params: idParams,
        querystring: duplicateQuery,
        headers: ifMatchHeaders,
        body: companyUpdateInput,
        response: {
          200: companyOutput,
          409: problemSchema,
          412: problemSchema,
          428: problemSchema,
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const ctx = requireCtx(req)
      const version = requireIfMatch(req.headers['if-match'])
      const company = await updateCompany(ctx, req.params.id, version, req.body, req.query.allowDuplicate)
      setVersion(reply, company.version)
      return company
    },
  )

  app.delete(
    '/companies/:id',
    {
      schema: {
        tags,
        summary: 'Move a company to the trash',
        params: idParams,
        headers: ifMatchHeaders,
        response: { 200: companyOutput, 412: problemSchema, ...errors },
      },
    },
    async (req, reply) => {
      const company = await deleteCompany(
        requireCtx(req),
        req.params.id,
        parseIfMatch(req.headers['if-match']),
      )
      setVersion(reply, company.version)
      return company
    },
  )

  app.post(
    '/companies/:id/restore',
    {
      schema: {
        tags,
        summary: 'Restore a company from the trash',
        params: idParams,
        headers: ifMatchHeaders,
        response: { 200: companyOutput, 412: problemSchema, ...errors },
      },
    },
    async (req, reply) => {
      const company = await restoreCompany(
        requireCtx(req),
        req.params.id,
        parseIfMatch(req.headers['if-match']),
      )
      setVersion(reply, company.version)
      return company
    },
  )

  app.get(
    '/companies/:id/timeline',
    {
      schema: {
        tags,
        summary: "A company's timeline, newest first",
        params: idParams,
        querystring: timelineQuery,
        response: { 200: timelineOutput, ...errors },
      },
    },
    (req) => companyTimeline(requireCtx(req), req.params.id, req.query),
  )
}
