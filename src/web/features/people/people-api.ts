import { useQuery } from '@tanstack/react-query'
import { api } from '../../lib/api.ts'
import { useRecord, useRecordList, useTimeline } from '../../lib/records.ts'
import type { Member, Person } from '../../lib/types.ts'

// Server state of the people pages.
export type PeopleParams = { q?: string; sort?: string; trashed?: boolean; companyId?: string }

export const usePeopleList = (params: PeopleParams) => useRecordList<Person>('people', params)
export const usePerson = (id: string) => useRecord<Person>('people', id)
export const usePersonTimeline = (id: string) => useTimeline('people', id)

export function useMembers() {
  return useQuery({
    queryKey: ['members'],
    queryFn: () => api<Member[]>('/api/v1/workspace/members'),
    staleTime: 5 * 60_000,
  })
}

export const fullName = (p: { firstName: string; lastName: string }) => `${p.firstName} ${p.lastName}`.trim()
