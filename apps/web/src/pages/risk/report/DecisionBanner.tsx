/** The top of a risk report: the decision in colour, and the rules that decided it named. */
import { Alert, Space, Statistic, Tag } from 'antd'
import { formatCurrency } from '../../../shared/format'
import { useT } from '../../../shared/i18n'
import type { Decision, RiskReport } from '../types'

const ALERT_TYPES: Record<Decision, 'success' | 'error' | 'warning'> = {
  pass: 'success',
  reject: 'error',
  manual: 'warning',
}

export function DecisionBanner({ report }: { report: RiskReport }) {
  const t = useT()
  // The rules whose own result is the final decision are the ones that made it.
  const deciding = report.rules.filter(
    (rule) => !rule.skipped && rule.result && rule.result === report.decision && rule.result !== 'pass',
  )
  return (
    <Alert
      type={ALERT_TYPES[report.decision]}
      showIcon
      data-testid="report-decision"
      data-decision={report.decision}
      title={
        <Space size={24} wrap align="center">
          <span style={{ fontSize: 20, fontWeight: 600 }} data-testid="report-decision-text">
            {t(`risk.decision.${report.decision}`)}
          </span>
          <Statistic title={t('risk.report.score')} value={report.score ?? '—'} valueStyle={{ fontSize: 18 }} />
          <Statistic
            title={t('risk.report.amount')}
            value={report.amount ? formatCurrency(report.amount) : '—'}
            valueStyle={{ fontSize: 18 }}
          />
          <Statistic
            title={t('risk.report.dataCost')}
            value={formatCurrency(report.dataCost)}
            valueStyle={{ fontSize: 18 }}
          />
        </Space>
      }
      description={
        <Space direction="vertical" size={4}>
          {deciding.length > 0 && (
            <span data-testid="report-deciding-rules">
              {t('risk.report.decidedBy')}{' '}
              {deciding.map((rule) => (
                <Tag key={rule.id} data-code={rule.code}>
                  {rule.name} ({rule.code})
                </Tag>
              ))}
            </span>
          )}
          {report.fallbackToManual && <span>{t('risk.report.fallbackToManual')}</span>}
        </Space>
      }
    />
  )
}
