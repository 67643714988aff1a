import type { TagColor } from './tags-api.ts'

// Each palette colour as a light chip with dark text of the same hue: every pair has a
// contrast ratio well above 4.5:1 (Tailwind's -100 background with -900 text). Written out
// in full so Tailwind finds the class names.
export const TAG_CHIP_CLASS: Record<TagColor, string> = {
  slate: 'border-slate-300 bg-slate-100 text-slate-900',
  red: 'border-red-300 bg-red-100 text-red-900',
  orange: 'border-orange-300 bg-orange-100 text-orange-900',
  amber: 'border-amber-300 bg-amber-100 text-amber-900',
  green: 'border-green-300 bg-green-100 text-green-900',
  teal: 'border-teal-300 bg-teal-100 text-teal-900',
  blue: 'border-blue-300 bg-blue-100 text-blue-900',
  violet: 'border-violet-300 bg-violet-100 text-violet-900',
  pink: 'border-pink-300 bg-pink-100 text-pink-900',
}

/** A colour the server may add later still gets a readable chip. */
export const tagChipClass = (color: string) => TAG_CHIP_CLASS[color as TagColor] ?? TAG_CHIP_CLASS.slate
