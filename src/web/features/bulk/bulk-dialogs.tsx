import { Trans, useLingui } from '@lingui/react/macro'
import { type FormEvent, type ReactNode, useEffect, useState } from 'react'
import { Button } from '../../components/ui/button.tsx'
import { Dialog } from '../../components/ui/dialog.tsx'
import { SelectField, TextField } from '../../components/ui/field.tsx'
import { useErrorText } from '../../lib/errors.ts'
import { usePipelines } from '../deals/deals-api.ts'
import { useMembers } from '../people/people-api.ts'
import { TagPicker } from '../tags/tag-picker.tsx'
import type { RecordTag } from '../tags/tags-api.ts'

// The questions a bulk action asks before it runs: which owner, which tag, which stage,
// which assignee. Each is a small modal form; `what` names the selection ("12 people").

function DialogForm({
  open,
  title,
  submitLabel,
  busy,
  onClose,
  onSubmit,
  children,
}: {
  open: boolean
  title: string
  submitLabel: ReactNode
  busy: boolean
  onClose: () => void
  onSubmit: () => void
  children: ReactNode
}) {
  function submit(e: FormEvent) {
    e.preventDefault()
    onSubmit()
  }
  return (
    <Dialog open={open} title={title} onClose={onClose}>
      <form onSubmit={submit} noValidate className="space-y-4">
        {children}
        <div className="flex flex-wrap gap-3">
          <Button type="submit" disabled={busy}>
            {submitLabel}
          </Button>
          <Button variant="secondary" onClick={onClose}>
            <Trans>Cancel</Trans>
          </Button>
        </div>
      </form>
    </Dialog>
  )
}

export function OwnerDialog({
  open,
  what,
  busy,
  onClose,
  onSubmit,
}: {
  open: boolean
  what: string
  busy: boolean
  onClose: () => void
  onSubmit: (owner: { id: string; name: string } | null) => void
}) {
  const { t } = useLingui()
  const members = useMembers()
  const [ownerId, setOwnerId] = useState('')
  useEffect(() => {
    if (open) setOwnerId('')
  }, [open])
  const member = members.data?.find((m) => m.userId === ownerId)
  return (
    <DialogForm
      open={open}
      title={t`Assign an owner to ${what}`}
      submitLabel={<Trans>Assign owner</Trans>}
      busy={busy}
      onClose={onClose}
      onSubmit={() => onSubmit(member ? { id: member.userId, name: member.name } : null)}
    >
      <SelectField label={t`Owner`} value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
        <option value="">{t`No owner`}</option>
        {members.data?.map((m) => (
          <option key={m.userId} value={m.userId}>
            {m.name}
          </option>
        ))}
      </SelectField>
    </DialogForm>
  )
}

/** Activities: a member for the selected tasks (a task always has one, so no "none"). */
export function AssigneeDialog({
  open,
  what,
  busy,
  onClose,
  onSubmit,
}: {
  open: boolean
  what: string
  busy: boolean
  onClose: () => void
  onSubmit: (assignee: { id: string; name: string }) => void
}) {
  const { t } = useLingui()
  const errorText = useErrorText()
  const members = useMembers()
  const [assigneeId, setAssigneeId] = useState('')
  const [error, setError] = useState<string>()
  useEffect(() => {
    if (!open) return
    setAssigneeId('')
    setError(undefined)
  }, [open])
  const member = members.data?.find((m) => m.userId === assigneeId)
  return (
    <DialogForm
      open={open}
      title={t`Assign the tasks among ${what}`}
      submitLabel={<Trans>Assign</Trans>}
      busy={busy}
      onClose={onClose}
      onSubmit={() =>
        member ? onSubmit({ id: member.userId, name: member.name }) : setError(errorText('required'))
      }
    >
      <SelectField
        label={t`Assigned to`}
        value={assigneeId}
        error={error}
        hint={t`Only tasks have an assignee: notes, calls and meetings stay as they are.`}
        onChange={(e) => {
          setAssigneeId(e.target.value)
          setError(undefined)
        }}
      >
        <option value="">{t`Choose a member`}</option>
        {members.data?.map((m) => (
          <option key={m.userId} value={m.userId}>
            {m.name}
          </option>
        ))}
      </SelectField>
    </DialogForm>
  )
}

export function TagDialog({
  open,
  mode,
  what,
  busy,
  onClose,
  onSubmit,
}: {
  open: boolean
  mode: 'add' | 'remove'
  what: string
  busy: boolean
  onClose: () => void
  onSubmit: (tag: RecordTag) => void
}) {
  const { t } = useLingui()
  const errorText = useErrorText()
  const [tags, setTags] = useState<RecordTag[]>([])
  const [error, setError] = useState<string>()
  useEffect(() => {
    if (!open) return
    setTags([])
    setError(undefined)
  }, [open])
  return (
    <DialogForm
      open={open}
      title={mode === 'add' ? t`Add a tag to ${what}` : t`Remove a tag from ${what}`}
      submitLabel={mode === 'add' ? <Trans>Add tag</Trans> : <Trans>Remove tag</Trans>}
      busy={busy}
      onClose={onClose}
      onSubmit={() => (tags[0] ? onSubmit(tags[0]) : setError(errorText('required')))}
    >
      <TagPicker
        label={t`Tag`}
        single
        inlineList
        allowCreate={mode === 'add'}
        value={tags}
        error={error}
        onChange={(next) => {
          setTags(next)
          setError(undefined)
        }}
      />
    </DialogForm>
  )
}

export function StageDialog({
  open,
  what,
  pipelineId,
  busy,
  onClose,
  onSubmit,
}: {
  open: boolean
  what: string
  /** The board's pipeline, when the list shows one: only its stages are offered. */
  pipelineId?: string
  busy: boolean
  onClose: () => void
  onSubmit: (stage: { id: string; name: string }, lostReason?: string) => void
}) {
  const { t } = useLingui()
  const errorText = useErrorText()
  const pipelines = usePipelines()
  const [stageId, setStageId] = useState('')
  const [reason, setReason] = useState('')
  const [errors, setErrors] = useState<{ stage?: string; reason?: string }>({})
  useEffect(() => {
    if (!open) return
    setStageId('')
    setReason('')
    setErrors({})
  }, [open])
  const shown = (pipelines.data ?? []).filter((p) => !pipelineId || p.id === pipelineId)
  const stage = shown.flatMap((p) => p.stages).find((s) => s.id === stageId)
  const several = shown.length > 1

  function submit() {
    if (!stage) return setErrors({ stage: errorText('required') })
    if (stage.kind === 'lost' && !reason.trim()) return setErrors({ reason: errorText('required') })
    onSubmit({ id: stage.id, name: stage.name }, stage.kind === 'lost' ? reason.trim() : undefined)
  }

  return (
    <DialogForm
      open={open}
      title={t`Move ${what} to a stage`}
      submitLabel={<Trans>Move</Trans>}
      busy={busy}
      onClose={onClose}
      onSubmit={submit}
    >
      <SelectField
        label={t`Stage`}
        value={stageId}
        error={errors.stage}
        hint={several ? t`Only the deals of the stage’s pipeline move.` : undefined}
        onChange={(e) => {
          setStageId(e.target.value)
          setErrors({})
        }}
      >
        <option value="">{t`Choose a stage`}</option>
        {shown.map((p) =>
          several ? (
            <optgroup key={p.id} label={p.name}>
              {p.stages.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </optgroup>
          ) : (
            p.stages.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))
          ),
        )}
      </SelectField>
      {stage?.kind === 'lost' && (
        <TextField
          label={t`Why were they lost?`}
          value={reason}
          maxLength={500}
          error={errors.reason}
          placeholder={t`Price, timing, chose a competitor…`}
          onChange={(e) => setReason(e.target.value)}
        />
      )}
    </DialogForm>
  )
}
