/** Collection effect (催收效果): the collection rate by stage, collector or period, roll/cure rates, activity, CSV. */
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import { Button, Card, Col, DatePicker, Row, Segmented, Space, Statistic, Table, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { useSearchParams } from 'react-router-dom'
import { api, buildQueryString } from '../../shared/api/client'
import { formatCurrency } from '../../shared/format'
import { type MessageKey, useT } from '../../shared/i18n'
import { LoadError, PageHeader } from '../../shared/ui'
import { Chart } from '../servicing/Chart'
import { pct } from './labels'
import { OverdueCard } from './OverdueCard'
import { COLLECTIONS, type Statistics } from './types'

const GROUPS = ['stage', 'collector', 'day', 'week', 'month'] as const

export function DashboardPage() {
  const t = useT()
  const [groupBy, setGroupBy] = useState<(typeof GROUPS)[number]>('stage')
  const [params] = useSearchParams()
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(() => {
    const from = params.get('from')
    const to = params.get('to')
    return from && to ? [dayjs(from), dayjs(to)] : null
  })
  const query = {
    groupBy,
    from: range?.[0].format('YYYY-MM-DD'),
    to: range?.[1].format('YYYY-MM-DD'),
  }
  const q = useQuery({
    queryKey: ['collections', 'statistics', query],
    queryFn: ({ signal }) => api.get<Statistics>(`${COLLECTIONS}/statistics`, query, { signal }),
  })
  const s = q.data
  const label = (key: string, l: string | null) =>
    key === 'unassigned' ? t('collections.dashboard.unassigned') : (l ?? key)
  return (
    <PageHeader
      title={t('collections.dashboard.title')}
      extra={
        <Space wrap>
          <DatePicker.RangePicker value={range} onChange={(v) => setRange(v as [Dayjs, Dayjs] | null)} />
          <Segmented
            value={groupBy}
            onChange={(v) => setGroupBy(v as (typeof GROUPS)[number])}
            options={GROUPS.map((g) => ({ value: g, label: t(`collections.dashboard.by.${g}` as MessageKey) }))}
          />
          <Button
            icon={<ReloadOutlined />}
            onClick={() => q.refetch()}
            aria-label={t('common.refresh')}
            data-testid="dashboard-refresh"
          />
          <Button icon={<DownloadOutlined />} href={`${COLLECTIONS}/statistics.csv${buildQueryString(query)}`}>
            {t('collections.dashboard.export')}
          </Button>
        </Space>
      }
    >
      <LoadError error={q.error} onRetry={() => q.refetch()} />
      {s && (
        <>
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col xs={12} md={6}>
              <Card>
                <Statistic title={t('collections.dashboard.rate')} value={pct(s.total.rate)} />
                <span data-testid="collection-rate" style={{ display: 'none' }}>
                  {s.total.rate ?? ''}
                </span>
                <span data-testid="collection-counts" style={{ display: 'none' }}>
                  {`${s.total.finished}/${s.total.inCollection}`}
                </span>
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card>
                <Statistic title={t('collections.dashboard.finished')} value={s.total.finished} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card>
                <Statistic title={t('collections.dashboard.inCollection')} value={s.total.inCollection} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card>
                <Typography.Text type="secondary">{t('collections.dashboard.period')}</Typography.Text>
                <div style={{ fontSize: 18, marginTop: 8 }}>
                  {s.from} ~ {s.to}
                </div>
              </Card>
            </Col>
          </Row>
          <Typography.Paragraph type="secondary">{t('collections.dashboard.rateHint')}</Typography.Paragraph>
          <Card size="small" style={{ marginBottom: 16 }}>
            <Chart
              testId="collection-rate-chart"
              option={{
                tooltip: { trigger: 'axis' },
                legend: {},
                grid: { left: 48, right: 48, bottom: 32, top: 40 },
                xAxis: { type: 'category', data: s.items.map((i) => label(i.key, i.label)) },
                yAxis: [
                  {
                    type: 'value',
                    name: t('collections.dashboard.rate'),
                    max: 100,
                    axisLabel: { formatter: '{value}%' },
                  },
                  { type: 'value', name: t('collections.dashboard.cases') },
                ],
                series: [
                  {
                    type: 'bar',
                    name: t('collections.dashboard.rate'),
                    data: s.items.map((i) => (i.rate === null ? 0 : Math.round(i.rate * 1000) / 10)),
                  },
                  {
                    type: 'line',
                    yAxisIndex: 1,
                    name: t('collections.dashboard.cases'),
                    data: s.items.map((i) => i.inCollection + i.finished),
                  },
                ],
              }}
            />
            <Table
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={s.items}
              data-testid="collection-rate-table"
              columns={[
                {
                  key: 'k',
                  title: t(`collections.dashboard.by.${groupBy}` as MessageKey),
                  render: (_v, i) => label(i.key, i.label),
                },
                { key: 'f', dataIndex: 'finished', title: t('collections.dashboard.finished'), align: 'right' },
                { key: 'c', dataIndex: 'inCollection', title: t('collections.dashboard.inCollection'), align: 'right' },
                { key: 'r', title: t('collections.dashboard.rate'), align: 'right', render: (_v, i) => pct(i.rate) },
                {
                  key: 'm',
                  title: t('collections.dashboard.recovered'),
                  align: 'right',
                  render: (_v, i) => formatCurrency(i.recovered),
                },
              ]}
            />
          </Card>
          <Row gutter={16}>
            <Col xs={24} xl={12}>
              <Card title={t('collections.dashboard.rolls')} size="small">
                <Table
                  size="small"
                  rowKey="stageCode"
                  pagination={false}
                  dataSource={s.rolls}
                  columns={[
                    { key: 's', dataIndex: 'stageCode', title: t('collections.case.stage') },
                    { key: 'e', dataIndex: 'entered', title: t('collections.dashboard.entered'), align: 'right' },
                    { key: 'r', dataIndex: 'rolled', title: t('collections.dashboard.rolled'), align: 'right' },
                    {
                      key: 'rr',
                      title: t('collections.dashboard.rollRate'),
                      align: 'right',
                      render: (_v, r) => pct(r.rollRate),
                    },
                    { key: 'c', dataIndex: 'cured', title: t('collections.dashboard.cured'), align: 'right' },
                    {
                      key: 'cr',
                      title: t('collections.dashboard.cureRate'),
                      align: 'right',
                      render: (_v, r) => pct(r.cureRate),
                    },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card title={t('collections.dashboard.activity')} size="small">
                <Table
                  size="small"
                  rowKey="collectorId"
                  pagination={false}
                  dataSource={s.collectors}
                  columns={[
                    { key: 'n', dataIndex: 'name', title: t('collections.case.collector') },
                    { key: 'a', dataIndex: 'actions', title: t('collections.dashboard.actions'), align: 'right' },
                    { key: 'r', dataIndex: 'reached', title: t('collections.dashboard.reached'), align: 'right' },
                    { key: 'p', dataIndex: 'promises', title: t('collections.dashboard.promises'), align: 'right' },
                    { key: 'k', dataIndex: 'kept', title: t('collections.dashboard.kept'), align: 'right' },
                    { key: 'b', dataIndex: 'broken', title: t('collections.dashboard.broken'), align: 'right' },
                    {
                      key: 'kr',
                      title: t('collections.dashboard.keptRate'),
                      align: 'right',
                      render: (_v, r) => pct(r.promiseKeptRate),
                    },
                  ]}
                />
              </Card>
            </Col>
          </Row>
          <OverdueCard from={s.from} to={s.to} />
        </>
      )}
    </PageHeader>
  )
}
