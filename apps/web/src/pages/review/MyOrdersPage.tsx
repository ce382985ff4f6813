/** "My orders" (我的订单): only the orders assigned to the signed-in reviewer. */
import { useQuery } from '@tanstack/react-query'
import { Card, Select, Table } from 'antd'
import { useState } from 'react'
import { Link } from 'react-router-dom'
import { api } from '../../shared/api/client'
import type { Page } from '../../shared/api/types'
import { formatDateTime, formatMoney } from '../../shared/format'
import { type MessageKey, useT } from '../../shared/i18n'
import { LoadError, PageHeader } from '../../shared/ui'
import { ORDER_STATUSES, type Order } from '../origination/api'
import { OrderStatusTag, SlaTag } from '../origination/labels'

export function MyOrdersPage() {
  const t = useT()
  const [status, setStatus] = useState<string | undefined>()
  const q = useQuery({
    queryKey: ['list', '/api/v1/review/my-orders', { status }],
    queryFn: ({ signal }) =>
      api.get<Page<Order>>(
        '/api/v1/review/my-orders',
        { status, pageSize: 100, sort: 'dueAt', order: 'asc' },
        { signal },
      ),
  })
  return (
    <PageHeader title={t('review.nav.mine')}>
      <Card>
        <Select
          allowClear
          style={{ width: 200, marginBottom: 12 }}
          placeholder={t('orig.status')}
          value={status}
          onChange={setStatus}
          options={ORDER_STATUSES.map((s) => ({ value: s, label: t(`review.status.${s}` as MessageKey) }))}
        />
        <LoadError error={q.error} onRetry={() => q.refetch()} />
        <Table<Order>
          rowKey="id"
          loading={q.isLoading}
          dataSource={q.data?.items}
          pagination={false}
          columns={[
            {
              title: t('orig.appNo'),
              dataIndex: 'appNo',
              render: (v, o) => (
                <Link to={`/review/orders/${o.id}`} data-testid="my-order-link">
                  {v}
                </Link>
              ),
            },
            { title: t('review.page'), dataIndex: 'stage', render: (v) => t(`review.stage.${v}` as MessageKey) },
            { title: t('orig.customer'), dataIndex: 'customerName' },
            { title: t('orig.amount'), dataIndex: 'amount', align: 'right', render: (v) => formatMoney(v) },
            { title: t('orig.status'), dataIndex: 'status', render: (v) => <OrderStatusTag status={v} /> },
            { title: t('review.dueAt'), dataIndex: 'dueAt', render: (v) => formatDateTime(v) },
            { title: t('review.sla'), dataIndex: 'slaState', render: (v) => <SlaTag state={v} /> },
          ]}
        />
      </Card>
    </PageHeader>
  )
}
