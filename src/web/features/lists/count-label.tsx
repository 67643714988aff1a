import { Plural } from '@lingui/react/macro'
import type { ListCount } from './list-api.ts'
import type { ListObject } from './list-state.ts'

// "1,234 people", "1 company", "10,000+ deals": the number through Intl in the UI language
// (Lingui formats `#` with the active locale), the noun in the language's plural form.
// A capped count (the server stops counting at 10,000) gets a "+".
export function CountText({
  object,
  count,
  capped = false,
}: {
  object: ListObject
  count: number
  capped?: boolean
}) {
  if (capped) {
    switch (object) {
      case 'person':
        return <Plural value={count} one="#+ person" other="#+ people" />
      case 'company':
        return <Plural value={count} one="#+ company" other="#+ companies" />
      case 'deal':
        return <Plural value={count} one="#+ deal" other="#+ deals" />
      case 'activity':
        return <Plural value={count} one="#+ activity" other="#+ activities" />
    }
  }
  switch (object) {
    case 'person':
      return <Plural value={count} one="# person" other="# people" />
    case 'company':
      return <Plural value={count} one="# company" other="# companies" />
    case 'deal':
      return <Plural value={count} one="# deal" other="# deals" />
    case 'activity':
      return <Plural value={count} one="# activity" other="# activities" />
  }
}

/** How many rows the list's filters match, announced politely when it changes. */
export function CountLabel({ object, count }: { object: ListObject; count: ListCount | undefined }) {
  return (
    <p className="text-sm text-slate-700" aria-live="polite" aria-atomic="true">
      {count ? <CountText object={object} count={count.count} capped={count.capped} /> : '\u00a0'}
    </p>
  )
}
