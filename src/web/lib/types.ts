// Types of the API answers, inferred from the server's own zod schemas (type-only
// imports: nothing of the server ends up in the bundle).
import type * as z from 'zod'
import type { Person } from '../../server/features/people/people.schema.ts'
import type { TimelineEvent } from '../../server/features/timeline/timeline.schema.ts'
import type {
  invitationOutput,
  invitationPreview,
  memberOutput,
  meOutput,
  workspaceOutput,
} from '../../server/features/workspaces/workspaces.schema.ts'

export type { Person, TimelineEvent }
export type Me = z.infer<typeof meOutput>
export type Workspace = z.infer<typeof workspaceOutput>
export type Member = z.infer<typeof memberOutput>
export type Invitation = z.infer<typeof invitationOutput>
export type InvitationPreview = z.infer<typeof invitationPreview>
export type Page<T> = { data: T[]; nextCursor: string | null }
