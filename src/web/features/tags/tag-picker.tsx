import { useLingui } from '@lingui/react/macro'
import { Plus } from 'lucide-react'
import { type KeyboardEvent, useId, useState } from 'react'
import { cn } from '../../components/ui/cn.ts'
import { errorCode, useErrorText } from '../../lib/errors.ts'
import { canWrite, useSignedIn } from '../../lib/session.ts'
import { RemovableTagChip } from './tag-chips.tsx'
import { tagChipClass } from './tag-colors.ts'
import { canCreateTag, createTag, matchingTags, type RecordTag, useRefreshTags, useTags } from './tags-api.ts'

// Choose tags by typing part of their name, or create a new one ("Create tag “vip”").
// The ARIA combobox pattern of the record picker: focus stays in the input, arrows move
// through the options, Enter picks, Escape closes, Backspace in the empty box removes the
// last chosen tag. `single` keeps at most one tag (the bulk "Add tag" action).
type Item = { kind: 'tag'; tag: RecordTag } | { kind: 'create'; name: string }

export function TagPicker({
  label,
  value,
  onChange,
  error,
  single = false,
  allowCreate = true,
  inlineList = false,
}: {
  label: string
  value: RecordTag[]
  onChange: (tags: RecordTag[]) => void
  error?: string
  single?: boolean
  allowCreate?: boolean
  /** Options in the flow of the page rather than floating: inside a dialog, which clips. */
  inlineList?: boolean
}) {
  const { t } = useLingui()
  const errorText = useErrorText()
  const id = useId()
  const { role } = useSignedIn()
  const tags = useTags()
  const refresh = useRefreshTags()
  const [text, setText] = useState('')
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(0)
  const [busy, setBusy] = useState(false)
  const [createError, setCreateError] = useState<string>()

  const all = tags.data ?? []
  const chosenIds = single ? [] : value.map((v) => v.id)
  const items: Item[] = matchingTags(all, text, chosenIds).map((tag) => ({ kind: 'tag', tag }))
  if (allowCreate && canWrite(role) && tags.isSuccess && canCreateTag(all, text))
    items.push({ kind: 'create', name: text.trim() })

  function pick(tag: RecordTag) {
    const { id, name, color } = tag
    onChange(single ? [{ id, name, color }] : [...value, { id, name, color }])
    setText('')
    setActive(0)
    if (single) setOpen(false)
  }

  async function choose(item: Item | undefined) {
    if (!item || busy) return
    if (item.kind === 'tag') return pick(item.tag)
    setBusy(true)
    setCreateError(undefined)
    try {
      const tag = await createTag(item.name)
      await refresh()
      // The name may belong to a tag that is already chosen (typed in another case).
      if (!value.some((v) => v.id === tag.id) || single) pick(tag)
      else setText('')
    } catch (err) {
      setCreateError(errorText(errorCode(err)))
    } finally {
      setBusy(false)
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown') {
      e.preventDefault()
      setOpen(true)
      setActive((a) => Math.min(a + 1, items.length - 1))
    } else if (e.key === 'ArrowUp') {
      e.preventDefault()
      setActive((a) => Math.max(a - 1, 0))
    } else if (e.key === 'Enter' && open && items.length > 0) {
      e.preventDefault()
      void choose(items[Math.min(active, items.length - 1)])
    } else if (e.key === 'Escape' && open) {
      // Closes the list only, not a dialog the picker sits in.
      e.preventDefault()
      e.stopPropagation()
      setOpen(false)
    } else if (e.key === 'Backspace' && !text && value.length > 0 && !single) {
      onChange(value.slice(0, -1))
    }
  }

  const activeIndex = Math.min(active, items.length - 1)
  const shownError = error ?? createError
  // "No matching tags" only answers something typed (or says there are none at all), not
  // an empty box once every tag is chosen.
  const empty = open && tags.isSuccess && items.length === 0 && (text.trim() !== '' || all.length === 0)
  return (
    <div className="relative space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {value.length > 0 && (
        <ul aria-label={t`Chosen tags`} className="flex flex-wrap gap-1.5">
          {value.map((tag) => (
            <li key={tag.id} className="max-w-full">
              <RemovableTagChip tag={tag} onRemove={() => onChange(value.filter((v) => v.id !== tag.id))} />
            </li>
          ))}
        </ul>
      )}
      <input
        id={id}
        role="combobox"
        aria-expanded={open && items.length > 0}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={open && items[activeIndex] ? `${id}-${activeIndex}` : undefined}
        aria-invalid={shownError ? true : undefined}
        aria-describedby={shownError ? `${id}-error` : undefined}
        aria-busy={busy || undefined}
        autoComplete="off"
        value={text}
        placeholder={single && value[0] ? value[0].name : t`Type to find or add a tag`}
        onChange={(e) => {
          setText(e.target.value)
          setOpen(true)
          setActive(0)
        }}
        onFocus={() => setOpen(true)}
        onClick={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
        className="block min-h-11 w-full rounded-md border border-slate-400 bg-white px-3 text-base aria-[invalid=true]:border-red-700"
      />
      {shownError && (
        <p id={`${id}-error`} className="text-sm text-red-800" role="alert">
          {shownError}
        </p>
      )}
      <div
        id={`${id}-list`}
        role="listbox"
        aria-label={label}
        hidden={!open || items.length === 0}
        className={cn(
          'z-30 mt-1 max-h-64 w-full overflow-auto rounded-md border border-slate-200 bg-white',
          inlineList ? 'relative' : 'absolute shadow-lg',
        )}
      >
        {items.map((item, i) => (
          // Focus stays in the input (aria-activedescendant): options are not focusable and
          // the keyboard is handled by the input, as in the record picker.
          // biome-ignore lint/a11y/useFocusableInteractive: see above
          // biome-ignore lint/a11y/useKeyWithClickEvents: see above
          <div
            key={item.kind === 'tag' ? item.tag.id : 'create'}
            id={`${id}-${i}`}
            role="option"
            aria-selected={i === activeIndex}
            className="flex min-h-11 cursor-pointer items-center gap-2 px-3 py-2 aria-selected:bg-teal-50"
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => void choose(item)}
          >
            {item.kind === 'tag' ? (
              <span
                className={`inline-flex max-w-full rounded-full border px-2.5 py-0.5 text-sm font-medium ${tagChipClass(item.tag.color)}`}
              >
                <span className="truncate">{item.tag.name}</span>
              </span>
            ) : (
              <>
                <Plus aria-hidden className="size-4 shrink-0 text-teal-800" />
                <span className="min-w-0 break-words">{t`Create tag “${item.name}”`}</span>
              </>
            )}
          </div>
        ))}
      </div>
      {empty && (
        <p
          className={cn(
            'z-30 mt-1 w-full rounded-md border border-slate-200 bg-white px-3 py-2.5 text-sm text-slate-700',
            inlineList ? 'relative' : 'absolute shadow-lg',
          )}
        >
          {all.length === 0 && !text ? t`No tags yet.` : t`No matching tags.`}
        </p>
      )}
    </div>
  )
}
