import * as z from 'zod'
import { workspaceSettingsInput } from '../workspaces/workspaces.schema.ts'
import { PASSWORD_MAX, PASSWORD_MIN } from './passwords.ts'

export const passwordSchema = z.string().min(PASSWORD_MIN).max(PASSWORD_MAX)

export const signUpInput = z
  .object({
    name: z.string().trim().min(1).max(100),
    email: z.email().trim().max(254),
    password: passwordSchema,
    // Left out when joining through an invitation link: the invitation brings the workspace.
    workspace: workspaceSettingsInput.optional(),
  })
  .strict()
  .meta({ id: 'SignUp' })

export const signInInput = z.object({ email: z.string().max(254), password: z.string().max(PASSWORD_MAX) })
