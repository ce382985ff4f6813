/** What a back-test found: headline numbers, the flow of decisions (Sankey) and the before/after bars. */
import { Card, Col, Row, Statistic, Table, Tag } from 'antd'
import { Link } from 'react-router-dom'
import { formatCurrency } from '../../../shared/format'
import { useT } from '../../../shared/i18n'
import { RiskChart } from '../Chart'
import { DecisionTag } from '../labels'
import type { BacktestResult, Decision } from '../types'

const DECISIONS: Decision[] = ['pass', 'manual', 'reject']
const COLORS: Record<Decision, string> = { pass: '#52c41a', manual: '#faad14', reject: '#ff4d4f' }

export function BacktestResults({ result, versionLabel }: { result: BacktestResult; versionLabel: string }) {
  const t = useT()
  const label = (decision: Decision) => t(`risk.decision.${decision}`)
  const before = t('risk.backtest.before')
  const after = versionLabel || t('risk.backtest.after')
  const tr = result.transitions
  const flows: [Decision, Decision, number][] = [
    ['pass', 'reject', tr.pass_reject],
    ['pass', 'manual', tr.pass_manual],
    ['reject', 'pass', tr.reject_pass],
    ['reject', 'manual', tr.reject_manual],
    ['manual', 'pass', tr.manual_pass],
    ['manual', 'reject', tr.manual_reject],
  ]
  // Unchanged evaluations keep their decision: the diagonal of the before/after counts.
  const unchanged = DECISIONS.map((decision) => {
    const leaving = flows.filter(([from]) => from === decision).reduce((sum, [, , count]) => sum + count, 0)
    return [decision, decision, Math.max(0, result.decisions.before[decision] - leaving)] as [
      Decision,
      Decision,
      number,
    ]
  })
  const links = [...unchanged, ...flows].filter(([, , count]) => count > 0)
  const sankey = {
    tooltip: { trigger: 'item' },
    series: [
      {
        type: 'sankey',
        left: 40,
        right: 120,
        nodeGap: 14,
        data: [
          ...DECISIONS.map((decision) => ({
            name: `${before}: ${label(decision)}`,
            itemStyle: { color: COLORS[decision] },
          })),
          ...DECISIONS.map((decision) => ({
            name: `${after}: ${label(decision)}`,
            itemStyle: { color: COLORS[decision] },
          })),
        ],
        links: links.map(([from, to, value]) => ({
          source: `${before}: ${label(from)}`,
          target: `${after}: ${label(to)}`,
          value,
        })),
        lineStyle: { color: 'gradient', opacity: 0.35 },
        label: { fontSize: 12 },
      },
    ],
  }
  const bars = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 36, bottom: 24 },
    xAxis: { type: 'category', data: DECISIONS.map(label) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name: before,
        type: 'bar',
        data: DECISIONS.map((decision) => result.decisions.before[decision]),
        itemStyle: { color: '#8c8c8c' },
      },
      {
        name: after,
        type: 'bar',
        data: DECISIONS.map((decision) => ({
          value: result.decisions.after[decision],
          itemStyle: { color: COLORS[decision] },
        })),
      },
    ],
  }
  const changed = result.evaluations - tr.unchanged
  return (
    <div data-testid="backtest-results">
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={4}>
          <Card size="small">
            <Statistic title={t('risk.backtest.evaluations')} value={result.evaluations} />
          </Card>
        </Col>
        <Col xs={12} md={4}>
          <Card size="small">
            <Statistic
              title={t('risk.backtest.changed')}
              value={changed}
              suffix={result.evaluations ? `(${((changed / result.evaluations) * 100).toFixed(1)}%)` : ''}
            />
          </Card>
        </Col>
        <Col xs={12} md={4}>
          <Card size="small">
            <Statistic
              title={t('risk.backtest.passToReject')}
              value={tr.pass_reject}
              valueStyle={{ color: COLORS.reject }}
            />
          </Card>
        </Col>
        <Col xs={12} md={4}>
          <Card size="small">
            <Statistic
              title={t('risk.backtest.rejectToPass')}
              value={tr.reject_pass}
              valueStyle={{ color: COLORS.pass }}
            />
          </Card>
        </Col>
        <Col xs={12} md={4}>
          <Card size="small">
            <Statistic
              title={t('risk.backtest.toManual')}
              value={tr.pass_manual + tr.reject_manual}
              valueStyle={{ color: COLORS.manual }}
            />
          </Card>
        </Col>
        <Col xs={12} md={4}>
          <Card size="small">
            <Statistic title={t('risk.backtest.missingValues')} value={result.missingValues} />
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card size="small" title={t('risk.backtest.creditLine')}>
            <Row>
              <Col span={8}>
                <Statistic
                  title={t('risk.backtest.before')}
                  value={formatCurrency(result.creditLine.before)}
                  valueStyle={{ fontSize: 16 }}
                />
              </Col>
              <Col span={8}>
                <Statistic
                  title={after}
                  value={formatCurrency(result.creditLine.after)}
                  valueStyle={{ fontSize: 16 }}
                />
              </Col>
              <Col span={8}>
                <Statistic
                  title={t('risk.backtest.change')}
                  value={formatCurrency(result.creditLine.change)}
                  valueStyle={{
                    fontSize: 16,
                    color: result.creditLine.change.startsWith('-') ? COLORS.reject : COLORS.pass,
                  }}
                />
                <div style={{ color: '#8c8c8c', fontSize: 12 }}>
                  {t('risk.backtest.averageChange', {
                    amount: formatCurrency(result.creditLine.averageChange),
                    count: result.creditLine.changed,
                  })}
                </div>
              </Col>
            </Row>
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card size="small" title={t('risk.backtest.dataCost')}>
            <Row>
              <Col span={12}>
                <Statistic
                  title={t('risk.backtest.before')}
                  value={formatCurrency(result.dataCost.before)}
                  valueStyle={{ fontSize: 16 }}
                />
              </Col>
              <Col span={12}>
                <Statistic title={after} value={formatCurrency(result.dataCost.after)} valueStyle={{ fontSize: 16 }} />
              </Col>
            </Row>
          </Card>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('risk.backtest.flow')}>
            {links.length ? <RiskChart option={sankey} height={320} testId="backtest-sankey" /> : null}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('risk.backtest.compare')}>
            <RiskChart option={bars} height={320} testId="backtest-bars" />
          </Card>
        </Col>
      </Row>
      {result.samples.length > 0 && (
        <Card size="small" title={t('risk.backtest.samples')} style={{ marginTop: 16 }}>
          <Table
            size="small"
            rowKey="reportId"
            pagination={false}
            dataSource={result.samples}
            columns={[
              {
                key: 'reportId',
                dataIndex: 'reportId',
                title: t('risk.report.title'),
                render: (id: string) => (
                  <Link to={`/risk/reports/${id}`} className="xd-mono">
                    {id.slice(0, 8)}
                  </Link>
                ),
              },
              {
                key: 'before',
                dataIndex: 'before',
                title: t('risk.backtest.before'),
                render: (decision: Decision) => <DecisionTag decision={decision} />,
              },
              { key: 'arrow', render: () => <Tag>→</Tag>, width: 50 },
              {
                key: 'after',
                dataIndex: 'after',
                title: after,
                render: (decision: Decision) => <DecisionTag decision={decision} />,
              },
            ]}
          />
        </Card>
      )}
    </div>
  )
}
