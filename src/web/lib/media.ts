import { useSyncExternalStore } from 'react'

/** True while the media query matches, e.g. useMedia('(min-width: 768px)') for desktop. */
export function useMedia(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const mql = matchMedia(query)
      mql.addEventListener('change', onChange)
      return () => mql.removeEventListener('change', onChange)
    },
    () => matchMedia(query).matches,
  )
}

export const useDesktop = () => useMedia('(min-width: 768px)')
