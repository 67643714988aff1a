import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import * as z from 'zod'
import { requireCtx } from '../../http/context.ts'
import { problemSchema } from '../../http/errors.ts'
import { ifMatchHeaders, parseIfMatch, requireIfMatch, setVersion } from '../../http/versions.ts'
import { listCountOutput } from '../filters/filter.schema.ts'
import {
  activitiesListOutput,
  activitiesListQuery,
  activityCreateInput,
  activityOutput,
  activityUpdateInput,
  myTaskCountsOutput,
  myTasksQuery,
} from './activities.schema.ts'
import {
  countActivities,
  createActivity,
  deleteActivity,
  getActivity,
  listActivities,
  restoreActivity,
  updateActivity,
} from './activities.service.ts'
import { myTaskCounts, myTasks } from './tasks.service.ts'

const tags = ['Activities']
const idParams = z.object({ id: z.uuid() })
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema }

export const activitiesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/activities',
    {
      schema: {
        tags,
        summary: 'List notes, calls, meetings and tasks (keyset-paginated)',
        querystring: activitiesListQuery,
        response: { 200: activitiesListOutput, ...errors },
      },
    },
    (req) => listActivities(requireCtx(req), req.query),
  )

  app.get(
    '/activities/count',
    {
      schema: {
        tags,
        summary: 'Count the activities of a list (up to 10,000)',
        description: 'Takes the list parameters. `capped: true` means 10,000 or more.',
        querystring: activitiesListQuery,
        response: { 200: listCountOutput, ...errors },
      },
    },
    (req) => countActivities(requireCtx(req), req.query),
  )

  app.post(
    '/activities',
    {
      schema: {
        tags,
        summary: 'Log a note, call or meeting, or create a task',
        description:
          'Link it to at least one of personId, companyId, dealId (each must exist: 400 naming the field). ' +
          'It then shows on the timelines of the person, company and deal.',
        body: activityCreateInput,
        response: { 200: activityOutput, 201: activityOutput, 409: problemSchema, ...errors },
      },
    },
    async (req, reply) => {
      const { activity, created } = await createActivity(requireCtx(req), req.body)
      setVersion(reply, activity.version)
      return reply.status(created ? 201 : 200).send(activity)
    },
  )

  app.get(
    '/activities/:id',
    {
      schema: {
        tags,
        summary: 'Get an activity',
        params: idParams,
        response: { 200: activityOutput, ...errors },
      },
    },
    async (req, reply) => {
      const activity = await getActivity(requireCtx(req), req.params.id)
      setVersion(reply, activity.version)
      return activity
    },
  )

  app.patch(
    '/activities/:id',
    {
      schema: {
        tags,
        summary: 'Update an activity (e.g. tick a task done)',
        description: 'Requires If-Match. A field that does not fit the type answers 400 `not_for_type`.',
        params: idParams,
        headers: ifMatchHeaders,
        body: activityUpdateInput,
        response: {
          200: activityOutput,
          409: problemSchema,
          412: problemSchema,
          428: problemSchema,
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const activity = await updateActivity(
        requireCtx(req),
        req.params.id,
        requireIfMatch(req.headers['if-match']),
        req.body,
      )
      setVersion(reply, activity.version)
      return activity
    },
  )

  app.delete(
    '/activities/:id',
    {
      schema: {
        tags,
        summary: 'Move an activity to the trash',
        params: idParams,
        headers: ifMatchHeaders,
        response: { 200: activityOutput, 412: problemSchema, ...errors },
      },
    },
    async (req, reply) => {
      const activity = await deleteActivity(
        requireCtx(req),
        req.params.id,
        parseIfMatch(req.headers['if-match']),
      )
      setVersion(reply, activity.version)
      return activity
    },
  )

  app.post(
    '/activities/:id/restore',
    {
      schema: {
        tags,
        summary: 'Restore an activity from the trash',
        params: idParams,
        headers: ifMatchHeaders,
        response: { 200: activityOutput, 412: problemSchema, ...errors },
      },
    },
    async (req, reply) => {
      const activity = await restoreActivity(
        requireCtx(req),
        req.params.id,
        parseIfMatch(req.headers['if-match']),
      )
      setVersion(reply, activity.version)
      return activity
    },
  )

  app.get(
    '/tasks/mine',
    {
      schema: {
        tags,
        summary: 'My open tasks in a bucket (overdue, today, upcoming), by due date',
        description: 'Days are calendar days of the workspace time zone.',
        querystring: myTasksQuery,
        response: { 200: activitiesListOutput, ...errors },
      },
    },
    (req) => myTasks(requireCtx(req), req.query),
  )

  app.get(
    '/tasks/mine/counts',
    {
      schema: {
        tags,
        summary: 'How many open tasks I have overdue, today and upcoming',
        response: { 200: myTaskCountsOutput, ...errors },
      },
    },
    (req) => myTaskCounts(requireCtx(req)),
  )
}
