import { Trans, useLingui } from '@lingui/react/macro'
import { Pencil, Plus, Trash2 } from 'lucide-react'
import { type FormEvent, useState } from 'react'
import { TAG_COLORS } from '../../../server/features/tags/tags.schema.ts'
import { Button } from '../../components/ui/button.tsx'
import { ConfirmDialog } from '../../components/ui/dialog.tsx'
import { SelectField, TextField } from '../../components/ui/field.tsx'
import { toast } from '../../components/ui/toast.tsx'
import { errorCode, fromProblem, useErrorText } from '../../lib/errors.ts'
import { canManage, canWrite, useSignedIn } from '../../lib/session.ts'
import { TagChip } from './tag-chips.tsx'
import {
  createTag,
  deleteTag,
  type Tag,
  type TagColor,
  updateTag,
  useRefreshTags,
  useTags,
} from './tags-api.ts'

// The workspace's tags in settings. Members add tags; renaming, recolouring and deleting
// change every tagged record, so only admins do those.
export function TagsSettings() {
  const { role } = useSignedIn()
  const tags = useTags()
  const refresh = useRefreshTags()
  const errorText = useErrorText()
  const { t } = useLingui()
  const [editing, setEditing] = useState<string>()
  const [deleting, setDeleting] = useState<Tag>()
  const [busy, setBusy] = useState(false)
  const manage = canManage(role)

  async function remove(tag: Tag) {
    setBusy(true)
    try {
      await deleteTag(tag)
      await refresh(true)
      const name = tag.name
      toast(t`Tag ${name} deleted`)
      setDeleting(undefined)
    } catch (err) {
      toast(errorText(errorCode(err)) ?? '')
    } finally {
      setBusy(false)
    }
  }

  const deletingName = deleting?.name ?? ''
  return (
    <div className="space-y-4">
      {tags.isSuccess && tags.data.length === 0 && (
        <p className="text-slate-700">
          <Trans>No tags yet. Tags group people, companies and deals, for example “VIP” or “Nairobi”.</Trans>
        </p>
      )}
      {tags.data && tags.data.length > 0 && (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {tags.data.map((tag) =>
            editing === tag.id ? (
              <li key={tag.id} className="p-3">
                <TagForm tag={tag} onDone={() => setEditing(undefined)} />
              </li>
            ) : (
              <li key={tag.id} className="flex flex-wrap items-center gap-2 p-3">
                <div className="min-w-0 flex-1">
                  <TagChip tag={tag} />
                </div>
                {manage && (
                  <>
                    <Button variant="ghost" onClick={() => setEditing(tag.id)}>
                      <Pencil aria-hidden className="size-4" />
                      <Trans>Edit</Trans>
                      <span className="sr-only">{tag.name}</span>
                    </Button>
                    <Button variant="ghost" onClick={() => setDeleting(tag)}>
                      <Trash2 aria-hidden className="size-4" />
                      <Trans>Delete</Trans>
                      <span className="sr-only">{tag.name}</span>
                    </Button>
                  </>
                )}
              </li>
            ),
          )}
        </ul>
      )}
      {canWrite(role) &&
        (editing === 'new' ? (
          <TagForm onDone={() => setEditing(undefined)} />
        ) : (
          <Button variant="secondary" onClick={() => setEditing('new')}>
            <Plus aria-hidden className="size-4" />
            <Trans>New tag</Trans>
          </Button>
        ))}
      <ConfirmDialog
        open={Boolean(deleting)}
        title={<Trans>Delete the tag “{deletingName}”?</Trans>}
        confirmLabel={<Trans>Delete tag</Trans>}
        danger
        busy={busy}
        onConfirm={() => deleting && void remove(deleting)}
        onCancel={() => setDeleting(undefined)}
      >
        <p>
          <Trans>
            This removes it from every person, company and deal that has it. The records themselves stay.
          </Trans>
        </p>
      </ConfirmDialog>
    </div>
  )
}

/** Name and colour of a new tag, or of one being edited, with a preview chip. */
function TagForm({ tag, onDone }: { tag?: Tag; onDone: () => void }) {
  const { t } = useLingui()
  const errorText = useErrorText()
  const refresh = useRefreshTags()
  const [name, setName] = useState(tag?.name ?? '')
  const [color, setColor] = useState<TagColor>(tag?.color ?? 'slate')
  const [nameError, setNameError] = useState<string>()
  const [formError, setFormError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const colorNames = useTagColorNames()

  async function submit(e: FormEvent) {
    e.preventDefault()
    if (!name.trim()) return setNameError(errorText('required'))
    setBusy(true)
    setNameError(undefined)
    setFormError(undefined)
    try {
      if (tag) await updateTag(tag, { name: name.trim(), color })
      else await createTag(name, color)
      await refresh(Boolean(tag))
      toast(tag ? t`Tag saved` : t`Tag added`)
      onDone()
    } catch (err) {
      const fields = fromProblem(err)
      const code = errorCode(err)
      if (code === 'duplicate') setNameError(t`A tag with this name already exists.`)
      else if (fields.name) setNameError(errorText(fields.name))
      else setFormError(errorText(code))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-3">
      {formError && (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          {formError}
        </p>
      )}
      <div className="grid gap-3 sm:grid-cols-[1fr_12rem]">
        <TextField
          label={t`Tag name`}
          value={name}
          maxLength={50}
          error={nameError}
          onChange={(e) => setName(e.target.value)}
        />
        <SelectField label={t`Colour`} value={color} onChange={(e) => setColor(e.target.value as TagColor)}>
          {TAG_COLORS.map((c) => (
            <option key={c} value={c}>
              {colorNames[c]}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <span className="text-sm text-slate-700">
          <Trans>Preview</Trans>
        </span>
        <TagChip tag={{ name: name.trim() || t`Tag`, color }} />
      </div>
      <div className="flex flex-wrap gap-3">
        <Button type="submit" disabled={busy}>
          <Trans>Save</Trans>
        </Button>
        <Button variant="secondary" onClick={onDone}>
          <Trans>Cancel</Trans>
        </Button>
      </div>
    </form>
  )
}

export function useTagColorNames(): Record<TagColor, string> {
  const { t } = useLingui()
  return {
    slate: t`Grey`,
    red: t`Red`,
    orange: t`Orange`,
    amber: t`Amber`,
    green: t`Green`,
    teal: t`Teal`,
    blue: t`Blue`,
    violet: t`Violet`,
    pink: t`Pink`,
  }
}
