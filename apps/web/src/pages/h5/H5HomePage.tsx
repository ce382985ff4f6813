import { AppstoreOutlined, LogoutOutlined, MobileOutlined } from '@ant-design/icons'
import { useQueryClient } from '@tanstack/react-query'
import { Button, Card, Descriptions } from 'antd'
import { Navigate, useLocation, useNavigate } from 'react-router-dom'
import { api } from '../../shared/api/client'
import { BORROWER_ME_KEY, useBorrowerMe } from '../../shared/auth/borrower'
import { FullPageSpin } from '../../shared/auth/guards'
import { formatDate } from '../../shared/format'
import { useT } from '../../shared/i18n'
import { LoadError } from '../../shared/ui'
import { H5Hero } from './H5Hero'

export function H5HomePage() {
  const t = useT()
  const navigate = useNavigate()
  const location = useLocation()
  const queryClient = useQueryClient()
  const me = useBorrowerMe()

  if (me.isLoading) return <FullPageSpin />
  if (me.error)
    return (
      <div className="xd-h5-body">
        <LoadError error={me.error} onRetry={() => me.refetch()} />
      </div>
    )
  if (!me.data) return <Navigate to="/h5/login" replace />

  const isNew = Boolean((location.state as { isNew?: boolean } | null)?.isNew)
  const logout = async () => {
    try {
      await api.post('/api/v1/borrower/logout', undefined, { allowUnauthenticated: true })
    } finally {
      queryClient.setQueryData(BORROWER_ME_KEY, null)
      navigate('/h5/login', { replace: true })
    }
  }

  return (
    <>
      <H5Hero title={isNew ? t('h5.welcomeNew') : t('h5.welcome')} subtitle={me.data.phoneMasked} />
      <div className="xd-h5-body" style={{ display: 'grid', gap: 16, alignContent: 'start' }}>
        <Card title={t('h5.account')} size="small">
          <Descriptions
            column={1}
            size="small"
            items={[
              {
                key: 'phone',
                label: t('h5.phone'),
                children: (
                  <span data-testid="h5-phone">
                    <MobileOutlined /> {me.data.phoneMasked}
                  </span>
                ),
              },
              { key: 'since', label: t('h5.memberSince'), children: formatDate(me.data.createdAt) },
            ]}
          />
        </Card>
        <Card size="small">
          <div style={{ display: 'flex', gap: 12, alignItems: 'center' }}>
            <AppstoreOutlined style={{ fontSize: 28, color: '#1668dc' }} />
            <div style={{ display: 'grid', gap: 8, flex: 1 }}>
              <Button type="primary" block onClick={() => navigate('/h5/apply')} data-testid="h5-apply">
                {t('h5a.apply')}
              </Button>
              <Button block onClick={() => navigate('/h5/applications')} data-testid="h5-my-applications">
                {t('h5a.myApplications')}
              </Button>
            </div>
          </div>
        </Card>
        <Button block danger icon={<LogoutOutlined />} onClick={logout} style={{ height: 48 }} data-testid="h5-logout">
          {t('h5.logout')}
        </Button>
      </div>
    </>
  )
}
