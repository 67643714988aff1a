import type { Locale } from '../workspaces/regions.ts'

// The pipeline every new workspace starts with, named in the workspace language.
// Lead and won/lost follow the glossary (shared/glossary.md).
const NAMES: Record<Locale, { pipeline: string; stages: [string, string, string, string, string, string] }> =
  {
    en: { pipeline: 'Sales', stages: ['Lead', 'Qualified', 'Proposal', 'Negotiation', 'Won', 'Lost'] },
    am: {
      pipeline: 'ሽያጭ',
      stages: ['ሊሆን የሚችል ደንበኛ', 'የተረጋገጠ', 'የዋጋ ሀሳብ ቀርቧል', 'ድርድር', 'ተሳክቷል', 'አልተሳካም'],
    },
    sw: {
      pipeline: 'Mauzo',
      stages: [
        'Mteja mtarajiwa',
        'Amethibitishwa',
        'Pendekezo limetumwa',
        'Majadiliano',
        'Imefanikiwa',
        'Imepotea',
      ],
    },
  }

const SHAPE = [
  { probability: 10, kind: 'open' },
  { probability: 25, kind: 'open' },
  { probability: 50, kind: 'open' },
  { probability: 75, kind: 'open' },
  { probability: 100, kind: 'won' },
  { probability: 0, kind: 'lost' },
] as const

export function defaultPipeline(locale: Locale) {
  const names = NAMES[locale]
  return {
    name: names.pipeline,
    stages: SHAPE.map((s, i) => ({ ...s, name: names.stages[i]! })),
  }
}
