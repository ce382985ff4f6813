/** Early-warning dashboard: active counts, raised/closed per business day, warnings by rule and severity. */
import { useQuery } from '@tanstack/react-query'
import { Card, Col, Row, Statistic } from 'antd'
import { api } from '../../shared/api/client'
import { type MessageKey, useT } from '../../shared/i18n'
import { LoadError } from '../../shared/ui'
import { Chart } from '../servicing/Chart'
import { WARNINGS, type WarningStatistics } from './warning-types'

export function WarningDashboard() {
  const t = useT()
  const q = useQuery({
    queryKey: ['list', WARNINGS, 'statistics'],
    queryFn: ({ signal }) => api.get<WarningStatistics>(`${WARNINGS}/statistics`, undefined, { signal }),
  })
  const s = q.data
  if (!s) return <LoadError error={q.error} onRetry={() => q.refetch()} />
  const total = s.byStatus.reduce((a, x) => a + x.total, 0)
  const highActive = s.bySeverity.find((x) => x.key === 'high')?.active ?? 0
  const ruleName = (k: string) => t(`collections.warnings.rule.${k}` as MessageKey)
  const severityName = (k: string) => t(`collections.warnings.severity.${k}` as MessageKey)
  return (
    <>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Card>
            <Statistic title={t('collections.warnings.active')} value={s.active} />
            <span data-testid="warnings-active" style={{ display: 'none' }}>
              {s.active}
            </span>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <Statistic title={t('collections.warnings.highActive')} value={highActive} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <Statistic title={t('collections.warnings.total')} value={total} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <Statistic title={t('collections.warnings.period')} value={`${s.from} ~ ${s.to}`} />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('collections.warnings.trend')} style={{ marginBottom: 16 }}>
        <Chart
          testId="warnings-trend-chart"
          option={{
            tooltip: { trigger: 'axis' },
            legend: {},
            grid: { left: 40, right: 24, bottom: 32, top: 40 },
            xAxis: { type: 'category', data: s.trend.map((d) => d.day.slice(5)) },
            yAxis: { type: 'value', minInterval: 1 },
            series: [
              { type: 'bar', name: t('collections.warnings.raised'), data: s.trend.map((d) => d.raised) },
              { type: 'line', name: t('collections.warnings.closed'), data: s.trend.map((d) => d.closed) },
            ],
          }}
        />
      </Card>
      <Row gutter={16}>
        <Col xs={24} md={14}>
          <Card size="small" title={t('collections.warnings.byRule')}>
            <Chart
              testId="warnings-rule-chart"
              option={{
                tooltip: { trigger: 'axis' },
                legend: {},
                grid: { left: 40, right: 24, bottom: 56, top: 40 },
                xAxis: { type: 'category', data: s.byRule.map((r) => ruleName(r.key)), axisLabel: { interval: 0 } },
                yAxis: { type: 'value', minInterval: 1 },
                series: [
                  { type: 'bar', name: t('collections.warnings.status.active'), data: s.byRule.map((r) => r.active) },
                  {
                    type: 'bar',
                    name: t('collections.warnings.status.closed'),
                    data: s.byRule.map((r) => r.total - r.active),
                  },
                ],
              }}
            />
          </Card>
        </Col>
        <Col xs={24} md={10}>
          <Card size="small" title={t('collections.warnings.bySeverity')}>
            <Chart
              testId="warnings-severity-chart"
              option={{
                tooltip: { trigger: 'item' },
                legend: { bottom: 0 },
                series: [
                  {
                    type: 'pie',
                    radius: ['40%', '70%'],
                    data: s.bySeverity.map((x) => ({ name: severityName(x.key), value: x.total })),
                  },
                ],
              }}
            />
          </Card>
        </Col>
      </Row>
    </>
  )
}
