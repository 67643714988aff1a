import { Trans, useLingui } from '@lingui/react/macro'
import { useQueryClient } from '@tanstack/react-query'
import { Link, Outlet, useNavigate } from '@tanstack/react-router'
import {
  Building2,
  CheckSquare,
  FileChartColumn,
  History,
  Kanban,
  LayoutDashboard,
  LogOut,
  Menu,
  Settings,
  TrendingUp,
  Users,
} from 'lucide-react'
import type { ReactNode } from 'react'
import { Toaster } from '../../components/ui/toast.tsx'
import { api } from '../../lib/api.ts'
import { signOut, useMe } from '../../lib/session.ts'
import type { Me } from '../../lib/types.ts'
import { useTaskCounts } from '../activities/tasks-api.ts'
import { SearchButton } from '../search/search-button.tsx'
import { LanguageSwitcher } from './language-switcher.tsx'

// The frame of every signed-in page: a header (workspace, language, sign out), a sidebar
// on desktop and a bottom bar on phones with the same places.
// The phone's bottom bar keeps five places (Home, People, Deals, Tasks, More, as UX.md
// says); `desktop` places are in the sidebar and, on phones, on the More page.
export type NavItem = { to: string; label: ReactNode; icon: ReactNode; desktop?: boolean; phone?: boolean }
export function useNav(): NavItem[] {
  return [
    {
      to: '/',
      label: <Trans>Dashboard</Trans>,
      icon: <LayoutDashboard aria-hidden className="size-5" />,
    },
    { to: '/people', label: <Trans>People</Trans>, icon: <Users aria-hidden className="size-5" /> },
    {
      to: '/deals',
      label: <Trans context="navigation">Deals</Trans>,
      icon: <Kanban aria-hidden className="size-5" />,
    },
    {
      to: '/companies',
      label: <Trans>Companies</Trans>,
      icon: <Building2 aria-hidden className="size-5" />,
      desktop: true,
    },
    { to: '/tasks', label: <TasksLabel />, icon: <CheckSquare aria-hidden className="size-5" /> },
    {
      to: '/activities',
      label: <Trans>Activities</Trans>,
      icon: <History aria-hidden className="size-5" />,
      desktop: true,
    },
    {
      to: '/forecast',
      label: <Trans>Forecast</Trans>,
      icon: <TrendingUp aria-hidden className="size-5" />,
      desktop: true,
    },
    {
      to: '/reports',
      label: <Trans>Reports</Trans>,
      icon: <FileChartColumn aria-hidden className="size-5" />,
      desktop: true,
    },
    {
      to: '/settings',
      label: <Trans>Settings</Trans>,
      icon: <Settings aria-hidden className="size-5" />,
      desktop: true,
    },
    { to: '/more', label: <Trans>More</Trans>, icon: <Menu aria-hidden className="size-5" />, phone: true },
  ]
}

/** "Tasks" with how many are overdue or due today; the number is read as "3 due". */
function TasksLabel() {
  const { data } = useTaskCounts()
  const count = (data?.overdue ?? 0) + (data?.today ?? 0)
  return (
    // Inline, not flex: the space before the hidden text stays in the link's name.
    <span>
      <Trans>Tasks</Trans>
      {count > 0 && (
        <>
          <span
            aria-hidden
            className="ml-1.5 inline-block min-w-5 rounded-full bg-red-700 px-1.5 text-center text-xs font-semibold text-white"
          >
            {count}
          </span>{' '}
          <span className="sr-only">
            <Trans>{count} due</Trans>
          </span>
        </>
      )}
    </span>
  )
}

export function WorkspaceSwitcher({ me, className }: { me: Me; className?: string }) {
  const { t } = useLingui()
  const qc = useQueryClient()
  const navigate = useNavigate()
  if (me.workspaces.length < 2) {
    return <span className={`truncate font-medium ${className ?? ''}`}>{me.workspace?.name}</span>
  }
  return (
    <select
      aria-label={t`Workspace`}
      className={`min-h-11 max-w-56 rounded-md border border-slate-300 bg-white px-2 text-sm ${className ?? ''}`}
      value={me.workspace?.id}
      onChange={async (e) => {
        await api('/api/v1/session/workspace', { method: 'POST', body: { workspaceId: e.target.value } })
        qc.clear()
        await navigate({ to: '/' })
      }}
    >
      {me.workspaces.map((w) => (
        <option key={w.id} value={w.id}>
          {w.name}
        </option>
      ))}
    </select>
  )
}

export function AppShell() {
  const { data: me } = useMe()
  const nav = useNav()
  const navigate = useNavigate()
  if (!me) return null
  const linkClass =
    'flex min-h-11 items-center gap-3 rounded-md px-3 text-slate-700 hover:bg-slate-100 data-[status=active]:bg-teal-50 data-[status=active]:font-semibold data-[status=active]:text-teal-800'
  return (
    <div className="min-h-dvh bg-slate-50 md:grid md:grid-cols-[15rem_1fr]">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:p-2">
        <Trans>Skip to content</Trans>
      </a>
      <aside className="hidden border-r border-slate-200 bg-white p-4 md:block">
        <p className="mb-6 px-3 text-xl font-bold text-teal-800">Kiungo</p>
        <nav aria-label="Kiungo">
          <ul className="space-y-1">
            {nav
              .filter((n) => !n.phone)
              .map((n) => (
                <li key={n.to}>
                  <Link to={n.to} activeOptions={{ exact: n.to === '/' }} className={linkClass}>
                    {n.icon}
                    {n.label}
                  </Link>
                </li>
              ))}
          </ul>
        </nav>
      </aside>
      <div className="flex min-w-0 flex-col pb-20 md:pb-0">
        <header className="flex items-center gap-2 border-b border-slate-200 bg-white px-4 py-2">
          <span className="font-bold text-teal-800 md:hidden">Kiungo</span>
          <WorkspaceSwitcher me={me} className="hidden md:block" />
          <span className="flex-1" />
          <SearchButton />
          <LanguageSwitcher signedIn />
          <button
            type="button"
            className="hidden min-h-11 items-center gap-2 rounded-md px-3 text-sm text-slate-700 hover:bg-slate-100 md:flex"
            onClick={async () => {
              await signOut()
              await navigate({ to: '/sign-in', search: { redirect: undefined } })
            }}
          >
            <LogOut aria-hidden className="size-4" />
            <Trans>Sign out</Trans>
          </button>
        </header>
        <main id="main" className="mx-auto w-full max-w-6xl flex-1 p-4 md:p-8">
          <Outlet />
        </main>
      </div>
      <nav
        aria-label="Kiungo"
        className="fixed inset-x-0 bottom-0 z-40 border-t border-slate-200 bg-white md:hidden"
      >
        <ul className="grid grid-flow-col auto-cols-fr">
          {nav
            .filter((n) => !n.desktop)
            .map((n) => (
              <li key={n.to}>
                <Link
                  to={n.to}
                  activeOptions={{ exact: n.to === '/' }}
                  className="flex min-h-14 flex-col items-center justify-center gap-0.5 text-xs text-slate-700 data-[status=active]:font-semibold data-[status=active]:text-teal-800"
                >
                  {n.icon}
                  {n.label}
                </Link>
              </li>
            ))}
        </ul>
      </nav>
      <Toaster />
    </div>
  )
}
