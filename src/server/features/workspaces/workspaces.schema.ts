import * as z from 'zod'
import { CALENDARS, COUNTRY_CODES, CURRENCIES, LOCALES, ROLES } from './regions.ts'

// Shapes of the workspace API, shared by the server (validation, OpenAPI) and the web forms.
export const workspaceSettingsInput = z.object({
  name: z.string().trim().min(1).max(100),
  locale: z.enum(LOCALES),
  country: z.enum(COUNTRY_CODES),
  calendar: z.enum(CALENDARS),
})

// A zone Intl knows (e.g. Africa/Addis_Ababa): periods, buckets and the activity rollup
// are computed in it, so an unknown name would break them.
const ianaTimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine(
    (zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone })
        return true
      } catch {
        return false
      }
    },
    { message: 'Unknown time zone' },
  )

export const workspaceUpdateInput = workspaceSettingsInput
  .extend({ currency: z.enum(CURRENCIES), timeZone: ianaTimeZone })
  .partial()
  .strict()

export const workspaceOutput = z
  .object({
    id: z.uuid(),
    name: z.string(),
    locale: z.enum(LOCALES),
    country: z.string(),
    currency: z.string(),
    timeZone: z.string(),
    calendar: z.enum(CALENDARS),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Workspace' })

export const roleSchema = z.enum(ROLES)
export const inviteRoleSchema = z.enum(['admin', 'member', 'viewer'])

export const memberOutput = z
  .object({
    userId: z.string(),
    name: z.string(),
    email: z.string(),
    role: roleSchema,
    joinedAt: z.iso.datetime(),
  })
  .meta({ id: 'Member' })

export const invitationOutput = z
  .object({
    id: z.uuid(),
    role: inviteRoleSchema,
    expiresAt: z.iso.datetime(),
    createdAt: z.iso.datetime(),
    acceptedAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
    /** Only present in the answer that creates the invitation: the token is not stored. */
    url: z.string().optional(),
  })
  .meta({ id: 'Invitation' })

export const invitationPreview = z.object({
  workspaceName: z.string(),
  role: inviteRoleSchema,
  expiresAt: z.iso.datetime(),
})

export const meOutput = z
  .object({
    user: z.object({
      id: z.string(),
      name: z.string(),
      email: z.string(),
      locale: z.enum(LOCALES).nullable(),
    }),
    workspace: workspaceOutput.nullable(),
    role: roleSchema.nullable(),
    workspaces: z.array(z.object({ id: z.uuid(), name: z.string(), role: roleSchema })),
  })
  .meta({ id: 'Me' })

export const meUpdateInput = z.object({ locale: z.enum(LOCALES).nullable() }).strict()
