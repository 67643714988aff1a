import type { ReactNode } from 'react'
import { LanguageSwitcher } from '../shell/language-switcher.tsx'

// The frame of the signed-out pages: brand, language choice, one card.
export function AuthLayout({ title, children }: { title: ReactNode; children: ReactNode }) {
  return (
    <div className="min-h-dvh bg-slate-50">
      <header className="flex items-center justify-between px-4 py-3">
        <span className="text-xl font-bold text-teal-800">Kiungo</span>
        <LanguageSwitcher signedIn={false} />
      </header>
      <main className="mx-auto max-w-md px-4 pb-12">
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="mb-6 text-2xl font-semibold text-slate-900">{title}</h1>
          {children}
        </div>
      </main>
    </div>
  )
}
