import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { App as AntdApp } from 'antd'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { RouterProvider } from 'react-router-dom'
import { router } from './routes'
import { setUnauthorizedHandler } from './shared/api/client'
import { isApiError } from './shared/api/error'
import { BORROWER_ME_KEY } from './shared/auth/borrower'
import { endSession } from './shared/auth/session'
import { I18nProvider } from './shared/i18n'
import './styles.css'

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // 4xx answers are final (no access, not found, bad filter); only transient failures are retried.
      retry: (failureCount, error) =>
        !(isApiError(error) && error.status >= 400 && error.status < 500) && failureCount < 2,
      refetchOnWindowFocus: false,
    },
  },
})

// A 401 from any request means the session is gone (idle timeout, logout elsewhere): back to sign-in.
setUnauthorizedHandler((error) => {
  const { pathname, search } = window.location
  if (pathname.startsWith('/h5')) {
    queryClient.setQueryData(BORROWER_ME_KEY, null)
    if (pathname !== '/h5/login') void router.navigate('/h5/login', { replace: true })
    return
  }
  endSession(queryClient)
  if (pathname === '/login') return
  const params = new URLSearchParams({ next: pathname + search })
  if (error.code === 'session_expired') params.set('reason', 'expired')
  void router.navigate(`/login?${params}`, { replace: true })
})

const root = document.getElementById('root')
if (!root) throw new Error('#root is missing from index.html')

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <AntdApp>
          <RouterProvider router={router} />
        </AntdApp>
      </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
)
