import { Trans, useLingui } from '@lingui/react/macro'
import { useQueryClient } from '@tanstack/react-query'
import { Bookmark, Ellipsis, Save, Users } from 'lucide-react'
import { useEffect, useId, useRef, useState } from 'react'
import { Button } from '../../components/ui/button.tsx'
import { ConfirmDialog } from '../../components/ui/dialog.tsx'
import { Menu, MenuItem } from '../../components/ui/menu.tsx'
import { toast } from '../../components/ui/toast.tsx'
import { isStatus } from '../../lib/api.ts'
import { errorCode, useErrorText } from '../../lib/errors.ts'
import { useDesktop } from '../../lib/media.ts'
import { canWrite, useSignedIn } from '../../lib/session.ts'
import type { ListObject, ListState } from '../lists/list-state.ts'
import { ViewNameDialog } from './view-dialogs.tsx'
import { cleanState, isBlankState, sameState } from './view-state.ts'
import {
  clearDefaultView,
  createView,
  deleteView,
  setDefaultView,
  updateView,
  useViews,
  type View,
  viewsKey,
} from './views-api.ts'

// Saved views above a list: pick one (a native select, comfortable on phones and with
// screen readers), save the current filters as a new view, update the chosen view when
// the list was changed, rename, share, delete, and choose the view the list opens with.
export function ViewsBar(props: {
  object: ListObject
  state: ListState
  viewId?: string
  onApply: (viewId: string | undefined, state: ListState) => void
}) {
  const { object, state, viewId, onApply } = props
  const { t } = useLingui()
  const errorText = useErrorText()
  const selectId = useId()
  const qc = useQueryClient()
  const { user, role } = useSignedIn()
  const views = useViews(object)
  const desktop = useDesktop()
  const [dialog, setDialog] = useState<'save' | 'rename' | 'delete'>()
  const [busy, setBusy] = useState(false)
  const all = views.data ?? []
  const selected = viewId ? all.find((v) => v.id === viewId) : undefined
  const dirty = selected !== undefined && !sameState(selected.state, state)
  const shared = all.filter((v) => v.shared)
  const mine = all.filter((v) => !v.shared && v.owner.id === user.id)

  // The user's default view is applied once, when the list opens as it comes (no view in
  // the URL, no filters, search or sort). Choosing "All …" afterwards stays there.
  const decided = useRef<ListObject>(undefined)
  useEffect(() => {
    if (decided.current === object || !views.data) return
    decided.current = object
    if (viewId || !isBlankState(state)) return
    const preferred = views.data.find((v) => v.isDefault)
    if (preferred) onApply(preferred.id, cleanState(preferred.state))
  }, [object, views.data, viewId, state, onApply])

  const refresh = () => qc.invalidateQueries({ queryKey: viewsKey(object) })

  async function run(action: () => Promise<unknown>, done?: string) {
    setBusy(true)
    try {
      await action()
      await refresh()
      if (done) toast(done)
    } catch (err) {
      toast(errorText(errorCode(err)) ?? '')
    } finally {
      setBusy(false)
    }
  }

  async function saveChanges(view: View) {
    const name = view.name
    setBusy(true)
    try {
      await updateView(view, { state: cleanState(state) })
      await refresh()
      toast(t`View “${name}” updated`)
    } catch (err) {
      if (!isStatus(err, 412)) return toast(errorText(errorCode(err)) ?? '')
      // Someone changed the view meanwhile: say so, and offer to write ours over theirs.
      await refresh()
      toast(t`Someone else changed the view “${name}” since you opened it. Your list is unchanged.`, {
        label: t`Save mine anyway`,
        run: () => {
          const fresh = qc.getQueryData<View[]>(viewsKey(object))?.find((v) => v.id === view.id)
          if (fresh) void saveChanges(fresh)
        },
      })
    } finally {
      setBusy(false)
    }
  }

  const allLabel = useAllLabel(object)
  const selectedName = selected?.name ?? ''
  const isDefault = Boolean(selected?.isDefault)
  // On a phone: the view picker and one menu (save, update, rename, default, delete) on
  // one row. On desktop "Update view" and "Save view" are buttons beside the picker.
  return (
    <div className="flex flex-wrap items-center gap-2">
      <div className="flex min-w-0 flex-1 items-center gap-2 md:flex-none">
        <label htmlFor={selectId} className="sr-only">
          <Trans>View</Trans>
        </label>
        <Bookmark aria-hidden className="size-4 shrink-0 text-slate-600" />
        <select
          id={selectId}
          value={selected?.id ?? ''}
          onChange={(e) => {
            const next = all.find((v) => v.id === e.target.value)
            onApply(next?.id, next ? cleanState(next.state) : { filters: [] })
          }}
          className="min-h-11 w-full min-w-0 rounded-md border border-slate-400 bg-white px-2 font-medium md:w-auto md:max-w-72"
        >
          <option value="">{allLabel}</option>
          {mine.length > 0 && (
            <optgroup label={t`My views`}>
              {mine.map((v) => (
                <ViewOption key={v.id} view={v} />
              ))}
            </optgroup>
          )}
          {shared.length > 0 && (
            <optgroup label={t`Shared views`}>
              {shared.map((v) => (
                <ViewOption key={v.id} view={v} />
              ))}
            </optgroup>
          )}
        </select>
        {selected?.shared && (
          <span className="inline-flex shrink-0 items-center gap-1 text-sm text-slate-700">
            <Users aria-hidden className="size-4" />
            <span className="max-md:sr-only">
              <Trans>Shared</Trans>
            </span>
          </span>
        )}
      </div>
      {dirty && (
        <span className="text-sm text-amber-900" role="status">
          <Trans>Changed</Trans>
        </span>
      )}
      {desktop && dirty && selected.canEdit && (
        <Button variant="secondary" disabled={busy} onClick={() => saveChanges(selected)}>
          <Save aria-hidden className="size-4" />
          <Trans>Update view</Trans>
        </Button>
      )}
      {desktop && (
        <Button variant="ghost" disabled={busy} onClick={() => setDialog('save')}>
          <Trans>Save view</Trans>
        </Button>
      )}
      {(selected || !desktop) && (
        <Menu label={t`View options`} icon={<Ellipsis aria-hidden className="size-4" />} iconOnPhone>
          {!desktop && dirty && selected.canEdit && (
            <MenuItem onClick={() => saveChanges(selected)}>
              <Trans>Update view</Trans>
            </MenuItem>
          )}
          {!desktop && (
            <MenuItem onClick={() => setDialog('save')}>
              <Trans>Save view</Trans>
            </MenuItem>
          )}
          {selected && dirty && (
            <MenuItem onClick={() => onApply(selected.id, cleanState(selected.state))}>
              <Trans>Discard changes</Trans>
            </MenuItem>
          )}
          {selected?.canEdit && (
            <MenuItem onClick={() => setDialog('rename')}>
              <Trans>Rename or share</Trans>
            </MenuItem>
          )}
          {selected &&
            (isDefault ? (
              <MenuItem
                onClick={() => run(() => clearDefaultView(object), t`The list now opens with no view.`)}
              >
                <Trans>Remove default</Trans>
              </MenuItem>
            ) : (
              <MenuItem
                onClick={() =>
                  run(() => setDefaultView(selected.id), t`The list now opens with “${selectedName}”.`)
                }
              >
                <Trans>Set as my default</Trans>
              </MenuItem>
            ))}
          {selected?.canEdit && (
            <MenuItem danger onClick={() => setDialog('delete')}>
              <Trans>Delete view</Trans>
            </MenuItem>
          )}
        </Menu>
      )}

      <ViewNameDialog
        open={dialog === 'save'}
        title={t`Save this list as a view`}
        initialName=""
        initialShared={false}
        canShare={canWrite(role)}
        onClose={() => setDialog(undefined)}
        onSave={async (name, shared) => {
          const view = await createView({ object, name, shared, state: cleanState(state) })
          await refresh()
          setDialog(undefined)
          toast(t`View “${name}” saved`)
          onApply(view.id, cleanState(view.state))
        }}
      />
      {selected && (
        <ViewNameDialog
          open={dialog === 'rename'}
          title={t`Rename or share “${selectedName}”`}
          initialName={selected.name}
          initialShared={selected.shared}
          canShare={canWrite(role)}
          onClose={() => setDialog(undefined)}
          onSave={async (name, shared) => {
            await updateView(selected, { name, shared }).catch(async (err: unknown) => {
              // Stale version: fetch the newest, so trying again works.
              if (isStatus(err, 412)) await refresh()
              throw err
            })
            await refresh()
            setDialog(undefined)
            toast(t`View “${name}” saved`)
          }}
        />
      )}
      <ConfirmDialog
        open={dialog === 'delete' && Boolean(selected)}
        title={<Trans>Delete the view “{selectedName}”?</Trans>}
        confirmLabel={<Trans>Delete view</Trans>}
        danger
        busy={busy}
        onCancel={() => setDialog(undefined)}
        onConfirm={() => {
          if (!selected) return
          void run(async () => {
            await deleteView(selected.id)
            setDialog(undefined)
            onApply(undefined, state)
          }, t`View “${selectedName}” deleted`)
        }}
      >
        <p>
          {selected?.shared ? (
            <Trans>Everyone in the workspace loses this view. No records are deleted.</Trans>
          ) : (
            <Trans>No records are deleted, only the saved filters.</Trans>
          )}
        </p>
      </ConfirmDialog>
    </div>
  )
}

function ViewOption({ view }: { view: View }) {
  const { t } = useLingui()
  const name = view.name
  return <option value={view.id}>{view.isDefault ? t`${name} (default)` : name}</option>
}

function useAllLabel(object: ListObject) {
  const { t } = useLingui()
  switch (object) {
    case 'person':
      return t`All people`
    case 'company':
      return t`All companies`
    case 'deal':
      return t`All deals`
    case 'activity':
      return t`All activities`
  }
}
