import { ConfigProvider } from 'antd'
import { Suspense } from 'react'
import { Outlet } from 'react-router-dom'
import { FullPageSpin } from '../../shared/auth/guards'

/** The borrower's mobile web: one narrow column, large touch targets. */
export function H5Layout() {
  return (
    <ConfigProvider componentSize="large" theme={{ token: { fontSize: 15 } }}>
      <div className="xd-h5">
        <Suspense fallback={<FullPageSpin />}>
          <Outlet />
        </Suspense>
      </div>
    </ConfigProvider>
  )
}
