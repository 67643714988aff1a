import { QueryClient, queryOptions, useQuery } from '@tanstack/react-query'
import { api, isStatus } from './api.ts'
import type { Me } from './types.ts'

// Who is signed in and in which workspace. `null` means signed out.
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      retry: (count, err) => count < 2 && !isStatus(err, 401) && !isStatus(err, 404),
    },
  },
})

export const meQuery = queryOptions({
  queryKey: ['me'],
  queryFn: async (): Promise<Me | null> => {
    try {
      return await api<Me>('/api/v1/me')
    } catch (err) {
      if (isStatus(err, 401)) return null
      throw err
    }
  },
  staleTime: 60_000,
})

export const useMe = () => useQuery(meQuery)

/** The signed-in user's data in a page below the app shell, where it is always loaded. */
export function useSignedIn() {
  const { data } = useMe()
  if (!data?.workspace || !data.role) throw new Error('useSignedIn outside the signed-in app')
  return { user: data.user, workspace: data.workspace, role: data.role, workspaces: data.workspaces }
}

export const canWrite = (role: string) => role !== 'viewer'
export const canManage = (role: string) => role === 'owner' || role === 'admin'

export async function signOut() {
  await api('/api/auth/sign-out', { method: 'POST', body: {} })
  queryClient.clear()
}
