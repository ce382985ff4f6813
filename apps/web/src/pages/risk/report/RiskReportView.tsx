/**
 * The risk report (风控报告) rendered for people: the decision first, then the rules in the order they
 * ran with each expression's condition and the indicator values it saw, then the data bought. Used by
 * the report page, the rule builder's test panel, the customer 360 and the credit-review page.
 */
import { CheckCircleFilled, CloseCircleFilled, MinusCircleOutlined } from '@ant-design/icons'
import { Card, Collapse, Descriptions, Space, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd'
import { Link } from 'react-router-dom'
import { formatCurrency, formatDateTime } from '../../../shared/format'
import { useT } from '../../../shared/i18n'
import { conditionText } from '../builder/model'
import { DecisionTag, formatValue } from '../labels'
import type { ExpressionTrace, ReportDetail, RiskReport, Rule, RuleTrace, SourceCall } from '../types'
import { DecisionBanner } from './DecisionBanner'

type RiskReportViewProps = {
  report: RiskReport
  /** The stored report's context (customer, application, device, time); absent for a test run. */
  summary?: Omit<ReportDetail, 'report' | 'challenger'>
  /** The rule-set version that ran, to show each expression's condition beside the values it saw. */
  rules?: Rule[]
  /** Indicator code → name, for readable conditions. */
  indicatorName?: (code: string) => string
  /** Hide the context block (customer, time), e.g. inside a customer's own page. */
  compact?: boolean
}

export function RiskReportView({ report, summary, rules, indicatorName, compact }: RiskReportViewProps) {
  const t = useT()
  const ruleById = new Map((rules ?? []).map((rule) => [rule.id, rule]))
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="risk-report">
      <DecisionBanner report={report} />
      {!compact && (
        <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered data-testid="report-context">
          <Descriptions.Item label={t('risk.report.scene')}>
            <span className="xd-mono">{report.ruleSet.scene}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('risk.report.ruleSet')}>
            {report.ruleSet.name} · v{report.ruleSet.version}
            {summary?.variant && (
              <Tag style={{ marginLeft: 8 }} color={summary.variant === 'challenger' ? 'cyan' : 'purple'}>
                {t(`risk.scene.${summary.variant}`)}
              </Tag>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('risk.report.dataCost')}>{formatCurrency(report.dataCost)}</Descriptions.Item>
          {summary && (
            <>
              <Descriptions.Item label={t('risk.report.customer')}>
                {summary.customerId ? (
                  <Link to={`/customers/${summary.customerId}`} className="xd-mono">
                    {summary.customerId.slice(0, 8)}
                  </Link>
                ) : (
                  (summary.subjectKey ?? '—')
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('risk.report.application')}>
                <span className="xd-mono">{summary.applicationId ?? '—'}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('risk.report.createdAt')}>
                {formatDateTime(summary.createdAt)}
              </Descriptions.Item>
              {summary.device && (
                <Descriptions.Item label={t('risk.report.device')} span={3}>
                  <span className="xd-mono">
                    {summary.device.ip ?? '—'} · {summary.device.fingerprint ?? '—'}
                  </span>
                </Descriptions.Item>
              )}
            </>
          )}
        </Descriptions>
      )}
      <Card size="small" title={t('risk.report.rules')}>
        <RuleTraceTable traces={report.rules} ruleById={ruleById} indicatorName={indicatorName} />
      </Card>
      <Card size="small" title={t('risk.report.sources')}>
        <SourceCallsTable calls={report.sourcesCalled} />
      </Card>
      {summary?.inputs && Object.keys(summary.inputs).length > 0 && (
        <Collapse
          size="small"
          items={[
            {
              key: 'inputs',
              label: t('risk.report.inputs'),
              children: <pre className="xd-json">{JSON.stringify(summary.inputs, null, 2)}</pre>,
            },
          ]}
        />
      )}
    </Space>
  )
}

function ruleOutcome(trace: RuleTrace) {
  if (trace.mode === 'score') return <Tag color="geekblue">{trace.score ?? 0}</Tag>
  if (trace.mode === 'quota') return <span>{trace.amount ? formatCurrency(trace.amount) : '—'}</span>
  return null
}

function RuleTraceTable({
  traces,
  ruleById,
  indicatorName,
}: {
  traces: RuleTrace[]
  ruleById: Map<string, Rule>
  indicatorName?: (code: string) => string
}) {
  const t = useT()
  const columns: TableColumnsType<RuleTrace & { order: number }> = [
    { key: 'order', dataIndex: 'order', title: '#', width: 48 },
    {
      key: 'name',
      title: t('risk.rule.name'),
      render: (_, trace) => (
        <span data-testid="report-rule-name" data-code={trace.code}>
          {trace.name}{' '}
          <Typography.Text type="secondary" className="xd-mono">
            {trace.code} · v{trace.version}
          </Typography.Text>
        </span>
      ),
    },
    {
      key: 'mode',
      dataIndex: 'mode',
      title: t('risk.rule.mode'),
      render: (mode: string) => t(`risk.mode.${mode as 'result'}`),
    },
    {
      key: 'result',
      title: t('risk.rule.result'),
      render: (_, trace) =>
        trace.skipped ? (
          <Tag icon={<MinusCircleOutlined />}>{t('risk.report.skipped')}</Tag>
        ) : (
          <Space size={4}>
            <DecisionTag decision={trace.result} />
            {ruleOutcome(trace)}
          </Space>
        ),
    },
    {
      key: 'matched',
      title: t('risk.report.matched'),
      render: (_, trace) =>
        trace.skipped ? '—' : `${trace.expressions.filter((e) => e.matched).length} / ${trace.expressions.length}`,
    },
  ]
  const rows = traces.map((trace, index) => ({ ...trace, order: index + 1 }))
  return (
    <Table
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={rows}
      columns={columns}
      data-testid="report-rules"
      onRow={(trace) => ({
        style: trace.skipped
          ? { color: '#bfbfbf' }
          : trace.result && trace.result !== 'pass'
            ? { background: trace.result === 'reject' ? '#fff1f0' : '#fffbe6' }
            : undefined,
      })}
      expandable={{
        rowExpandable: (trace) => trace.expressions.length > 0,
        expandedRowRender: (trace) => (
          <ExpressionTraces trace={trace} rule={ruleById.get(trace.id)} indicatorName={indicatorName} />
        ),
        defaultExpandedRowKeys: traces
          .filter((trace) => trace.result && trace.result !== 'pass')
          .map((trace) => trace.id),
      }}
    />
  )
}

function ExpressionTraces({
  trace,
  rule,
  indicatorName,
}: {
  trace: RuleTrace
  rule?: Rule
  indicatorName?: (code: string) => string
}) {
  const t = useT()
  const columns: TableColumnsType<ExpressionTrace & { index: number }> = [
    {
      key: 'matched',
      width: 40,
      render: (_, row) =>
        row.matched ? (
          <Tooltip title={t('risk.report.matchedYes')}>
            <CheckCircleFilled style={{ color: '#fa8c16' }} />
          </Tooltip>
        ) : (
          <Tooltip title={t('risk.report.matchedNo')}>
            <CloseCircleFilled style={{ color: '#d9d9d9' }} />
          </Tooltip>
        ),
    },
    {
      key: 'condition',
      title: t('risk.expression.condition'),
      render: (_, row) => {
        const expression = rule?.expressions[row.index]
        return expression ? (
          <span className="xd-mono">{conditionText(expression.condition, indicatorName)}</span>
        ) : (
          <Typography.Text type="secondary">#{row.index + 1}</Typography.Text>
        )
      },
    },
    {
      key: 'values',
      title: t('risk.report.valuesSeen'),
      render: (_, row) => (
        <Space size={[4, 4]} wrap>
          {row.indicators.map((seen) => (
            <Tooltip key={seen.code} title={t(`risk.origin.${seen.origin}`)}>
              <Tag color={seen.origin === 'unavailable' ? 'red' : seen.origin === 'default' ? 'orange' : undefined}>
                <span className="xd-mono">
                  {indicatorName?.(seen.code) ?? seen.code} = {formatValue(seen.value)}
                </span>
              </Tag>
            </Tooltip>
          ))}
        </Space>
      ),
    },
    {
      key: 'result',
      title: t('risk.expression.result'),
      render: (_, row) =>
        row.result === null ? (
          '—'
        ) : typeof row.result === 'number' ? (
          row.result
        ) : row.result === 'pass' || row.result === 'reject' || row.result === 'manual' ? (
          <DecisionTag decision={row.result} />
        ) : (
          formatCurrency(row.result)
        ),
    },
  ]
  return (
    <Table
      rowKey="index"
      size="small"
      pagination={false}
      columns={columns}
      dataSource={trace.expressions.map((expression, index) => ({ ...expression, index }))}
      data-testid={`report-expressions-${trace.code}`}
    />
  )
}

function SourceCallsTable({ calls }: { calls: SourceCall[] }) {
  const t = useT()
  const columns: TableColumnsType<SourceCall> = [
    {
      key: 'source',
      dataIndex: 'source',
      title: t('risk.source.code'),
      render: (code: string) => <span className="xd-mono">{code}</span>,
    },
    {
      key: 'indicators',
      dataIndex: 'indicators',
      title: t('risk.source.indicators'),
      render: (codes: string[]) => <span className="xd-mono">{codes.join(', ')}</span>,
    },
    {
      key: 'latencyMs',
      dataIndex: 'latencyMs',
      title: t('risk.source.latency'),
      render: (ms: number) => `${Math.round(ms)} ms`,
    },
    { key: 'cost', dataIndex: 'cost', title: t('risk.source.cost'), render: (cost: string) => formatCurrency(cost) },
    {
      key: 'status',
      title: t('risk.source.status'),
      render: (_, call) =>
        call.failed ? (
          <Tooltip title={call.error}>
            <Tag color="red">
              {t('risk.source.failed')} → {t(`risk.fallback.${call.fallback}`)}
            </Tag>
          </Tooltip>
        ) : call.cached ? (
          <Tag color="blue">{t('risk.source.cached')}</Tag>
        ) : (
          <Tag color="green">{t('risk.source.called')}</Tag>
        ),
    },
  ]
  return (
    <Table
      rowKey={(call) => `${call.source}`}
      size="small"
      pagination={false}
      dataSource={calls}
      columns={columns}
      locale={{ emptyText: t('risk.report.noSources') }}
      data-testid="report-sources"
    />
  )
}
