/** Applications (进件) in the caller's scope, filtered by status and number. */
import { useQuery } from '@tanstack/react-query'
import { Card, Input, Select, Table } from 'antd'
import { useState } from 'react'
import { Link } from 'react-router-dom'
import { api } from '../../shared/api/client'
import type { Page } from '../../shared/api/types'
import { formatDateTime, formatMoney } from '../../shared/format'
import { type MessageKey, useT } from '../../shared/i18n'
import { LoadError, PageHeader } from '../../shared/ui'
import { APPLICATION_STATUSES, type Application } from './api'
import { AppStatusTag } from './labels'

export function ApplicationsPage() {
  const t = useT()
  const [status, setStatus] = useState<string | undefined>()
  const [q, setQ] = useState<string | undefined>()
  const [page, setPage] = useState(1)
  const list = useQuery({
    queryKey: ['list', '/api/v1/applications', { status, q, page }],
    queryFn: ({ signal }) =>
      api.get<Page<Application>>('/api/v1/applications', { status, q, page, pageSize: 20 }, { signal }),
  })
  return (
    <PageHeader title={t('orig.nav.applications')}>
      <Card>
        <div style={{ display: 'flex', gap: 8, marginBottom: 12, flexWrap: 'wrap' }}>
          <Select
            allowClear
            style={{ width: 180 }}
            placeholder={t('orig.status')}
            value={status}
            onChange={(v) => {
              setStatus(v)
              setPage(1)
            }}
            options={APPLICATION_STATUSES.map((s) => ({ value: s, label: t(`orig.status.${s}` as MessageKey) }))}
          />
          <Input.Search
            allowClear
            style={{ width: 240 }}
            placeholder={t('orig.appNo')}
            onSearch={(v) => setQ(v || undefined)}
          />
        </div>
        <LoadError error={list.error} onRetry={() => list.refetch()} />
        <Table<Application>
          rowKey="id"
          size="middle"
          loading={list.isLoading}
          dataSource={list.data?.items}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total,
            onChange: setPage,
            showSizeChanger: false,
          }}
          columns={[
            {
              title: t('orig.appNo'),
              dataIndex: 'appNo',
              render: (v, r) => <Link to={`/origination/applications/${r.id}`}>{v}</Link>,
            },
            { title: t('orig.customer'), render: (_, r) => r.applicant.name },
            { title: t('orig.product'), dataIndex: 'productName' },
            { title: t('orig.amount'), dataIndex: 'amount', align: 'right', render: (v) => formatMoney(v) },
            { title: t('orig.term'), dataIndex: 'term' },
            { title: t('orig.channel'), dataIndex: 'channel' },
            { title: t('orig.status'), dataIndex: 'status', render: (v) => <AppStatusTag status={v} /> },
            { title: t('orig.submittedAt'), dataIndex: 'submittedAt', render: (v) => formatDateTime(v) },
          ]}
        />
      </Card>
    </PageHeader>
  )
}
