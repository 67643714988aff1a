import { useLingui } from '@lingui/react/macro'
import type * as z from 'zod'
import { ApiError, type FieldError } from './api.ts'

// Field errors come from two places: the shared zod schema (before sending) and the
// server's problem+json (after). Both are reduced to { field path → code } and shown in
// the user's language next to the field.
export type FieldErrors = Record<string, string>

export function fromZod(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {}
  for (const issue of error.issues) {
    const key = issue.path.join('.')
    if (!out[key]) out[key] = issue.code === 'too_small' && issue.minimum === 1 ? 'required' : issue.code
  }
  return out
}

export function fromProblem(err: unknown): FieldErrors {
  if (!(err instanceof ApiError)) return {}
  const out: FieldErrors = {}
  for (const e of err.problem.errors ?? ([] as FieldError[])) if (!out[e.field]) out[e.field] = e.code
  return out
}

/** Translates an error code (field-level or whole-request) into a sentence. */
export function useErrorText() {
  const { t } = useLingui()
  return (code: string | undefined): string | undefined => {
    switch (code) {
      case undefined:
        return undefined
      case 'required':
        return t`Required`
      case 'invalid_format':
      case 'invalid_email':
        return t`Enter a valid email address`
      case 'invalid_phone':
        return t`Not a valid phone number`
      case 'duplicate':
        return t`This is listed twice`
      case 'duplicate_record':
        return t`Another record already has this`
      case 'too_big':
        return t`Too long`
      case 'too_small':
        return t`Too short`
      case 'email_taken':
        return t`An account with this email exists. Sign in instead.`
      case 'common_password':
        return t`This password is too common. Choose another.`
      case 'invalid_credentials':
        return t`Wrong email or password.`
      case 'too_many_attempts':
        return t`Too many attempts. Wait a few minutes and try again.`
      case 'version_mismatch':
        return t`Someone else changed this record while you were editing. Your changes are kept below; reload to see theirs.`
      case 'link_required':
        return t`Link it to a person, a company or a deal`
      case 'not_a_member':
        return t`Choose a member of this workspace`
      case 'workspace_not_empty':
        return t`Demo data goes only into an empty workspace.`
      case 'stage_in_use':
        return t`Deals are still in this stage. Move them first.`
      case 'pipeline_in_use':
        return t`This pipeline still has open deals.`
      case 'last_pipeline':
        return t`A workspace needs at least one pipeline.`
      case 'forbidden':
        return t`You do not have permission to do this.`
      case 'not_found':
        return t`Not found. It may have been deleted.`
      case 'offline':
        return t`No connection. Check your network and try again.`
      default:
        return t`Check this value`
    }
  }
}

/** A sentence for an error that is not about one field. */
export function errorCode(err: unknown): string {
  if (err instanceof ApiError) return err.problem.code
  return 'unknown'
}
