// The column keys of each CSV export: a public contract (the web list sends the visible
// columns as these keys), so add, never rename. No zod here: the web app imports this file.
export const PEOPLE_EXPORT_COLUMNS = [
  'id',
  'firstName',
  'lastName',
  'jobTitle',
  'company',
  'phones',
  'emails',
  'owner',
  'createdAt',
  'updatedAt',
  'source',
  'city',
] as const

export const COMPANY_EXPORT_COLUMNS = [
  'id',
  'name',
  'domain',
  'industry',
  'size',
  'city',
  'region',
  'country',
  'phones',
  'emails',
  'owner',
  'peopleCount',
  'createdAt',
] as const

export const DEAL_EXPORT_COLUMNS = [
  'id',
  'title',
  'amount',
  'currency',
  'pipeline',
  'stage',
  'status',
  'person',
  'company',
  'owner',
  'expectedCloseDate',
  'closedAt',
  'lostReason',
  'createdAt',
] as const
