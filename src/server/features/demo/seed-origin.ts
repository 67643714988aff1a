import type { PersonSource } from '../people/people.schema.ts'
import { DAY, type Random } from './random.ts'
import type { Country } from './seed-data.ts'

// Where each demo person came from and where they live, with the skew of a small East
// African business: most customers come by word of mouth or walk in, social media grows
// over the year, and the capital holds about half of each country's customers.

const SOURCES: (readonly [PersonSource | null, number])[] = [
  ['referral', 26],
  ['walk_in', 18],
  ['phone', 14],
  ['social', 12],
  ['website', 9],
  ['event', 7],
  ['advert', 5],
  ['other', 3],
  [null, 6],
]

export const TOWNS: Record<Country, (readonly [string, number])[]> = {
  ET: [
    ['Addis Ababa', 50],
    ['Adama', 10],
    ['Hawassa', 9],
    ['Bahir Dar', 9],
    ['Mekelle', 7],
    ['Dire Dawa', 7],
    ['Gondar', 4],
    ['Jimma', 4],
  ],
  KE: [
    ['Nairobi', 50],
    ['Mombasa', 16],
    ['Kisumu', 10],
    ['Nakuru', 9],
    ['Eldoret', 8],
    ['Thika', 4],
    ['Malindi', 3],
  ],
  TZ: [
    ['Dar es Salaam', 45],
    ['Arusha', 14],
    ['Mwanza', 12],
    ['Dodoma', 10],
    ['Zanzibar', 9],
    ['Moshi', 6],
    ['Mbeya', 4],
  ],
}

/**
 * A person's source and city. `r` is a stream of its own, so adding these fields did not
 * change the rest of the demo data. People of a company mostly live in its city.
 */
export function personOrigin(
  r: Random,
  country: Country,
  companyCity: string | null,
  createdAt: Date,
  now: Date,
): { source: PersonSource | null; city: string | null } {
  const recent = now.getTime() - createdAt.getTime() < 120 * DAY
  const source = r.weighted(
    recent ? SOURCES.map(([k, w]) => [k, k === 'social' ? w * 1.5 : w] as const) : SOURCES,
  )
  const city = r.chance(0.04) ? null : companyCity && r.chance(0.7) ? companyCity : r.weighted(TOWNS[country])
  return { source, city }
}
