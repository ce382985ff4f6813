/** Console routes of origination and credit review, each its own lazy chunk, guarded like its menu entry. */
import { type ComponentType, lazy, type ReactNode } from 'react'
import type { RouteObject } from 'react-router-dom'

function page<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }))
}

const ApplicationsPage = page(() => import('./ApplicationsPage'), 'ApplicationsPage')
const ApplicationDetailPage = page(() => import('./ApplicationDetailPage'), 'ApplicationDetailPage')
const ApprovalStepsPage = page(() => import('./ApprovalStepsPage'), 'ApprovalStepsPage')
const SettingsPage = page(() => import('./SettingsPage'), 'SettingsPage')
const PoolsPage = page(() => import('../review/PoolsPage'), 'PoolsPage')
const MyOrdersPage = page(() => import('../review/MyOrdersPage'), 'MyOrdersPage')
const ReviewPage = page(() => import('../review/ReviewPage'), 'ReviewPage')
const QiPage = page(() => import('../review/QiPage'), 'QiPage')
const StatsPage = page(() => import('../review/StatsPage'), 'StatsPage')

export function originationRoutes(guarded: (menuKey: string, element: ReactNode) => ReactNode): RouteObject[] {
  return [
    { path: 'origination/applications', element: guarded('applications', <ApplicationsPage />) },
    { path: 'origination/applications/:id', element: guarded('applications', <ApplicationDetailPage />) },
    { path: 'origination/approval-steps', element: guarded('approvalSteps', <ApprovalStepsPage />) },
    { path: 'origination/settings', element: guarded('originationSettings', <SettingsPage />) },
    { path: 'review/pools', element: guarded('reviewPools', <PoolsPage />) },
    { path: 'review/my-orders', element: guarded('reviewMine', <MyOrdersPage />) },
    { path: 'review/orders/:id', element: guarded('reviewMine', <ReviewPage />) },
    { path: 'review/qi', element: guarded('reviewQi', <QiPage />) },
    { path: 'review/stats', element: guarded('reviewStats', <StatsPage />) },
  ]
}
