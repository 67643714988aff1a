import { AppError, type FieldError, invalid } from '../../http/errors.ts'
import { phoneSearchTerms, toE164 } from './phones.ts'

// Phones and emails of people and companies: the same rules for both.
export type PhoneValue = { e164: string; label: string | null }
export type EmailValue = { email: string; label: string | null }

/** E.164 for every number (workspace country as default region); field errors otherwise. */
export function normalizePhones(
  list: { number: string; label?: string | null }[],
  country: string,
): PhoneValue[] {
  const errors: FieldError[] = []
  const seen = new Set<string>()
  const out: PhoneValue[] = []
  list.forEach((p, i) => {
    const e164 = toE164(p.number, country)
    if (!e164) {
      errors.push({ field: `phones.${i}.number`, code: 'invalid_phone', message: 'Not a valid phone number' })
    } else if (seen.has(e164)) {
      errors.push({ field: `phones.${i}.number`, code: 'duplicate', message: 'This number is listed twice' })
    } else {
      seen.add(e164)
      out.push({ e164, label: p.label || null })
    }
  })
  if (errors.length) throw invalid(errors)
  return out
}

/** Emails as typed, each once (compared case-insensitively). */
export function normalizeEmails(list: { email: string; label?: string | null }[]): EmailValue[] {
  const seen = new Set<string>()
  const errors: FieldError[] = []
  const out: EmailValue[] = []
  list.forEach((e, i) => {
    const key = e.email.toLowerCase()
    if (seen.has(key)) {
      errors.push({ field: `emails.${i}.email`, code: 'duplicate', message: 'This email is listed twice' })
    } else {
      seen.add(key)
      out.push({ email: e.email, label: e.label || null })
    }
  })
  if (errors.length) throw invalid(errors)
  return out
}

/** Lowercased text that search matches with LIKE: the words, the emails and phone digits. */
export function searchText(words: (string | null | undefined)[], phones: PhoneValue[], emails: EmailValue[]) {
  return [
    ...words.filter(Boolean),
    ...emails.map((e) => e.email),
    ...phones.flatMap((p) => phoneSearchTerms(p.e164)),
  ]
    .join(' ')
    .toLowerCase()
}

/** 409 naming the record that already has one of these phones or emails. */
export function duplicateError(
  dup: { id: string; name: string; field: 'phone' | 'email'; value: string },
  phones: PhoneValue[],
  emails: EmailValue[],
) {
  const index =
    dup.field === 'phone'
      ? phones.findIndex((p) => p.e164 === dup.value)
      : emails.findIndex((e) => e.email.toLowerCase() === dup.value.toLowerCase())
  const field = dup.field === 'phone' ? `phones.${index}.number` : `emails.${index}.email`
  return new AppError(
    409,
    'duplicate',
    `${dup.name} already has this ${dup.field}; send allowDuplicate=true to save anyway`,
    [{ field, code: 'duplicate_record', message: `${dup.name} already has this ${dup.field}` }],
    { existing: { id: dup.id, name: dup.name } },
  )
}
