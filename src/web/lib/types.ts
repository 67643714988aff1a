// Types of the API answers, inferred from the server's own zod schemas (type-only
// imports: nothing of the server ends up in the bundle).
import type * as z from 'zod'
import type { CustomField } from '../../server/features/custom-fields/custom-fields.schema.ts'
import type { Person } from '../../server/features/people/people.schema.ts'
import type { RecordTag, Tag, TagColor } from '../../server/features/tags/tags.schema.ts'
import type { TimelineEvent } from '../../server/features/timeline/timeline.schema.ts'
import type {
  invitationOutput,
  invitationPreview,
  memberOutput,
  meOutput,
  workspaceOutput,
} from '../../server/features/workspaces/workspaces.schema.ts'

export type { CustomField, Person, RecordTag, Tag, TagColor, TimelineEvent }
export type Me = z.infer<typeof meOutput>
export type Workspace = z.infer<typeof workspaceOutput>
export type Member = z.infer<typeof memberOutput>
export type Invitation = z.infer<typeof invitationOutput>
export type InvitationPreview = z.infer<typeof invitationPreview>
export type Page<T> = { data: T[]; nextCursor: string | null }
