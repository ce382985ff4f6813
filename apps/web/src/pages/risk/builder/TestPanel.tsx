/**
 * The builder's test panel: inputs as JSON (typed in, or taken from a past report of the scene), run the
 * draft as it stands (saved first when edited), and read the full trace without storing a report.
 */
import { CaretRightOutlined, HistoryOutlined } from '@ant-design/icons'
import { useMutation, useQuery } from '@tanstack/react-query'
import { Alert, App, Button, Card, Input, Select, Space, Typography } from 'antd'
import { useMemo, useState } from 'react'
import { api } from '../../../shared/api/client'
import type { Page } from '../../../shared/api/types'
import { formatDateTime } from '../../../shared/format'
import { useT } from '../../../shared/i18n'
import { errorText } from '../../../shared/ui'
import { RISK } from '../api'
import { RiskReportView } from '../report/RiskReportView'
import type { Indicator, IndicatorValue, ReportDetail, ReportSummary, Rule, TestRun } from '../types'
import { inputTemplate } from './inputs'

type TestPanelProps = {
  versionId: string
  sceneCode: string
  rules: Rule[]
  indicators: Indicator[]
  /** Saves pending edits; resolves false when the draft could not be saved. */
  beforeRun: () => Promise<boolean>
}

export function TestPanel({ versionId, sceneCode, rules, indicators, beforeRun }: TestPanelProps) {
  const t = useT()
  const { message } = App.useApp()
  const template = useMemo(() => inputTemplate(rules, indicators), [rules, indicators])
  const [text, setText] = useState<string | null>(null)
  const [customerId, setCustomerId] = useState('')
  const [parseError, setParseError] = useState<string | null>(null)
  const recent = useQuery({
    queryKey: ['list', RISK.reports, 'recent', sceneCode],
    queryFn: ({ signal }) =>
      api.get<Page<ReportSummary>>(RISK.reports, { scene: sceneCode, page: 1, pageSize: 20 }, { signal }),
  })
  const pick = useMutation({
    mutationFn: (id: string) => api.get<ReportDetail>(RISK.report(id)),
    onSuccess: (detail) => {
      // A stored report carries the values it saw; those the caller supplied are the applicant's inputs.
      const inputs: Record<string, IndicatorValue> = { ...(detail.inputs ?? {}) }
      for (const rule of detail.report.rules)
        for (const expression of rule.expressions)
          for (const seen of expression.indicators) if (seen.origin === 'input') inputs[seen.code] = seen.value
      setText(JSON.stringify(inputs, null, 2))
      setCustomerId(detail.customerId ?? '')
    },
    onError: (error) => message.error(errorText(error)),
  })
  const run = useMutation({
    mutationFn: async () => {
      let inputs: unknown
      try {
        inputs = JSON.parse(text ?? template)
        setParseError(null)
      } catch (error) {
        setParseError(String(error))
        throw error
      }
      if (!(await beforeRun())) return null
      return api.post<TestRun>(RISK.versionTest(versionId), {
        inputs,
        ...(customerId.trim() ? { customerId: customerId.trim() } : {}),
      })
    },
    onError: (error) => {
      if (!(error instanceof SyntaxError)) message.error(errorText(error))
    },
  })
  const nameOf = (code: string) => indicators.find((indicator) => indicator.code === code)?.name ?? code
  return (
    <Card size="small" title={t('risk.test.title')} data-testid="test-panel">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Select
          allowClear
          style={{ width: '100%' }}
          placeholder={
            <span>
              <HistoryOutlined /> {t('risk.test.pickReport')}
            </span>
          }
          loading={recent.isLoading || pick.isPending}
          onChange={(id?: string) => id && pick.mutate(id)}
          options={(recent.data?.items ?? []).map((row) => ({
            value: row.id,
            label: `${formatDateTime(row.createdAt)} · ${t(`risk.decision.${row.decision}`)} · ${row.subjectKey ?? row.customerId?.slice(0, 8) ?? row.id.slice(0, 8)}`,
          }))}
          data-testid="test-pick-report"
        />
        <Input
          placeholder={t('risk.test.customerId')}
          value={customerId}
          onChange={(event) => setCustomerId(event.target.value)}
          allowClear
        />
        <Typography.Text type="secondary">{t('risk.test.inputsHint')}</Typography.Text>
        <Input.TextArea
          value={text ?? template}
          onChange={(event) => setText(event.target.value)}
          autoSize={{ minRows: 6, maxRows: 16 }}
          className="xd-mono"
          status={parseError ? 'error' : undefined}
          data-testid="test-inputs"
        />
        {parseError && <Alert type="error" showIcon title={t('risk.test.badJson')} description={parseError} />}
        <Button
          type="primary"
          icon={<CaretRightOutlined />}
          loading={run.isPending}
          onClick={() => run.mutate()}
          data-testid="test-run"
        >
          {t('risk.test.run')}
        </Button>
        {run.data && <RiskReportView report={run.data.report} rules={rules} indicatorName={nameOf} compact />}
      </Space>
    </Card>
  )
}
