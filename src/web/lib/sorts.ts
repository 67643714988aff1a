/** The sort orders record lists share, by API value (labels in labels.ts). */
export const COMMON_SORTS = ['-updatedAt', 'name', '-name', '-createdAt', 'createdAt'] as const
export type CommonSort = (typeof COMMON_SORTS)[number]
