/** "Test call" (测试调用): one real call to the source, never cached — the answer, latency and mapped values. */
import { ApiOutlined } from '@ant-design/icons'
import { useMutation } from '@tanstack/react-query'
import { Alert, App, Button, Descriptions, Drawer, Input, Space, Table, Tag } from 'antd'
import { useEffect, useState } from 'react'
import { api } from '../../../shared/api/client'
import { useT } from '../../../shared/i18n'
import { errorText } from '../../../shared/ui'
import { RISK } from '../api'
import { formatValue } from '../labels'
import type { DataSource, IndicatorValue, SourceTestResult } from '../types'

/** `input.<key>` references of the request mapping become the keys of the sample inputs. */
function sampleInputs(source: DataSource | null): string {
  const inputs: Record<string, string> = {}
  for (const ref of Object.values(source?.requestMapping ?? {})) if (ref.startsWith('input.')) inputs[ref.slice(6)] = ''
  return JSON.stringify(inputs, null, 2)
}

export function TestCallDrawer({ source, onClose }: { source: DataSource | null; onClose: () => void }) {
  const t = useT()
  const { message } = App.useApp()
  const [inputs, setInputs] = useState('')
  const [customerId, setCustomerId] = useState('')
  const call = useMutation({
    mutationFn: () =>
      api.post<SourceTestResult>(RISK.dataSourceTest(source?.id ?? ''), {
        inputs: inputs.trim() ? JSON.parse(inputs) : {},
        ...(customerId.trim() ? { customerId: customerId.trim() } : {}),
      }),
    onError: (error) => message.error(errorText(error)),
  })
  const { reset } = call
  useEffect(() => {
    setInputs(sampleInputs(source))
    reset()
  }, [source, reset])
  const result = call.data
  return (
    <Drawer
      open={Boolean(source)}
      onClose={onClose}
      title={`${t('risk.source.test')} · ${source?.name ?? ''}`}
      width={620}
      destroyOnHidden
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Input.TextArea
          value={inputs}
          onChange={(event) => setInputs(event.target.value)}
          autoSize={{ minRows: 4 }}
          className="xd-mono"
          data-testid="source-test-inputs"
        />
        <Input
          placeholder={t('risk.test.customerId')}
          value={customerId}
          onChange={(event) => setCustomerId(event.target.value)}
          allowClear
        />
        <Button
          type="primary"
          icon={<ApiOutlined />}
          loading={call.isPending}
          onClick={() => call.mutate()}
          data-testid="source-test-run"
        >
          {t('risk.source.testRun')}
        </Button>
        {result && (
          <div data-testid="source-test-result">
            {result.ok ? (
              <Alert type="success" showIcon title={t('risk.source.testOk')} />
            ) : (
              <Alert type="error" showIcon title={t('risk.source.testFailed')} description={result.error} />
            )}
            <Descriptions size="small" column={2} style={{ marginTop: 12 }} bordered>
              <Descriptions.Item label={t('risk.source.latency')}>
                <span data-testid="source-test-latency">{Math.round(result.latencyMs)} ms</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('risk.source.httpStatus')}>
                <Tag color={result.status && result.status < 300 ? 'green' : 'red'}>{result.status ?? '—'}</Tag>
              </Descriptions.Item>
            </Descriptions>
            <Table<{ code: string; value: IndicatorValue }>
              style={{ marginTop: 12 }}
              size="small"
              rowKey="code"
              pagination={false}
              dataSource={Object.entries(result.values ?? {}).map(([code, value]) => ({ code, value }))}
              columns={[
                {
                  key: 'code',
                  dataIndex: 'code',
                  title: t('risk.indicator.code'),
                  render: (code: string) => <span className="xd-mono">{code}</span>,
                },
                {
                  key: 'value',
                  dataIndex: 'value',
                  title: t('risk.source.mappedValue'),
                  render: (value: IndicatorValue) => <span className="xd-mono">{formatValue(value)}</span>,
                },
              ]}
            />
            <pre className="xd-json" style={{ marginTop: 12 }} data-testid="source-test-raw">
              {JSON.stringify(result.raw, null, 2)}
            </pre>
          </div>
        )}
      </Space>
    </Drawer>
  )
}
