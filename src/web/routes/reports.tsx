import { ReportsList } from '../features/reports/reports-list.tsx'

// Saved reports: mine and the shared ones.
export function ReportsPage() {
  return <ReportsList />
}
