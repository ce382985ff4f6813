/**
 * Run the scene for real (执行): the same call the origination flow makes. The decision comes back with
 * the id of the stored report, one click away.
 */
import { CaretRightOutlined, FileSearchOutlined } from '@ant-design/icons'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Alert, Button, Card, Input, Space, Tag } from 'antd'
import { useState } from 'react'
import { Link } from 'react-router-dom'
import { api } from '../../../shared/api/client'
import { formatCurrency } from '../../../shared/format'
import { useT } from '../../../shared/i18n'
import { errorText } from '../../../shared/ui'
import { RISK, useAllIndicators, useVersion } from '../api'
import { inputTemplate } from '../builder/inputs'
import { DecisionTag } from '../labels'
import type { Decision, Scene } from '../types'

type Evaluation = {
  decision: Decision
  score: number | null
  amount: string | null
  reportId: string
  variant: 'champion' | 'challenger'
}

export function EvaluatePanel({ scene }: { scene: Scene }) {
  const t = useT()
  const queryClient = useQueryClient()
  const champion = useVersion(scene.champion?.versionId)
  const indicators = useAllIndicators()
  const [text, setText] = useState<string | null>(null)
  const [customerId, setCustomerId] = useState('')
  const template = inputTemplate(champion.data?.rules ?? [], indicators.data ?? [])
  const run = useMutation({
    mutationFn: () =>
      api.post<Evaluation>(RISK.evaluate(scene.code), {
        inputs: JSON.parse(text ?? template),
        ...(customerId.trim() ? { customerId: customerId.trim() } : {}),
      }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['list', RISK.reports] }),
  })
  return (
    <Card size="small" title={t('risk.evaluate.title')} data-testid="evaluate-panel">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Input.TextArea
          value={text ?? template}
          onChange={(event) => setText(event.target.value)}
          autoSize={{ minRows: 3, maxRows: 12 }}
          className="xd-mono"
          data-testid="evaluate-inputs"
        />
        <Input
          placeholder={t('risk.test.customerId')}
          value={customerId}
          onChange={(event) => setCustomerId(event.target.value)}
          allowClear
        />
        <Button
          type="primary"
          icon={<CaretRightOutlined />}
          loading={run.isPending}
          onClick={() => run.mutate()}
          data-testid="evaluate-run"
        >
          {t('risk.evaluate.run')}
        </Button>
        {run.error && (
          <Alert
            type="error"
            showIcon
            title={run.error instanceof SyntaxError ? t('risk.test.badJson') : errorText(run.error)}
          />
        )}
        {run.data && (
          <Space wrap data-testid="evaluate-result">
            <DecisionTag decision={run.data.decision} testId="evaluate-decision" />
            {run.data.variant === 'challenger' && <Tag color="cyan">{t('risk.scene.challenger')}</Tag>}
            <span>
              {t('risk.report.score')}: {run.data.score ?? '—'}
            </span>
            <span>
              {t('risk.report.amount')}: {run.data.amount ? formatCurrency(run.data.amount) : '—'}
            </span>
            <Link to={`/risk/reports/${run.data.reportId}`} data-testid="evaluate-report-link">
              <FileSearchOutlined /> {t('risk.evaluate.openReport')}
            </Link>
          </Space>
        )}
      </Space>
    </Card>
  )
}
