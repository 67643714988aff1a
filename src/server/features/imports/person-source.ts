import { PERSON_SOURCES, type PersonSource } from '../people/people.schema.ts'

// A "Source" / "Lead Source" cell → one of the fixed people sources, or null. The list is
// ours, so only its keys are understood, in any case and with spaces or hyphens for the
// underscore ("Walk-in", "WALK IN") or a plural ("Referrals"). Anything else (HubSpot's
// "Organic Search", free text) is left unset: the row is still imported.
export function personSourceOf(cell: string): PersonSource | null {
  const key = cell
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_')
  if (!key) return null
  const known = (k: string) => (PERSON_SOURCES as readonly string[]).includes(k)
  if (known(key)) return key as PersonSource
  if (key.endsWith('s') && known(key.slice(0, -1))) return key.slice(0, -1) as PersonSource
  return null
}
