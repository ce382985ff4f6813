/** The collections console's routes, each its own lazy chunk and guarded like its menu entry. */
import { type ComponentType, lazy, type ReactNode } from 'react'
import type { RouteObject } from 'react-router-dom'

function page<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }))
}

const PoolsPage = page(() => import('./PoolsPage'), 'PoolsPage')
const MyCasesPage = page(() => import('./MyCasesPage'), 'MyCasesPage')
const CaseDetailPage = page(() => import('./CaseDetailPage'), 'CaseDetailPage')
const StagesPage = page(() => import('./StagesPage'), 'StagesPage')
const CompliancePage = page(() => import('./CompliancePage'), 'CompliancePage')
const DashboardPage = page(() => import('./DashboardPage'), 'DashboardPage')
const StrategiesPage = page(() => import('./StrategiesPage'), 'StrategiesPage')
const LegalListPage = page(() => import('./LegalListPage'), 'LegalListPage')
const WarningsPage = page(() => import('./WarningsPage'), 'WarningsPage')

export function collectionsRoutes(guarded: (menuKey: string, element: ReactNode) => ReactNode): RouteObject[] {
  return [
    { path: 'collections/pools', element: guarded('collectionPools', <PoolsPage />) },
    { path: 'collections/my-cases', element: guarded('collectionMyCases', <MyCasesPage />) },
    { path: 'collections/cases/:id', element: guarded('collectionDashboard', <CaseDetailPage />) },
    { path: 'collections/stages', element: guarded('collectionStages', <StagesPage />) },
    { path: 'collections/compliance', element: guarded('collectionCompliance', <CompliancePage />) },
    { path: 'collections/dashboard', element: guarded('collectionDashboard', <DashboardPage />) },
    { path: 'collections/strategies', element: guarded('collectionStrategies', <StrategiesPage />) },
    { path: 'collections/legal', element: guarded('collectionLegal', <LegalListPage />) },
    { path: 'collections/warnings', element: guarded('collectionWarnings', <WarningsPage />) },
  ]
}
