/** Sort orders the people list offers (a subset of the API's, in menu order). */
export const PEOPLE_SORTS = ['-updatedAt', 'name', '-name', '-createdAt', 'createdAt'] as const
