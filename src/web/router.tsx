import {
  createRootRoute,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  redirect,
} from '@tanstack/react-router'
import { type DashboardSearch, parseDashboardSearch } from './features/dashboard/period.ts'
import { parseListSearch } from './features/lists/list-url.ts'
import { AppShell } from './features/shell/app-shell.tsx'
import { NotFound, RouteError } from './features/shell/route-states.tsx'
import { activateLocale, isLocale } from './i18n/i18n.ts'
import { meQuery, queryClient } from './lib/session.ts'

// Every page is its own chunk (lazyRouteComponent); this file only says which URL shows
// which page and who may see it.
// Search params are plain optional strings; anything else is dropped.
const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined)

const rootRoute = createRootRoute({ component: Outlet, notFoundComponent: NotFound })

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: (s: Record<string, unknown>): { redirect?: string } => ({ redirect: str(s.redirect) }),
  component: lazyRouteComponent(() => import('./routes/sign-in.tsx'), 'SignInPage'),
})

const signUpRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-up',
  validateSearch: (s: Record<string, unknown>): { invite?: string } => ({ invite: str(s.invite) }),
  component: lazyRouteComponent(() => import('./routes/sign-up.tsx'), 'SignUpPage'),
})

const inviteRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/invite/$token',
  component: lazyRouteComponent(() => import('./routes/invite.tsx'), 'InvitePage'),
})

/** Signed-in pages: loads who we are, switches to their language, or sends them to sign in. */
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ location }) => {
    const me = await queryClient.ensureQueryData(meQuery)
    if (!me) throw redirect({ to: '/sign-in', search: { redirect: location.href } })
    const locale = me.user.locale ?? me.workspace?.locale
    if (isLocale(locale)) await activateLocale(locale)
    if (!me.workspace && location.pathname !== '/workspaces/new') throw redirect({ to: '/workspaces/new' })
    return { me }
  },
  component: AppShell,
  errorComponent: RouteError,
})

/** The home dashboard: `?period=&from=&to=&owner=&pipeline=&print=1`. */
const homeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  validateSearch: (s: Record<string, unknown>): DashboardSearch & { print?: true } => ({
    ...parseDashboardSearch(s),
    print: s.print === 1 || s.print === '1' || s.print === true ? true : undefined,
  }),
  component: lazyRouteComponent(() => import('./routes/dashboard.tsx'), 'DashboardPage'),
})

const forecastRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/forecast',
  validateSearch: (s: Record<string, unknown>): { owner?: string; pipeline?: string } => {
    const { owner, pipeline } = parseDashboardSearch(s)
    return { owner, pipeline }
  },
  component: lazyRouteComponent(() => import('./routes/forecast.tsx'), 'ForecastPage'),
})

/** The search params of every record list: `?q=&sort=&filters=&columns=&view=&trashed=true`. */
const listSearch = parseListSearch

const peopleRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/people',
  validateSearch: listSearch,
  component: lazyRouteComponent(() => import('./routes/people-list.tsx'), 'PeopleListPage'),
})

const personNewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/people/new',
  // From a company's page: the new person is preselected into that company.
  validateSearch: (s: Record<string, unknown>): { companyId?: string; companyName?: string } => ({
    companyId: str(s.companyId),
    companyName: str(s.companyName),
  }),
  component: lazyRouteComponent(() => import('./routes/person-new.tsx'), 'PersonNewPage'),
})

const personRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/people/$id',
  component: lazyRouteComponent(() => import('./routes/person-page.tsx'), 'PersonPage'),
})

const personEditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/people/$id/edit',
  component: lazyRouteComponent(() => import('./routes/person-edit.tsx'), 'PersonEditPage'),
})

const companiesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/companies',
  validateSearch: listSearch,
  component: lazyRouteComponent(() => import('./routes/companies-list.tsx'), 'CompaniesListPage'),
})

const companyNewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/companies/new',
  component: lazyRouteComponent(() => import('./routes/company-new.tsx'), 'CompanyNewPage'),
})

const companyRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/companies/$id',
  component: lazyRouteComponent(() => import('./routes/company-page.tsx'), 'CompanyPage'),
})

const companyEditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/companies/$id/edit',
  component: lazyRouteComponent(() => import('./routes/company-edit.tsx'), 'CompanyEditPage'),
})

const dealsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/deals',
  validateSearch: (s: Record<string, unknown>): { pipeline?: string } => ({ pipeline: str(s.pipeline) }),
  component: lazyRouteComponent(() => import('./routes/deals-board.tsx'), 'DealsBoardPage'),
})

type DealPreset = {
  pipelineId?: string
  personId?: string
  personName?: string
  companyId?: string
  companyName?: string
}

const dealsListRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/deals/list',
  validateSearch: listSearch,
  component: lazyRouteComponent(() => import('./routes/deals-list.tsx'), 'DealsListPage'),
})

const dealNewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/deals/new',
  // From a person's or company's page, or a board: the new deal starts linked to it.
  validateSearch: (s: Record<string, unknown>): DealPreset => ({
    pipelineId: str(s.pipelineId),
    personId: str(s.personId),
    personName: str(s.personName),
    companyId: str(s.companyId),
    companyName: str(s.companyName),
  }),
  component: lazyRouteComponent(() => import('./routes/deal-new.tsx'), 'DealNewPage'),
})

const dealsTrashRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/deals/trash',
  component: lazyRouteComponent(() => import('./routes/deals-trash.tsx'), 'DealsTrashPage'),
})

const dealRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/deals/$id',
  component: lazyRouteComponent(() => import('./routes/deal-page.tsx'), 'DealPage'),
})

const dealEditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/deals/$id/edit',
  component: lazyRouteComponent(() => import('./routes/deal-edit.tsx'), 'DealEditPage'),
})

const tasksRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/tasks',
  component: lazyRouteComponent(() => import('./routes/tasks.tsx'), 'TasksPage'),
})

const activitiesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/activities',
  validateSearch: listSearch,
  component: lazyRouteComponent(() => import('./routes/activities-list.tsx'), 'ActivitiesListPage'),
})

const importsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/imports',
  // Which kind of records the next upload holds: ?object=person|company
  validateSearch: (s: Record<string, unknown>): { object?: 'person' | 'company' } => ({
    object: s.object === 'person' || s.object === 'company' ? s.object : undefined,
  }),
  component: lazyRouteComponent(() => import('./routes/imports.tsx'), 'ImportsPage'),
})

const importRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/imports/$id',
  component: lazyRouteComponent(() => import('./routes/import-page.tsx'), 'ImportPage'),
})

const reportsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/reports',
  component: lazyRouteComponent(() => import('./routes/reports.tsx'), 'ReportsPage'),
})

const reportNewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/reports/new',
  component: lazyRouteComponent(() => import('./routes/report-page.tsx'), 'ReportNewPage'),
})

const reportRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/reports/$id',
  // ?print=1 opens the print dialog once the report has drawn.
  validateSearch: (s: Record<string, unknown>): { print?: true } => ({
    print: s.print === 1 || s.print === '1' || s.print === true ? true : undefined,
  }),
  component: lazyRouteComponent(() => import('./routes/report-page.tsx'), 'ReportPage'),
})

const settingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/settings',
  component: lazyRouteComponent(() => import('./routes/settings.tsx'), 'SettingsPage'),
})

const moreRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/more',
  component: lazyRouteComponent(() => import('./routes/more.tsx'), 'MorePage'),
})

const newWorkspaceRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/workspaces/new',
  component: lazyRouteComponent(() => import('./routes/workspace-new.tsx'), 'WorkspaceNewPage'),
})

const routeTree = rootRoute.addChildren([
  signInRoute,
  signUpRoute,
  inviteRoute,
  appRoute.addChildren([
    homeRoute,
    forecastRoute,
    peopleRoute,
    personNewRoute,
    personRoute,
    personEditRoute,
    companiesRoute,
    companyNewRoute,
    companyRoute,
    companyEditRoute,
    dealsRoute,
    dealsListRoute,
    dealNewRoute,
    dealsTrashRoute,
    dealRoute,
    dealEditRoute,
    tasksRoute,
    activitiesRoute,
    importsRoute,
    importRoute,
    reportsRoute,
    reportNewRoute,
    reportRoute,
    settingsRoute,
    moreRoute,
    newWorkspaceRoute,
  ]),
])

export const router = createRouter({ routeTree, defaultPreload: 'intent', scrollRestoration: true })

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router
  }
}
