// Pure rules of the mapping step (no React, no translations), so they are unit-tested:
// which targets an object offers, whether a mapping can be started, what the preview shows.
// The built-in targets are the server's own list (a module without dependencies).
import {
  COMPANY_TARGETS,
  type ImportObject,
  MULTI_TARGETS,
  PERSON_TARGETS,
} from '../../../server/features/imports/detect.ts'

export type { ImportObject }
export { COMPANY_TARGETS, PERSON_TARGETS }
export type Mapping = Record<string, string | null>

export const builtInTargets = (object: ImportObject): readonly string[] =>
  object === 'person' ? PERSON_TARGETS : COMPANY_TARGETS

/** At least one of these must be mapped, or the records would have no name. */
const NAME_TARGETS: Record<ImportObject, readonly string[]> = {
  person: ['firstName', 'lastName', 'fullName'],
  company: ['name'],
}

export type MappingCheck = {
  /** column → the earlier column that already took its target */
  duplicates: Record<string, string>
  /** a problem with the mapping as a whole, shown next to the start button */
  problem: 'nothing_mapped' | 'no_name' | null
}

/** Checks a mapping in column order: the first column keeps a target, later ones are flagged. */
export function checkMapping(object: ImportObject, columns: string[], mapping: Mapping): MappingCheck {
  const duplicates: Record<string, string> = {}
  const takenBy = new Map<string, string>()
  for (const column of columns) {
    const target = mapping[column]
    if (!target || MULTI_TARGETS.includes(target)) continue
    const first = takenBy.get(target)
    if (first !== undefined) duplicates[column] = first
    else takenBy.set(target, column)
  }
  const mapped = columns.some((c) => mapping[c])
  const named = NAME_TARGETS[object].some((t) => takenBy.has(t))
  return { duplicates, problem: !mapped ? 'nothing_mapped' : !named ? 'no_name' : null }
}

export const mappingIsValid = (check: MappingCheck) =>
  check.problem === null && Object.keys(check.duplicates).length === 0

/**
 * The mapping the step starts with: what was saved, else what the server recognised.
 * A suggested target that is not offered any more (an archived custom field) is dropped.
 */
export function initialMapping(
  columns: string[],
  saved: Mapping,
  suggested: Mapping,
  offered: ReadonlySet<string>,
): Mapping {
  const out: Mapping = {}
  for (const column of columns) {
    const target = column in saved ? saved[column] : (suggested[column] ?? null)
    out[column] = target && offered.has(target) ? target : null
  }
  return out
}

/** Up to `n` different non-empty values of one column, to recognise what it holds. */
export function sampleValues(sample: string[][], index: number, n = 3): string[] {
  const out: string[] = []
  for (const row of sample) {
    const value = row[index]?.trim()
    if (value && !out.includes(value)) out.push(value)
    if (out.length === n) break
  }
  return out
}

/**
 * The first rows as they will be imported: one column per mapped target (in the order
 * targets are offered), several source columns of a phone or email joined with ", ".
 */
export function previewRows(
  columns: string[],
  sample: string[][],
  mapping: Mapping,
  order: readonly string[],
): { targets: string[]; rows: string[][] } {
  const sources = new Map<string, number[]>()
  columns.forEach((column, index) => {
    const target = mapping[column]
    if (!target) return
    sources.set(target, [...(sources.get(target) ?? []), index])
  })
  const rank = (t: string) => {
    const i = order.indexOf(t)
    return i === -1 ? order.length : i
  }
  const targets = [...sources.keys()].sort((a, b) => rank(a) - rank(b))
  const rows = sample.map((row) =>
    targets.map((t) =>
      (sources.get(t) ?? [])
        .map((i) => row[i]?.trim() ?? '')
        .filter(Boolean)
        .join(', '),
    ),
  )
  return { targets, rows }
}

const ACCEPTED = ['.csv', '.tsv', '.txt', '.vcf']
export const ACCEPT_ATTR = [...ACCEPTED, 'text/csv', 'text/tab-separated-values', 'text/vcard'].join(',')

/** Whether a file's name has an extension the server reads. */
export const acceptedFile = (name: string) => ACCEPTED.some((ext) => name.toLowerCase().endsWith(ext))

/** "820 kB", "2.4 MB" through Intl, so each language writes its own unit. */
export function fileSize(bytes: number, locale: string): string {
  const [value, unit] =
    bytes < 1000
      ? [bytes, 'byte']
      : bytes < 1_000_000
        ? [bytes / 1000, 'kilobyte']
        : [bytes / 1_000_000, 'megabyte']
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit,
    unitDisplay: 'short',
    maximumFractionDigits: value < 10 ? 1 : 0,
  }).format(value)
}

/**
 * A vCard column ("fullName", "phone2": the fields the server reads from each card, see
 * vcard.ts) named like the field it holds, "Phone 2", with the target's label.
 */
export function vcardColumnName(
  column: string,
  label: (target: string) => string,
  number: (n: number) => string,
) {
  const numbered = /^(phone|email)(\d+)$/.exec(column)
  return numbered ? `${label(numbered[1]!)} ${number(Number(numbered[2]))}` : label(column)
}
