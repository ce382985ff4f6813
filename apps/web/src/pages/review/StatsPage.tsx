/** Review statistics: efficiency per reviewer per day with totals, performance per reviewer; charts and CSV. */
import { DownloadOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import { Button, Card, DatePicker, Segmented, Space, Table } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { api, buildQueryString } from '../../shared/api/client'
import { useT } from '../../shared/i18n'
import { LoadError, PageHeader } from '../../shared/ui'
import { Chart } from '../servicing/Chart'

type Eff = {
  day: string
  reviewerId: string | null
  reviewerName: string
  count: number
  minMinutes: number
  maxMinutes: number
  avgMinutes: number
  approved: number
  rejected: number
}
type Perf = {
  reviewerId: string
  reviewerName: string
  stage: string
  approved: number
  disbursed: number
  settledNormally: number
  due: number
  overdue: number
  overdueRatePercent: string
}

export function StatsPage() {
  const t = useT()
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(30, 'day'), dayjs()])
  const [stage, setStage] = useState<'all' | 'first' | 'second'>('all')
  const query = {
    from: range[0].format('YYYY-MM-DD'),
    to: range[1].format('YYYY-MM-DD'),
    stage: stage === 'all' ? undefined : stage,
  }
  const eff = useQuery({
    queryKey: ['review-eff', query],
    queryFn: () => api.get<Eff[]>('/api/v1/review/stats/efficiency', query),
  })
  const perf = useQuery({
    queryKey: ['review-perf', query],
    queryFn: () => api.get<Perf[]>('/api/v1/review/stats/performance', query),
  })
  const totals = (eff.data ?? []).filter((r) => r.reviewerId === null).sort((a, b) => (a.day < b.day ? -1 : 1))
  const people = [...new Set((eff.data ?? []).filter((r) => r.reviewerId).map((r) => r.reviewerName))]
  const csv = (kind: string) => `/api/v1/review/stats/${kind}${buildQueryString({ ...query, format: 'csv' })}`
  return (
    <PageHeader
      title={t('review.nav.stats')}
      extra={
        <Space>
          <DatePicker.RangePicker
            value={range}
            onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
            allowClear={false}
          />
          <Segmented
            value={stage}
            onChange={(v) => setStage(v as 'all' | 'first' | 'second')}
            options={[
              { value: 'all', label: t('review.stats.total') },
              { value: 'first', label: t('review.stage.first') },
              { value: 'second', label: t('review.stage.second') },
            ]}
          />
        </Space>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }} size={16}>
        <LoadError error={eff.error ?? perf.error} />
        <Card
          title={t('review.stats.efficiency')}
          extra={
            <Button icon={<DownloadOutlined />} href={csv('efficiency')}>
              {t('review.stats.csv')}
            </Button>
          }
        >
          <Chart
            testId="efficiency-chart"
            option={{
              tooltip: { trigger: 'axis' },
              legend: {},
              xAxis: { type: 'category', data: totals.map((r) => r.day) },
              yAxis: [{ type: 'value' }, { type: 'value', name: 'min' }],
              series: [
                ...people.map((name) => ({
                  name,
                  type: 'bar',
                  stack: 'n',
                  data: totals.map(
                    (d) => (eff.data ?? []).find((r) => r.day === d.day && r.reviewerName === name)?.count ?? 0,
                  ),
                })),
                { name: t('review.stats.avg'), type: 'line', yAxisIndex: 1, data: totals.map((r) => r.avgMinutes) },
              ],
            }}
          />
          <Table<Eff>
            size="small"
            rowKey={(r) => `${r.day}-${r.reviewerId}`}
            dataSource={eff.data}
            pagination={{ pageSize: 20 }}
            columns={[
              { title: t('review.stats.day'), dataIndex: 'day' },
              {
                title: t('review.assignee'),
                dataIndex: 'reviewerName',
                render: (v, r) => (r.reviewerId ? v : <b>{t('review.stats.total')}</b>),
              },
              { title: t('review.stats.count'), dataIndex: 'count' },
              { title: t('review.stats.min'), dataIndex: 'minMinutes' },
              { title: t('review.stats.max'), dataIndex: 'maxMinutes' },
              { title: t('review.stats.avg'), dataIndex: 'avgMinutes' },
              { title: t('review.stats.approved'), dataIndex: 'approved' },
              { title: t('review.stats.rejected'), dataIndex: 'rejected' },
            ]}
          />
        </Card>
        <Card
          title={t('review.stats.performance')}
          extra={
            <Button icon={<DownloadOutlined />} href={csv('performance')}>
              {t('review.stats.csv')}
            </Button>
          }
        >
          <Chart
            testId="performance-chart"
            option={{
              tooltip: { trigger: 'axis' },
              legend: {},
              xAxis: {
                type: 'category',
                data: (perf.data ?? []).map(
                  (r) => `${r.reviewerName} (${t(r.stage === 'first' ? 'review.stage.first' : 'review.stage.second')})`,
                ),
              },
              yAxis: { type: 'value' },
              series: [
                { name: t('review.stats.disbursed'), type: 'bar', data: (perf.data ?? []).map((r) => r.disbursed) },
                { name: t('review.stats.due'), type: 'bar', data: (perf.data ?? []).map((r) => r.due) },
                { name: t('review.stats.overdue'), type: 'bar', data: (perf.data ?? []).map((r) => r.overdue) },
              ],
            }}
          />
          <Table<Perf>
            size="small"
            rowKey={(r) => `${r.reviewerId}-${r.stage}`}
            dataSource={perf.data}
            pagination={false}
            columns={[
              { title: t('review.assignee'), dataIndex: 'reviewerName' },
              {
                title: '',
                dataIndex: 'stage',
                render: (v) => t(v === 'first' ? 'review.stage.first' : 'review.stage.second'),
              },
              { title: t('review.stats.approved'), dataIndex: 'approved' },
              { title: t('review.stats.disbursed'), dataIndex: 'disbursed' },
              { title: t('review.stats.settled'), dataIndex: 'settledNormally' },
              { title: t('review.stats.due'), dataIndex: 'due' },
              { title: t('review.stats.overdue'), dataIndex: 'overdue' },
              { title: t('review.stats.overdueRate'), dataIndex: 'overdueRatePercent', render: (v) => `${v}%` },
            ]}
          />
        </Card>
      </Space>
    </PageHeader>
  )
}
