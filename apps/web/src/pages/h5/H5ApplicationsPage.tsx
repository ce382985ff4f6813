/** The borrower's applications (H5), newest first. */
import { useQuery } from '@tanstack/react-query'
import { Button, Card, Empty, List, Tag } from 'antd'
import { Link, Navigate, useNavigate } from 'react-router-dom'
import { api } from '../../shared/api/client'
import { useBorrowerMe } from '../../shared/auth/borrower'
import { FullPageSpin } from '../../shared/auth/guards'
import { formatDateTime, formatMoney } from '../../shared/format'
import { type MessageKey, useT } from '../../shared/i18n'
import { H5Hero } from './H5Hero'

type Item = { id: string; appNo: string; productName: string; amount: string; status: string; submittedAt: string }

export function H5ApplicationsPage() {
  const t = useT()
  const navigate = useNavigate()
  const me = useBorrowerMe()
  const q = useQuery({
    queryKey: ['borrower-applications'],
    queryFn: () => api.get<Item[]>('/api/v1/borrower/applications'),
    enabled: !!me.data,
  })
  if (me.isLoading) return <FullPageSpin />
  if (!me.data) return <Navigate to="/h5/login" replace />
  return (
    <>
      <H5Hero title={t('h5a.myApplications')} />
      <div className="xd-h5-body" style={{ display: 'grid', gap: 16, alignContent: 'start' }}>
        <Card size="small">
          {q.data && q.data.length === 0 ? (
            <Empty description={t('h5a.none')} />
          ) : (
            <List
              dataSource={q.data}
              renderItem={(a) => (
                <List.Item>
                  <Link to={`/h5/applications/${a.id}`} style={{ width: '100%' }} data-testid="h5-application">
                    <div style={{ display: 'flex', justifyContent: 'space-between' }}>
                      <b>{a.productName}</b>
                      <Tag>{t(`orig.status.${a.status}` as MessageKey)}</Tag>
                    </div>
                    <div style={{ color: '#888' }}>
                      {formatMoney(a.amount)} · {formatDateTime(a.submittedAt)}
                    </div>
                  </Link>
                </List.Item>
              )}
            />
          )}
        </Card>
        <Button type="primary" block style={{ height: 48 }} onClick={() => navigate('/h5/apply')}>
          {t('h5a.apply')}
        </Button>
        <Button block onClick={() => navigate('/h5')}>
          {t('h5a.back')}
        </Button>
      </div>
    </>
  )
}
