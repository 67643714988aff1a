import { Trans, useLingui } from '@lingui/react/macro'
import { ArrowDown, ArrowUp, Pencil, Plus, RotateCcw, Trash2 } from 'lucide-react'
import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react'
import { Button } from '../../components/ui/button.tsx'
import { TextField } from '../../components/ui/field.tsx'
import { toast } from '../../components/ui/toast.tsx'
import { errorCode } from '../../lib/errors.ts'
import { canManage, useSignedIn } from '../../lib/session.ts'
import { CustomFieldEditor, useFieldTypes, useSettingsErrorText } from './custom-field-editor.tsx'
import {
  type CustomField,
  type CustomFieldObject,
  useCustomFieldActions,
  useCustomFields,
} from './custom-fields-api.ts'
import { pickLabel } from './custom-values.ts'
import { moved } from './field-settings.ts'

// Settings → custom fields, one tab per object. Admins add, change, reorder and remove
// fields (removing hides a field and keeps its values; it can be restored, or its data
// deleted for good). Everyone else sees which fields exist.
const OBJECTS: CustomFieldObject[] = ['person', 'company', 'deal']

export function CustomFieldsSettings() {
  const { t } = useLingui()
  const [object, setObject] = useState<CustomFieldObject>('person')
  const tabs = useRef<(HTMLButtonElement | null)[]>([])
  const names: Record<CustomFieldObject, string> = {
    person: t`People`,
    company: t`Companies`,
    deal: t`Deals`,
  }

  // Arrow keys move between tabs (the ARIA tabs pattern); Tab goes on into the panel.
  function onKeyDown(e: KeyboardEvent, i: number) {
    const by = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0
    if (!by) return
    e.preventDefault()
    const next = (i + by + OBJECTS.length) % OBJECTS.length
    setObject(OBJECTS[next] as CustomFieldObject)
    tabs.current[next]?.focus()
  }

  return (
    <div className="space-y-4">
      <div role="tablist" aria-label={t`Record type`} className="flex gap-1 border-b border-slate-200">
        {OBJECTS.map((o, i) => (
          <button
            key={o}
            ref={(el) => {
              tabs.current[i] = el
            }}
            type="button"
            role="tab"
            id={`cf-tab-${o}`}
            aria-selected={o === object}
            aria-controls={`cf-panel-${o}`}
            tabIndex={o === object ? 0 : -1}
            onClick={() => setObject(o)}
            onKeyDown={(e) => onKeyDown(e, i)}
            className={`-mb-px min-h-11 border-b-2 px-4 text-sm font-medium focus-visible:outline-2 focus-visible:outline-teal-700 ${
              o === object
                ? 'border-teal-700 text-teal-800'
                : 'border-transparent text-slate-700 hover:text-slate-900'
            }`}
          >
            {names[o]}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`cf-panel-${object}`} aria-labelledby={`cf-tab-${object}`}>
        <ObjectFields key={object} object={object} />
      </div>
    </div>
  )
}

function ObjectFields({ object }: { object: CustomFieldObject }) {
  const { t, i18n } = useLingui()
  const errorText = useSettingsErrorText()
  const types = useFieldTypes()
  const { role } = useSignedIn()
  const admin = canManage(role)
  const active = useCustomFields(object)
  const actions = useCustomFieldActions(object)
  const [editing, setEditing] = useState<string | 'new' | null>(null)
  const fields = active.data ?? []
  const label = (f: CustomField) => pickLabel(f.labels, i18n.locale).text

  async function run(action: () => Promise<unknown>) {
    try {
      await action()
    } catch (err) {
      toast(errorText(errorCode(err)) ?? '')
    }
  }

  const remove = (f: CustomField) =>
    run(async () => {
      await actions.archive(f)
      const name = label(f)
      toast(t`${name} removed. Its values are kept.`, {
        label: t`Undo`,
        run: () => run(() => actions.restore(f)),
      })
    })

  if (active.isPending) return <p className="text-sm text-slate-600">{t`Loading…`}</p>
  return (
    <div className="space-y-4">
      {fields.length === 0 ? (
        <p className="text-slate-700">
          {admin ? (
            <Trans>
              No custom fields yet. Add the details your business keeps, such as a customer number or a
              budget.
            </Trans>
          ) : (
            <Trans>No custom fields yet.</Trans>
          )}
        </p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {fields.map((f, i) => {
            const name = label(f)
            return editing === f.id ? (
              <li key={f.id} className="p-2">
                <CustomFieldEditor
                  key={f.version}
                  object={object}
                  field={f}
                  onDone={() => setEditing(null)}
                />
              </li>
            ) : (
              <li key={f.id} className="flex flex-wrap items-center gap-2 p-3">
                <div className="min-w-40 flex-1">
                  <p className="font-medium break-words text-slate-900">{name}</p>
                  <p className="text-sm text-slate-600">
                    {types[f.type].name}
                    {f.options.length > 0 &&
                      ` · ${f.options.map((o) => pickLabel(o.labels, i18n.locale).text).join(', ')}`}
                  </p>
                </div>
                {admin && (
                  <div className="flex flex-wrap gap-1">
                    <Button
                      variant="ghost"
                      className="px-3"
                      disabled={i === 0}
                      onClick={() => run(() => actions.reorder(moved(fields, i, -1)))}
                    >
                      <ArrowUp aria-hidden className="size-4" />
                      <span className="sr-only">{t`Move ${name} up`}</span>
                    </Button>
                    <Button
                      variant="ghost"
                      className="px-3"
                      disabled={i === fields.length - 1}
                      onClick={() => run(() => actions.reorder(moved(fields, i, 1)))}
                    >
                      <ArrowDown aria-hidden className="size-4" />
                      <span className="sr-only">{t`Move ${name} down`}</span>
                    </Button>
                    <Button variant="secondary" onClick={() => setEditing(f.id)}>
                      <Pencil aria-hidden className="size-4" />
                      <Trans>Edit</Trans>
                      <span className="sr-only">{name}</span>
                    </Button>
                    <Button variant="ghost" onClick={() => remove(f)}>
                      <Trans>Remove</Trans>
                      <span className="sr-only">{name}</span>
                    </Button>
                  </div>
                )}
              </li>
            )
          })}
        </ul>
      )}
      {admin &&
        (editing === 'new' ? (
          <CustomFieldEditor object={object} onDone={() => setEditing(null)} />
        ) : (
          <Button variant="secondary" onClick={() => setEditing('new')}>
            <Plus aria-hidden className="size-4" />
            <Trans>Add a field</Trans>
          </Button>
        ))}
      {admin && <ArchivedFields object={object} run={run} />}
    </div>
  )
}

/** Removed fields: restore them, or delete their values from every record for good. */
function ArchivedFields({
  object,
  run,
}: {
  object: CustomFieldObject
  run: (action: () => Promise<unknown>) => Promise<void>
}) {
  const { t, i18n } = useLingui()
  const types = useFieldTypes()
  const archived = useCustomFields(object, true)
  const actions = useCustomFieldActions(object)
  const [purging, setPurging] = useState<CustomField | null>(null)
  const fields = archived.data ?? []
  if (!fields.length) return null
  const count = fields.length
  return (
    <details className="rounded-lg border border-slate-200 bg-white">
      <summary className="min-h-11 cursor-pointer content-center px-3 text-sm font-medium text-slate-800">
        <Trans>Removed fields ({count})</Trans>
      </summary>
      <p className="px-3 text-sm text-slate-700">
        <Trans>Removed fields are hidden everywhere, but their values are kept until you delete them.</Trans>
      </p>
      <ul className="divide-y divide-slate-100">
        {fields.map((f) => {
          const name = pickLabel(f.labels, i18n.locale).text
          return (
            <li key={f.id} className="flex flex-wrap items-center gap-2 p-3">
              <div className="min-w-40 flex-1">
                <p className="font-medium break-words text-slate-900">{name}</p>
                <p className="text-sm text-slate-600">{types[f.type].name}</p>
              </div>
              <Button
                variant="secondary"
                onClick={() =>
                  run(async () => {
                    await actions.restore(f)
                    toast(t`${name} is back`)
                  })
                }
              >
                <RotateCcw aria-hidden className="size-4" />
                <Trans>Restore</Trans>
                <span className="sr-only">{name}</span>
              </Button>
              <Button variant="danger" onClick={() => setPurging(f)}>
                <Trash2 aria-hidden className="size-4" />
                <Trans>Delete data permanently</Trans>
                <span className="sr-only">{name}</span>
              </Button>
            </li>
          )
        })}
      </ul>
      <PurgeDialog
        name={purging ? pickLabel(purging.labels, i18n.locale).text : null}
        onCancel={() => setPurging(null)}
        onConfirm={() => {
          const f = purging
          setPurging(null)
          if (f)
            void run(async () => {
              await actions.purge(f)
              toast(t`The field and its values are deleted`)
            })
        }}
      />
    </details>
  )
}

/** Deleting values cannot be undone: the user types the field's name to confirm. */
function PurgeDialog({
  name,
  onConfirm,
  onCancel,
}: {
  name: string | null
  onConfirm: () => void
  onCancel: () => void
}) {
  const { t } = useLingui()
  const ref = useRef<HTMLDialogElement>(null)
  const [typed, setTyped] = useState('')
  const [error, setError] = useState<string>()
  useEffect(() => {
    if (name) {
      setTyped('')
      setError(undefined)
      ref.current?.showModal()
    } else ref.current?.close()
  }, [name])

  const matches = !!name && typed.trim().toLocaleLowerCase() === name.trim().toLocaleLowerCase()
  function submit(e: FormEvent) {
    e.preventDefault()
    if (!matches) return setError(t`Type the field name exactly as shown`)
    onConfirm()
  }

  return (
    <dialog
      ref={ref}
      onCancel={onCancel}
      aria-labelledby="purge-title"
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl p-0 backdrop:bg-slate-900/40"
    >
      <form onSubmit={submit} noValidate className="space-y-4 p-6">
        <h2 id="purge-title" className="text-lg font-semibold text-slate-900">
          <Trans>Delete the values of {name} permanently?</Trans>
        </h2>
        <p className="text-sm text-slate-800">
          <Trans>
            Every record loses its {name} value, and the field is gone for good. This cannot be undone.
          </Trans>
        </p>
        <TextField
          label={t`Type ${name} to confirm`}
          value={typed}
          error={error}
          autoComplete="off"
          onChange={(e) => setTyped(e.target.value)}
        />
        <div className="flex flex-wrap gap-3">
          <Button type="submit" variant="danger" aria-disabled={!matches}>
            <Trans>Delete data permanently</Trans>
          </Button>
          <Button variant="secondary" onClick={onCancel}>
            <Trans>Cancel</Trans>
          </Button>
        </div>
      </form>
    </dialog>
  )
}
