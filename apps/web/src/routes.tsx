/**
 * Routes: the staff console at `/` (sign-in at `/login`), the borrower H5 at `/h5/*`.
 * Every page is its own lazy chunk; console pages are guarded by the permission of their menu entry.
 */
import { type ComponentType, lazy, type ReactNode, Suspense } from 'react'
import { createBrowserRouter, Outlet } from 'react-router-dom'
import { collectionsRoutes } from './pages/collections/routes'
import { originationRoutes } from './pages/origination/routes'
import { riskRoutes } from './pages/risk/routes'
import { FullPageSpin, RequireAuth, RequirePermission } from './shared/auth/guards'
import { ConsoleLayout } from './shared/layout/ConsoleLayout'
import { menuEntry } from './shared/layout/menu'

function page<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }))
}

const LoginPage = page(() => import('./pages/login/LoginPage'), 'LoginPage')
const HomePage = page(() => import('./pages/home/HomePage'), 'HomePage')
const UsersPage = page(() => import('./pages/users/UsersPage'), 'UsersPage')
const UserDetailPage = page(() => import('./pages/users/UserDetailPage'), 'UserDetailPage')
const AccessPage = page(() => import('./pages/access/AccessPage'), 'AccessPage')
const TeamsPage = page(() => import('./pages/teams/TeamsPage'), 'TeamsPage')
const InstitutionsPage = page(() => import('./pages/institutions/InstitutionsPage'), 'InstitutionsPage')
const InstitutionDetailPage = page(() => import('./pages/institutions/InstitutionDetailPage'), 'InstitutionDetailPage')
const AuditPage = page(() => import('./pages/audit/AuditPage'), 'AuditPage')
const OutboxPage = page(() => import('./pages/outbox/OutboxPage'), 'OutboxPage')
const SearchPage = page(() => import('./pages/search/SearchPage'), 'SearchPage')
const ApprovalsPage = page(() => import('./pages/approvals/ApprovalsPage'), 'ApprovalsPage')
const ProductsPage = page(() => import('./pages/servicing/ProductsPage'), 'ProductsPage')
const ProductDetailPage = page(() => import('./pages/servicing/ProductDetailPage'), 'ProductDetailPage')
const LoansPage = page(() => import('./pages/servicing/LoansPage'), 'LoansPage')
const LoanDetailPage = page(() => import('./pages/servicing/LoanDetailPage'), 'LoanDetailPage')
const LedgerPage = page(() => import('./pages/servicing/LedgerPage'), 'LedgerPage')
const CobPage = page(() => import('./pages/servicing/CobPage'), 'CobPage')
const CalculatorPage = page(() => import('./pages/servicing/CalculatorPage'), 'CalculatorPage')
const CustomersPage = page(() => import('./pages/customers/CustomersPage'), 'CustomersPage')
const Customer360Page = page(() => import('./pages/customers/Customer360Page'), 'Customer360Page')
const NotFoundPage = page(() => import('./pages/NotFoundPage'), 'NotFoundPage')
const H5Layout = page(() => import('./pages/h5/H5Layout'), 'H5Layout')
const H5LoginPage = page(() => import('./pages/h5/H5LoginPage'), 'H5LoginPage')
const H5HomePage = page(() => import('./pages/h5/H5HomePage'), 'H5HomePage')
const H5ApplyPage = page(() => import('./pages/h5/H5ApplyPage'), 'H5ApplyPage')
const H5ApplicationsPage = page(() => import('./pages/h5/H5ApplicationsPage'), 'H5ApplicationsPage')
const H5ApplicationPage = page(() => import('./pages/h5/H5ApplicationPage'), 'H5ApplicationPage')

function guarded(menuKey: string, element: ReactNode) {
  return <RequirePermission permission={menuEntry(menuKey).permission}>{element}</RequirePermission>
}

function Standalone() {
  return (
    <Suspense fallback={<FullPageSpin />}>
      <Outlet />
    </Suspense>
  )
}

export const router = createBrowserRouter([
  {
    element: <Standalone />,
    children: [
      { path: '/login', element: <LoginPage /> },
      {
        path: '/h5',
        element: <H5Layout />,
        children: [
          { index: true, element: <H5HomePage /> },
          { path: 'login', element: <H5LoginPage /> },
          { path: 'apply', element: <H5ApplyPage /> },
          { path: 'applications', element: <H5ApplicationsPage /> },
          { path: 'applications/:id', element: <H5ApplicationPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
  {
    path: '/',
    element: (
      <RequireAuth>
        <ConsoleLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <HomePage /> },
      { path: 'system/users', element: guarded('users', <UsersPage />) },
      { path: 'system/users/:id', element: guarded('users', <UserDetailPage />) },
      { path: 'system/access', element: guarded('access', <AccessPage />) },
      { path: 'system/teams', element: guarded('teams', <TeamsPage />) },
      { path: 'system/institutions', element: guarded('institutions', <InstitutionsPage />) },
      { path: 'system/institutions/:id', element: guarded('institutions', <InstitutionDetailPage />) },
      { path: 'system/audit', element: guarded('audit', <AuditPage />) },
      { path: 'system/outbox', element: guarded('outbox', <OutboxPage />) },
      { path: 'customers', element: guarded('customers', <CustomersPage />) },
      { path: 'customers/:id', element: guarded('customers', <Customer360Page />) },
      { path: 'search', element: <SearchPage /> },
      { path: 'approvals', element: <ApprovalsPage /> },
      { path: 'servicing/products', element: guarded('products', <ProductsPage />) },
      { path: 'servicing/products/:id', element: guarded('products', <ProductDetailPage />) },
      { path: 'servicing/loans', element: guarded('loans', <LoansPage />) },
      { path: 'servicing/loans/:id', element: guarded('loans', <LoanDetailPage />) },
      { path: 'servicing/ledger', element: guarded('ledger', <LedgerPage />) },
      { path: 'servicing/cob', element: guarded('cob', <CobPage />) },
      { path: 'servicing/calculator', element: guarded('calculator', <CalculatorPage />) },
      ...originationRoutes(guarded),
      ...riskRoutes(guarded),
      ...collectionsRoutes(guarded),
      { path: '*', element: <NotFoundPage /> },
    ],
  },
])
