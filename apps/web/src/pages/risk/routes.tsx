/**
 * The risk console's routes, each its own lazy chunk and guarded like its menu entry. Versions (the
 * builder, the diff) belong to the scenes entry.
 */
import { type ComponentType, lazy, type ReactNode } from 'react'
import type { RouteObject } from 'react-router-dom'

function page<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }))
}

const ScenesPage = page(() => import('./scenes/ScenesPage'), 'ScenesPage')
const SceneDetailPage = page(() => import('./scenes/SceneDetailPage'), 'SceneDetailPage')
const DiffPage = page(() => import('./scenes/DiffPage'), 'DiffPage')
const VersionPage = page(() => import('./builder/VersionPage'), 'VersionPage')
const IndicatorsPage = page(() => import('./indicators/IndicatorsPage'), 'IndicatorsPage')
const DataSourcesPage = page(() => import('./sources/DataSourcesPage'), 'DataSourcesPage')
const ListsPage = page(() => import('./lists/ListsPage'), 'ListsPage')
const BacktestPage = page(() => import('./backtest/BacktestPage'), 'BacktestPage')
const ReportsPage = page(() => import('./report/ReportsPage'), 'ReportsPage')
const ReportDetailPage = page(() => import('./report/ReportDetailPage'), 'ReportDetailPage')

export function riskRoutes(guarded: (menuKey: string, element: ReactNode) => ReactNode): RouteObject[] {
  return [
    { path: 'risk/scenes', element: guarded('riskScenes', <ScenesPage />) },
    { path: 'risk/scenes/:code', element: guarded('riskScenes', <SceneDetailPage />) },
    { path: 'risk/versions/:id', element: guarded('riskScenes', <VersionPage />) },
    { path: 'risk/versions/:id/diff', element: guarded('riskScenes', <DiffPage />) },
    { path: 'risk/indicators', element: guarded('riskIndicators', <IndicatorsPage />) },
    { path: 'risk/sources', element: guarded('riskSources', <DataSourcesPage />) },
    { path: 'risk/lists', element: guarded('riskLists', <ListsPage />) },
    { path: 'risk/backtest', element: guarded('riskBacktest', <BacktestPage />) },
    { path: 'risk/reports', element: guarded('riskReports', <ReportsPage />) },
    { path: 'risk/reports/:id', element: guarded('riskReports', <ReportDetailPage />) },
  ]
}
