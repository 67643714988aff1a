import { useLingui } from '@lingui/react/macro'
import { X } from 'lucide-react'
import { cn } from '../../components/ui/cn.ts'
import { tagChipClass } from './tag-colors.ts'
import type { RecordTag } from './tags-api.ts'

// Tags as coloured chips. The name is always written out, so colour is never the only
// signal; the list is labelled for screen readers.
const chipClass = 'inline-flex max-w-full items-center rounded-full border px-2.5 py-0.5 text-sm font-medium'

export function TagChip({ tag, className }: { tag: Pick<RecordTag, 'name' | 'color'>; className?: string }) {
  return (
    <span className={cn(chipClass, tagChipClass(tag.color), className)}>
      <span className="truncate">{tag.name}</span>
    </span>
  )
}

export function TagChips({
  tags,
  className,
}: {
  tags: readonly RecordTag[] | undefined
  className?: string
}) {
  const { t } = useLingui()
  if (!tags?.length) return null
  return (
    <ul aria-label={t`Tags`} className={cn('flex flex-wrap gap-1.5', className)}>
      {tags.map((tag) => (
        <li key={tag.id} className="max-w-full">
          <TagChip tag={tag} />
        </li>
      ))}
    </ul>
  )
}

/** A chip with a remove button, as the tag picker shows what is chosen. */
export function RemovableTagChip({
  tag,
  onRemove,
  disabled,
}: {
  tag: RecordTag
  onRemove: () => void
  disabled?: boolean
}) {
  const { t } = useLingui()
  const name = tag.name
  return (
    <span className={cn(chipClass, tagChipClass(tag.color), 'gap-0.5 py-0 pr-0')}>
      <span className="truncate">{name}</span>
      <button
        type="button"
        disabled={disabled}
        onClick={onRemove}
        className="inline-flex min-h-11 min-w-11 items-center justify-center rounded-full hover:bg-black/10 focus-visible:outline-2 focus-visible:outline-teal-700"
      >
        <X aria-hidden className="size-3.5" />
        <span className="sr-only">{t`Remove tag ${name}`}</span>
      </button>
    </span>
  )
}
