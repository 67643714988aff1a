import { Trans, useLingui } from '@lingui/react/macro'
import { ArrowDown, ArrowUp, Columns3 } from 'lucide-react'
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react'
import { Button } from '../../components/ui/button.tsx'
import { useFieldLabel } from './field-labels.ts'
import type { Field } from './fields-api.ts'

// Which columns the table shows, and in which order: a checkbox per field and buttons to
// move a shown column up or down (keyboard and screen reader friendly, no dragging
// needed). The list's main column (name, title) always comes first. Changes apply at once.
export function ColumnChooser({
  fields,
  columns,
  primary,
  isDefault,
  onChange,
}: {
  fields: Field[]
  /** The visible columns, in order (primary included). */
  columns: string[]
  primary: string
  isDefault: boolean
  onChange: (columns: string[] | undefined) => void
}) {
  const { t } = useLingui()
  const label = useFieldLabel()
  const panelId = useId()
  const [open, setOpen] = useState(false)
  const button = useRef<HTMLButtonElement>(null)
  const panel = useRef<HTMLDivElement>(null)

  // Closes when focus or a click lands outside the chooser.
  useEffect(() => {
    if (!open) return
    const away = (e: Event) => {
      const target = e.target as Node
      if (!panel.current?.contains(target) && !button.current?.contains(target)) setOpen(false)
    }
    document.addEventListener('mousedown', away)
    document.addEventListener('focusin', away)
    return () => {
      document.removeEventListener('mousedown', away)
      document.removeEventListener('focusin', away)
    }
  }, [open])

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Escape') {
      e.stopPropagation()
      setOpen(false)
      button.current?.focus()
    }
  }

  const shown = columns.filter((k) => k !== primary)
  const hidden = fields.filter((f) => f.key !== primary && !shown.includes(f.key)).map((f) => f.key)
  const byKey = new Map(fields.map((f) => [f.key, f]))

  // A checkbox moves between the shown and hidden lists when ticked: focus follows it.
  // (The URL, and so `columns`, changes a moment later: wait until the row is in its new list.)
  const [refocus, setRefocus] = useState<{ key: string; visible: boolean } | null>(null)
  useEffect(() => {
    if (!refocus || !columns) return
    const selector = `[data-col="${CSS.escape(refocus.key)}"][data-visible="${refocus.visible}"] input`
    const input = panel.current?.querySelector<HTMLElement>(selector)
    if (!input) return
    input.focus()
    setRefocus(null)
  }, [refocus, columns])

  function set(next: string[]) {
    onChange([primary, ...next])
  }
  function move(key: string, by: -1 | 1) {
    const at = shown.indexOf(key)
    const to = at + by
    if (at < 0 || to < 0 || to >= shown.length) return
    const next = [...shown]
    next.splice(at, 1)
    next.splice(to, 0, key)
    set(next)
  }

  const row = (key: string, visible: boolean, index: number) => {
    const field = byKey.get(key)
    if (!field) return null
    const name = label(field)
    const text = name.text
    return (
      <li key={key} data-col={key} data-visible={visible} className="flex items-center gap-1">
        <label className="flex min-h-11 flex-1 items-center gap-2 rounded px-2 hover:bg-slate-50">
          <input
            type="checkbox"
            className="size-4"
            checked={visible}
            onChange={(e) => {
              set(e.target.checked ? [...shown, key] : shown.filter((k) => k !== key))
              setRefocus({ key, visible: e.target.checked })
            }}
          />
          <span lang={name.lang}>{text}</span>
        </label>
        {visible && (
          <>
            <button
              type="button"
              aria-disabled={index === 0}
              onClick={() => move(key, -1)}
              className="inline-flex min-h-11 min-w-11 items-center justify-center rounded-md text-slate-700 hover:bg-slate-100 aria-disabled:opacity-40"
            >
              <ArrowUp aria-hidden className="size-4" />
              <span className="sr-only">{t`Move ${text} up`}</span>
            </button>
            <button
              type="button"
              aria-disabled={index === shown.length - 1}
              onClick={() => move(key, 1)}
              className="inline-flex min-h-11 min-w-11 items-center justify-center rounded-md text-slate-700 hover:bg-slate-100 aria-disabled:opacity-40"
            >
              <ArrowDown aria-hidden className="size-4" />
              <span className="sr-only">{t`Move ${text} down`}</span>
            </button>
          </>
        )}
      </li>
    )
  }

  const primaryField = byKey.get(primary)
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape anywhere in the chooser closes it
    <div className="relative" onKeyDown={onKeyDown}>
      <Button
        ref={button}
        variant="secondary"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen(!open)}
      >
        <Columns3 aria-hidden className="size-4" />
        <Trans>Columns</Trans>
      </Button>
      {/* Only in the page while open: its checkboxes would otherwise answer to field names. */}
      {open && (
        <div
          ref={panel}
          id={panelId}
          className="absolute right-0 z-30 mt-1 max-h-[min(70dvh,calc(100dvh-18rem))] w-80 overflow-auto rounded-md border border-slate-200 bg-white p-2 shadow-lg"
        >
          <p className="px-2 py-1 text-sm font-medium text-slate-900">
            <Trans>Shown columns</Trans>
          </p>
          <ul className="space-y-0.5">
            {primaryField && (
              <li className="flex min-h-11 items-center gap-2 px-2 text-slate-700">
                <input
                  type="checkbox"
                  className="size-4"
                  checked
                  disabled
                  aria-label={label(primaryField).text}
                />
                {label(primaryField).text}
              </li>
            )}
            {shown.map((key, i) => row(key, true, i))}
          </ul>
          {hidden.length > 0 && (
            <>
              <p className="mt-2 border-t border-slate-200 px-2 pt-2 pb-1 text-sm font-medium text-slate-900">
                <Trans>Hidden columns</Trans>
              </p>
              <ul className="space-y-0.5">{hidden.map((key, i) => row(key, false, i))}</ul>
            </>
          )}
          {!isDefault && (
            <div className="mt-2 border-t border-slate-200 pt-2">
              <Button variant="ghost" onClick={() => onChange(undefined)}>
                <Trans>Back to the default columns</Trans>
              </Button>
            </div>
          )}
        </div>
      )}
    </div>
  )
}
