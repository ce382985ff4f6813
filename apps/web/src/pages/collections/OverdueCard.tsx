/** Overdue rate (逾期率) of installments due in the period, by product, vintage, channel or region. */
import { useQuery } from '@tanstack/react-query'
import { Card, Segmented, Table } from 'antd'
import { useState } from 'react'
import { api } from '../../shared/api/client'
import { formatCurrency } from '../../shared/format'
import { type MessageKey, useT } from '../../shared/i18n'
import { LoadError } from '../../shared/ui'
import { pct } from './labels'
import { COLLECTIONS } from './types'

type Row = {
  key: string
  due: number
  overdue: number
  dueAmount: string
  overdueAmount: string
  rateByCount: number | null
  rateByAmount: number | null
}
const BY = ['product', 'vintage', 'channel', 'region'] as const

export function OverdueCard({ from, to }: { from?: string; to?: string }) {
  const t = useT()
  const [by, setBy] = useState<(typeof BY)[number]>('product')
  const q = useQuery({
    queryKey: ['collections', 'overdue', by, from, to],
    queryFn: ({ signal }) =>
      api.get<{ items: Row[] }>(`${COLLECTIONS}/statistics/overdue`, { by, from, to }, { signal }),
  })
  return (
    <Card
      title={t('collections.overdue.title')}
      size="small"
      style={{ marginTop: 16 }}
      extra={
        <Segmented
          value={by}
          onChange={(v) => setBy(v as (typeof BY)[number])}
          options={BY.map((b) => ({ value: b, label: t(`collections.overdue.by.${b}` as MessageKey) }))}
        />
      }
    >
      <LoadError error={q.error} onRetry={() => q.refetch()} />
      <Table<Row>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={q.data?.items ?? []}
        loading={q.isLoading}
        columns={[
          { key: 'k', dataIndex: 'key', title: t(`collections.overdue.by.${by}` as MessageKey) },
          { key: 'd', dataIndex: 'due', title: t('collections.overdue.due'), align: 'right' },
          { key: 'o', dataIndex: 'overdue', title: t('collections.overdue.overdue'), align: 'right' },
          {
            key: 'rc',
            title: t('collections.overdue.rateByCount'),
            align: 'right',
            render: (_v, r) => pct(r.rateByCount),
          },
          {
            key: 'da',
            title: t('collections.overdue.dueAmount'),
            align: 'right',
            render: (_v, r) => formatCurrency(r.dueAmount),
          },
          {
            key: 'oa',
            title: t('collections.overdue.overdueAmount'),
            align: 'right',
            render: (_v, r) => formatCurrency(r.overdueAmount),
          },
          {
            key: 'ra',
            title: t('collections.overdue.rateByAmount'),
            align: 'right',
            render: (_v, r) => pct(r.rateByAmount),
          },
        ]}
      />
    </Card>
  )
}
