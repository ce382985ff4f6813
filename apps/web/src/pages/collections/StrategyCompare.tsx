/** Results per strategy and segment over a period, side by side (chart, table, CSV). */
import { DownloadOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import { Button, Card, DatePicker, Space, Table, Tag, Typography } from 'antd'
import type { Dayjs } from 'dayjs'
import { useState } from 'react'
import { api, buildQueryString } from '../../shared/api/client'
import { formatCurrency } from '../../shared/format'
import { useT } from '../../shared/i18n'
import { LoadError } from '../../shared/ui'
import { Chart } from '../servicing/Chart'
import { pct } from './labels'
import type { ResultFigures, StrategyReport } from './strategy-types'
import { COLLECTIONS } from './types'

type Row = ResultFigures & { key: string; label: string; role?: string | null; children?: Row[] }

const asPercent = (v: number | null) => (v === null ? 0 : Math.round(v * 1000) / 10)

export function StrategyCompare() {
  const t = useT()
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null)
  const [collapsed, setCollapsed] = useState<string[]>([])
  const query = { from: range?.[0].format('YYYY-MM-DD'), to: range?.[1].format('YYYY-MM-DD') }
  const q = useQuery({
    queryKey: ['collections', 'strategy-report', query],
    queryFn: ({ signal }) => api.get<StrategyReport>(`${COLLECTIONS}/strategies/report`, query, { signal }),
  })
  const r = q.data
  const none = t('collections.segment.none')
  const rows: Row[] = (r?.strategies ?? []).map((s) => ({
    ...s,
    key: s.strategyId,
    label: s.name,
    role: s.role,
    children: s.segments.map((g) => ({
      ...g,
      key: `${s.strategyId}/${g.segmentCode ?? ''}`,
      label: g.segmentName ?? g.segmentCode ?? none,
    })),
  }))
  const bars = (r?.strategies ?? []).flatMap((s) =>
    s.segments.map((g) => ({ label: `${s.name} · ${g.segmentName ?? g.segmentCode ?? none}`, ...g })),
  )
  return (
    <Card
      title={t('collections.compare.title')}
      size="small"
      style={{ marginTop: 16 }}
      extra={
        <Space wrap>
          <DatePicker.RangePicker value={range} onChange={(v) => setRange(v as [Dayjs, Dayjs] | null)} />
          <Button icon={<DownloadOutlined />} href={`${COLLECTIONS}/strategies/report.csv${buildQueryString(query)}`}>
            {t('collections.dashboard.export')}
          </Button>
        </Space>
      }
    >
      <LoadError error={q.error} onRetry={() => q.refetch()} />
      <Typography.Paragraph type="secondary">
        {r ? `${r.from} ~ ${r.to} · ` : ''}
        {t('collections.compare.hint')}
      </Typography.Paragraph>
      <Chart
        testId="strategy-compare-chart"
        height={320}
        option={{
          tooltip: { trigger: 'axis' },
          legend: { top: 0 },
          grid: { left: 48, right: 64, bottom: 110, top: 48 },
          xAxis: {
            type: 'category',
            data: bars.map((b) => b.label),
            axisLabel: { interval: 0, rotate: 30 },
          },
          yAxis: [
            { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
            { type: 'value', name: t('collections.compare.recovered') },
          ],
          series: [
            { type: 'bar', name: t('collections.compare.rate'), data: bars.map((b) => asPercent(b.collectionRate)) },
            {
              type: 'bar',
              name: t('collections.compare.keptRate'),
              data: bars.map((b) => asPercent(b.promiseKeptRate)),
            },
            {
              type: 'line',
              yAxisIndex: 1,
              name: t('collections.compare.recovered'),
              // the chart's axis only; the table shows the exact amount
              data: bars.map((b) => Number(b.recovered)),
            },
          ],
        }}
      />
      <Table<Row>
        size="small"
        rowKey="key"
        pagination={false}
        loading={q.isLoading}
        dataSource={rows}
        expandable={{
          expandedRowKeys: rows.map((x) => x.key).filter((k) => !collapsed.includes(k)),
          onExpand: (open, x) => setCollapsed((c) => (open ? c.filter((k) => k !== x.key) : [...c, x.key])),
        }}
        data-testid="strategy-compare-table"
        columns={[
          {
            key: 'label',
            title: t('collections.strategy.segments'),
            render: (_v, x) => (
              <Space>
                {x.label}
                {x.role && (
                  <Tag color={x.role === 'champion' ? 'blue' : 'orange'}>
                    {t(
                      x.role === 'champion' ? 'collections.strategy.role.champion' : 'collections.strategy.challenger',
                    )}
                  </Tag>
                )}
              </Space>
            ),
          },
          { key: 'cases', dataIndex: 'cases', title: t('collections.compare.cases'), align: 'right' },
          { key: 'collected', dataIndex: 'collected', title: t('collections.compare.collected'), align: 'right' },
          {
            key: 'rate',
            title: t('collections.compare.rate'),
            align: 'right',
            render: (_v, x) => pct(x.collectionRate),
          },
          {
            key: 'recovered',
            title: t('collections.compare.recovered'),
            align: 'right',
            render: (_v, x) => formatCurrency(x.recovered),
          },
          { key: 'promises', dataIndex: 'promises', title: t('collections.compare.promises'), align: 'right' },
          {
            key: 'kept',
            title: t('collections.compare.keptRate'),
            align: 'right',
            render: (_v, x) => pct(x.promiseKeptRate),
          },
        ]}
      />
    </Card>
  )
}
