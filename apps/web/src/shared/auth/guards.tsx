import { Button, Result, Spin } from 'antd'
import type { ReactNode } from 'react'
import { Link, Navigate, useLocation } from 'react-router-dom'
import { useT } from '../i18n'
import { useMe, usePermissions } from './session'

export function FullPageSpin() {
  return (
    <div style={{ minHeight: '60vh', display: 'grid', placeItems: 'center' }}>
      <Spin size="large" />
    </div>
  )
}

/** Console pages need a staff session; without one the person goes to /login and comes back after. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { data: me, isLoading, error, refetch } = useMe()
  const location = useLocation()
  const t = useT()
  if (isLoading) return <FullPageSpin />
  if (error)
    return (
      <Result
        status="warning"
        title={t('common.loadFailed')}
        subTitle={error.message}
        extra={<Button onClick={() => refetch()}>{t('common.retry')}</Button>}
      />
    )
  if (!me) {
    const next = location.pathname + location.search
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />
  }
  return children
}

/** A page the user's permissions do not cover answers like the server would: no access. */
export function RequirePermission({ permission, children }: { permission?: string | string[]; children: ReactNode }) {
  const { can } = usePermissions()
  const t = useT()
  if (!can(permission))
    return (
      <Result
        status="403"
        title={t('common.forbidden')}
        subTitle={t('common.forbiddenHint')}
        extra={
          <Link to="/">
            <Button type="primary">{t('common.backHome')}</Button>
          </Link>
        }
      />
    )
  return children
}

/** Renders its children only for users holding the permission (buttons for actions they may take). */
export function Can({ permission, children }: { permission: string | string[]; children: ReactNode }) {
  const { can } = usePermissions()
  return can(permission) ? children : null
}
