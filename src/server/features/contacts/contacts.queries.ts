import { type SQL, sql } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import { type DbOrTx, qualified, queryRows } from '../../db/client.ts'
import type { EmailValue, PhoneValue } from './contacts.rules.ts'

// Phones and emails live in one table pair per record type (person_phones,
// company_phones, …) so each has a real composite foreign key. These functions work on
// either pair; table and column names come from this fixed map, never from input.
export type ContactOwner = 'person' | 'company'

const ident = (name: string) => sql`${sql.identifier(name)}`

const TABLES: Record<ContactOwner, { phones: SQL; emails: SQL; key: SQL; records: SQL; name: SQL }> = {
  person: {
    phones: ident('person_phones'),
    emails: ident('person_emails'),
    key: ident('person_id'),
    records: ident('people'),
    name: sql`trim(r.first_name || ' ' || r.last_name)`,
  },
  company: {
    phones: ident('company_phones'),
    emails: ident('company_emails'),
    key: ident('company_id'),
    records: ident('companies'),
    name: sql`r.name`,
  },
}

/** Replaces a record's phones and/or emails (a list left undefined stays as it is). */
export async function replaceContacts(
  db: DbOrTx,
  owner: ContactOwner,
  workspaceId: string,
  id: string,
  phones: PhoneValue[] | undefined,
  emails: EmailValue[] | undefined,
) {
  const t = TABLES[owner]
  if (phones) {
    await db.execute(sql`delete from ${t.phones} where workspace_id = ${workspaceId} and ${t.key} = ${id}`)
    for (const [position, p] of phones.entries()) {
      await db.execute(sql`insert into ${t.phones} (workspace_id, ${t.key}, position, e164, label)
        values (${workspaceId}, ${id}, ${position}, ${p.e164}, ${p.label})`)
    }
  }
  if (emails) {
    await db.execute(sql`delete from ${t.emails} where workspace_id = ${workspaceId} and ${t.key} = ${id}`)
    for (const [position, e] of emails.entries()) {
      await db.execute(sql`insert into ${t.emails} (workspace_id, ${t.key}, position, email, label)
        values (${workspaceId}, ${id}, ${position}, ${e.email}, ${e.label})`)
    }
  }
}

/**
 * A record's phones and emails as two JSON arrays, for the select list of a page query
 * (`record` is the page's table): a list page then needs no second statement for them.
 */
export function contactsJson(owner: ContactOwner, record: { workspaceId: AnyPgColumn; id: AnyPgColumn }) {
  const t = TABLES[owner]
  const of = (table: SQL) =>
    sql`from ${table} x where x.workspace_id = ${qualified(record.workspaceId)} and x.${t.key} = ${qualified(record.id)}`
  return {
    phones: sql`coalesce((select json_agg(json_build_object('e164', x.e164, 'label', x.label) order by x.position)
      ${of(t.phones)}), '[]')`,
    emails: sql`coalesce((select json_agg(json_build_object('email', x.email, 'label', x.label) order by x.position)
      ${of(t.emails)}), '[]')`,
  }
}

/** Phones and emails of many records at once, in their saved order. */
export async function loadContacts(db: DbOrTx, owner: ContactOwner, workspaceId: string, ids: string[]) {
  const phones = new Map<string, PhoneValue[]>()
  const emails = new Map<string, EmailValue[]>()
  if (!ids.length) return { phones, emails }
  const t = TABLES[owner]
  // One array parameter, not 50: cheaper to build and the same statement text every page.
  const idList = sql`${sql.param(ids)}::uuid[]`
  // Phones and emails in one statement (one round trip per list page, not two).
  const rows = await queryRows<{
    owner: string
    kind: 'phone' | 'email'
    value: string
    label: string | null
  }>(
    db,
    sql`select ${t.key} as owner, 'phone' as kind, e164 as value, label, position from ${t.phones}
        where workspace_id = ${workspaceId} and ${t.key} = any(${idList})
      union all
      select ${t.key}, 'email', email, label, position from ${t.emails}
        where workspace_id = ${workspaceId} and ${t.key} = any(${idList})
      order by kind, position`,
  )
  for (const { owner: o, kind, value, label } of rows) {
    if (kind === 'phone') phones.set(o, [...(phones.get(o) ?? []), { e164: value, label }])
    else emails.set(o, [...(emails.get(o) ?? []), { email: value, label }])
  }
  return { phones, emails }
}

export type Duplicate = { id: string; name: string; field: 'phone' | 'email'; value: string }

/** Another live record of the same type with one of these phones or emails, if any. */
export async function findDuplicate(
  db: DbOrTx,
  owner: ContactOwner,
  workspaceId: string,
  phones: PhoneValue[],
  emails: EmailValue[],
  exceptId: string | null,
): Promise<Duplicate | null> {
  if (!phones.length && !emails.length) return null
  const t = TABLES[owner]
  const none = sql`null::text`
  const phoneList = phones.length
    ? sql.join(
        phones.map((p) => sql`${p.e164}`),
        sql`, `,
      )
    : none
  const emailList = emails.length
    ? sql.join(
        emails.map((e) => sql`${e.email.toLowerCase()}`),
        sql`, `,
      )
    : none
  const rows = await queryRows<Duplicate>(
    db,
    sql`select r.id, ${t.name} as name, 'phone' as field, c.e164 as value
          from ${t.phones} c join ${t.records} r on r.workspace_id = c.workspace_id and r.id = c.${t.key}
          where c.workspace_id = ${workspaceId} and c.e164 in (${phoneList}) and r.deleted_at is null
            and r.id is distinct from ${exceptId}::uuid
        union all
        select r.id, ${t.name} as name, 'email' as field, c.email as value
          from ${t.emails} c join ${t.records} r on r.workspace_id = c.workspace_id and r.id = c.${t.key}
          where c.workspace_id = ${workspaceId} and lower(c.email) in (${emailList}) and r.deleted_at is null
            and r.id is distinct from ${exceptId}::uuid
        limit 1`,
  )
  return rows[0] ?? null
}
