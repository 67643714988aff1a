import type { Company } from '../../../server/features/companies/companies.schema.ts'
import { useRecord, useRecordList, useTimeline } from '../../lib/records.ts'

export type { Company }
export type CompaniesParams = { q?: string; sort?: string; trashed?: boolean }

export const useCompaniesList = (params: CompaniesParams) => useRecordList<Company>('companies', params)
export const useCompany = (id: string) => useRecord<Company>('companies', id)
export const useCompanyTimeline = (id: string) => useTimeline('companies', id)
