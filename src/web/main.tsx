import { I18nProvider } from '@lingui/react'
import { QueryClientProvider } from '@tanstack/react-query'
import { RouterProvider } from '@tanstack/react-router'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { activateLocale, i18n, initialLocale } from './i18n/i18n.ts'
import { queryClient } from './lib/session.ts'
import { router } from './router.tsx'
import './styles.css'

// Start in the last-used language (or the browser's); the signed-in app switches to the
// user's saved choice once it knows who they are.
await activateLocale(initialLocale())

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <I18nProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </I18nProvider>
  </StrictMode>,
)
