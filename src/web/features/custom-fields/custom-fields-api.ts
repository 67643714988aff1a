import { useQuery, useQueryClient } from '@tanstack/react-query'
import type * as z from 'zod'
import type {
  CustomFieldObject,
  CustomFieldType,
  customFieldCreateInput,
  customFieldUpdateInput,
} from '../../../server/features/custom-fields/custom-fields.schema.ts'
import { api } from '../../lib/api.ts'
import type { Collection } from '../../lib/records.ts'
import type { CustomField } from '../../lib/types.ts'

// Server state of custom field definitions (admins add, relabel, reorder, remove them).
// Shapes are the server's own zod types (type-only imports).
export type { CustomField, CustomFieldObject, CustomFieldType }
export type CustomFieldOption = CustomField['options'][number]
export type Labels = CustomField['labels']
/** What the API takes (zod input types: optional translations may be left out). */
type CreateBody = Omit<z.input<typeof customFieldCreateInput>, 'object'>
type UpdateBody = z.input<typeof customFieldUpdateInput>

/** Which record list holds the values of an object's custom fields. */
export const COLLECTION_OF: Record<CustomFieldObject, Collection> = {
  person: 'people',
  company: 'companies',
  deal: 'deals',
}

const BASE = '/api/v1/custom-fields'

/** Active fields of an object (by position), or the removed (archived) ones. */
export function useCustomFields(object: CustomFieldObject, archived = false) {
  return useQuery({
    queryKey: ['custom-fields', object, archived ? 'archived' : 'active'],
    queryFn: async () => {
      const { data } = await api<{ data: CustomField[] }>(
        `${BASE}?object=${object}${archived ? '&archived=true' : ''}`,
      )
      // archived=true lists live fields too: keep the removed ones only.
      return archived ? data.filter((f) => f.archivedAt) : data
    },
    staleTime: 5 * 60_000,
  })
}

/**
 * Create, change, reorder, remove (archive), restore and purge fields of one object.
 * Each refreshes the definitions, the field catalog of the lists, and, when values
 * appear or disappear from the API outputs, that object's records.
 */
export function useCustomFieldActions(object: CustomFieldObject) {
  const qc = useQueryClient()

  async function refresh(records = false) {
    await Promise.all([
      qc.invalidateQueries({ queryKey: ['custom-fields', object] }),
      qc.invalidateQueries({ queryKey: ['fields'] }),
      records ? qc.invalidateQueries({ queryKey: [COLLECTION_OF[object]] }) : undefined,
    ])
  }

  return {
    async create(input: CreateBody) {
      const field = await api<CustomField>(BASE, { method: 'POST', body: { object, ...input } })
      await refresh()
      return field
    },
    async update(field: CustomField, patch: UpdateBody) {
      const saved = await api<CustomField>(`${BASE}/${field.id}`, {
        method: 'PATCH',
        body: patch,
        version: field.version,
      })
      await refresh()
      return saved
    },
    /**
     * Saves a new order: positions 0…n-1, written only for the fields whose position
     * changes. The list is shown in its new order at once.
     */
    async reorder(ordered: CustomField[]) {
      const key = ['custom-fields', object, 'active']
      qc.setQueryData(key, ordered)
      try {
        for (const [position, field] of ordered.entries()) {
          if (field.position === position) continue
          await api(`${BASE}/${field.id}`, { method: 'PATCH', body: { position }, version: field.version })
        }
      } finally {
        await refresh()
      }
    },
    async archive(field: CustomField) {
      await api(`${BASE}/${field.id}`, { method: 'DELETE', version: field.version })
      await refresh(true)
    },
    async restore(field: CustomField) {
      const restored = await api<CustomField>(`${BASE}/${field.id}/restore`, { method: 'POST' })
      await refresh(true)
      return restored
    },
    async purge(field: CustomField) {
      await api(`${BASE}/${field.id}?purge=true`, { method: 'DELETE', version: field.version })
      await refresh(true)
    },
  }
}
