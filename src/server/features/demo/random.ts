import { parsePhoneNumberFromString } from 'libphonenumber-js/max'
import { type Country, MOBILE_PREFIXES } from './seed-data.ts'

// A seeded random source (mulberry32), so the demo data is the same on every run.
export type Random = ReturnType<typeof random>

export function random(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
  const hex = (digits: number) =>
    Array.from({ length: digits }, () => Math.floor(next() * 16).toString(16)).join('')
  return {
    next,
    int,
    chance: (p: number) => next() < p,
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
    /** One of `list`, chosen by the weights. */
    weighted: <T>(list: readonly (readonly [T, number])[]): T => {
      let x = next() * list.reduce((s, [, w]) => s + w, 0)
      for (const [value, w] of list) {
        x -= w
        if (x < 0) return value
      }
      return list[list.length - 1]![0]
    },
    /** A UUIDv7 for the instant `ms`, its random bits from this source (so ids sort by time). */
    uuid: (ms: number) => {
      const t = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0')
      const variant = (8 + Math.floor(next() * 4)).toString(16)
      return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${hex(3)}-${variant}${hex(3)}-${hex(12)}`
    },
  }
}

/** A valid mobile number of the country in E.164, checked with libphonenumber's full metadata. */
export function mobileNumber(r: Random, country: Country, taken: Set<string>): string {
  const { code, prefixes, rest } = MOBILE_PREFIXES[country]
  for (;;) {
    const digits = Array.from({ length: rest }, () => r.int(0, 9)).join('')
    const e164 = `+${code}${r.pick(prefixes)}${digits}`
    const parsed = parsePhoneNumberFromString(e164)
    if (parsed?.isValid() && parsed.getType() === 'MOBILE' && !taken.has(e164)) {
      taken.add(e164)
      return e164
    }
  }
}

export const DAY = 86_400_000
