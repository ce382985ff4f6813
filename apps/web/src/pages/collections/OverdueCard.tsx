/** Overdue rate (逾期率) of installments due in the period, by product, vintage, channel, region or reviewer; chart and CSV. */
import { DownloadOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import { Button, Card, Segmented, Space, Table } from 'antd'
import { useState } from 'react'
import { api, buildQueryString } from '../../shared/api/client'
import { formatCurrency } from '../../shared/format'
import { type MessageKey, useT } from '../../shared/i18n'
import { LoadError } from '../../shared/ui'
import { Chart } from '../servicing/Chart'
import { pct } from './labels'
import { COLLECTIONS } from './types'

type Row = {
  key: string
  label?: string
  due: number
  overdue: number
  dueAmount: string
  overdueAmount: string
  rateByCount: number | null
  rateByAmount: number | null
}
const BY = ['product', 'vintage', 'channel', 'region', 'reviewer'] as const
const asPercent = (v: number | null) => (v === null ? 0 : Math.round(v * 1000) / 10)

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
        <Space wrap>
          <Segmented
            value={by}
            onChange={(v) => setBy(v as (typeof BY)[number])}
            options={BY.map((b) => ({ value: b, label: t(`collections.overdue.by.${b}` as MessageKey) }))}
            data-testid="overdue-by"
          />
          <Button
            size="small"
            icon={<DownloadOutlined />}
            href={`${COLLECTIONS}/statistics/overdue.csv${buildQueryString({ by, from, to })}`}
          >
            {t('collections.overdue.export')}
          </Button>
        </Space>
      }
    >
      <LoadError error={q.error} onRetry={() => q.refetch()} />
      <Chart
        testId="overdue-rate-chart"
        option={{
          tooltip: { trigger: 'axis' },
          legend: { top: 0 },
          grid: { left: 48, right: 24, bottom: 32, top: 40 },
          xAxis: { type: 'category', data: (q.data?.items ?? []).map((r) => r.label ?? r.key) },
          yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
          series: [
            {
              type: 'bar',
              name: t('collections.overdue.rateByCount'),
              data: (q.data?.items ?? []).map((r) => asPercent(r.rateByCount)),
            },
            {
              type: 'bar',
              name: t('collections.overdue.rateByAmount'),
              data: (q.data?.items ?? []).map((r) => asPercent(r.rateByAmount)),
            },
          ],
        }}
      />
      <Table<Row>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={q.data?.items ?? []}
        loading={q.isLoading}
        columns={[
          {
            key: 'k',
            title: t(`collections.overdue.by.${by}` as MessageKey),
            render: (_v, r) => r.label ?? r.key,
          },
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
