import { searchText } from '../../src/server/features/contacts/contacts.rules.ts'
import { toE164 } from '../../src/server/features/contacts/phones.ts'
import { type Exec, lit } from './sql.ts'

// The generator writes search_text and sort_name in SQL; the app writes them with
// searchText() and fullName().toLowerCase(). This checks a sample of loaded rows against
// the app's own helpers, and every sampled phone against the app's phone parser, so a
// drift between the two fails the run instead of skewing the search numbers.

type Sample = {
  id: string
  first_name: string
  last_name: string
  sort_name: string
  search_text: string
  phones: string[] | null
  emails: string[] | null
}

export async function verifySample(exec: Exec, ws: string, size = 500): Promise<number> {
  const rows = (await exec(`select p.id, p.first_name, p.last_name, p.sort_name, p.search_text,
      (select array_agg(e164 order by position) from person_phones x
        where x.workspace_id = p.workspace_id and x.person_id = p.id) as phones,
      (select array_agg(email order by position) from person_emails x
        where x.workspace_id = p.workspace_id and x.person_id = p.id) as emails
    from people p
    where p.workspace_id = ${lit(ws)} and hashtext(p.id::text) % 50 = 0
    limit ${size}`)) as Sample[]
  const problems: string[] = []
  for (const r of rows) {
    const phones = (r.phones ?? []).map((e164) => ({ e164, label: null }))
    const emails = (r.emails ?? []).map((email) => ({ email, label: null }))
    const expected = searchText([r.first_name, r.last_name], phones, emails)
    if (r.search_text !== expected) problems.push(`${r.id} search_text ${r.search_text} ≠ ${expected}`)
    const sortName = `${r.first_name} ${r.last_name}`.trim().toLowerCase()
    if (r.sort_name !== sortName) problems.push(`${r.id} sort_name ${r.sort_name} ≠ ${sortName}`)
    for (const p of phones) {
      if (toE164(p.e164, 'ET') !== p.e164) problems.push(`${r.id} phone ${p.e164} is not valid`)
    }
  }
  if (!rows.length) throw new Error('verify: no people sampled')
  if (problems.length)
    throw new Error(`verify: ${problems.length} mismatches, e.g.\n${problems.slice(0, 5).join('\n')}`)
  return rows.length
}
