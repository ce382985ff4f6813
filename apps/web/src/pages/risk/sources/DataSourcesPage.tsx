/** Third-party data sources (调用接口管理): endpoint, mapping, cost, call cycle and fallback, with a test call. */
import { ApiOutlined, PlusOutlined } from '@ant-design/icons'
import { Button, Card, Switch, Table, type TableColumnsType, Tag } from 'antd'
import { useState } from 'react'
import { usePermissions } from '../../../shared/auth/session'
import { formatCurrency } from '../../../shared/format'
import { useT } from '../../../shared/i18n'
import { LoadError, PageHeader } from '../../../shared/ui'
import { useAllIndicators, useDataSources } from '../api'
import type { DataSource } from '../types'
import { DataSourceFormModal } from './DataSourceFormModal'
import { TestCallDrawer } from './TestCallDrawer'

export function DataSourcesPage() {
  const t = useT()
  const { can } = usePermissions()
  const sources = useDataSources()
  const indicators = useAllIndicators()
  // A source feeds the indicators configured on it, plus any mapped by its response fields.
  const fedBy = (source: DataSource) => [
    ...new Set([
      ...source.responseFields.map((field) => field.indicator),
      ...(indicators.data ?? [])
        .filter((indicator) => indicator.config.kind === 'third_party' && indicator.config.source === source.code)
        .map((indicator) => indicator.code),
    ]),
  ]
  const [editing, setEditing] = useState<DataSource | null | undefined>(undefined)
  const [testing, setTesting] = useState<DataSource | null>(null)
  const columns: TableColumnsType<DataSource> = [
    {
      key: 'code',
      dataIndex: 'code',
      title: t('risk.source.code'),
      render: (code: string) => <span className="xd-mono">{code}</span>,
    },
    { key: 'name', dataIndex: 'name', title: t('risk.source.name') },
    {
      key: 'url',
      title: t('risk.source.url'),
      render: (_, source) => (
        <span className="xd-mono">
          <Tag>{source.method}</Tag>
          {source.url}
        </span>
      ),
    },
    {
      key: 'costPerCall',
      dataIndex: 'costPerCall',
      title: t('risk.source.costPerCall'),
      render: (cost: string) => formatCurrency(cost),
    },
    { key: 'timeoutMs', dataIndex: 'timeoutMs', title: t('risk.source.timeout'), render: (ms: number) => `${ms} ms` },
    {
      key: 'callCycle',
      dataIndex: 'callCycle',
      title: t('risk.source.callCycle'),
      render: (cycle: DataSource['callCycle']) =>
        cycle.mode === 'reuse' ? t('risk.source.reuseDays', { days: cycle.days }) : t('risk.source.everyTime'),
    },
    {
      key: 'fallback',
      dataIndex: 'fallback',
      title: t('risk.source.fallback'),
      render: (fallback: DataSource['fallback']) => (
        <Tag color={fallback.mode === 'manual' ? 'gold' : 'blue'}>{t(`risk.fallback.${fallback.mode}`)}</Tag>
      ),
    },
    {
      key: 'fields',
      title: t('risk.source.indicators'),
      render: (_, source) => <span className="xd-mono">{fedBy(source).join(', ')}</span>,
    },
    {
      key: 'enabled',
      dataIndex: 'enabled',
      title: t('risk.indicator.enabled'),
      render: (enabled: boolean) => <Switch size="small" checked={enabled} disabled />,
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, source) => (
        <>
          {can('risk.manage') && (
            <Button type="link" size="small" onClick={() => setEditing(source)}>
              {t('common.edit')}
            </Button>
          )}
          {can('risk.manage') && (
            <Button
              type="link"
              size="small"
              icon={<ApiOutlined />}
              onClick={() => setTesting(source)}
              data-testid={`source-test-${source.code}`}
            >
              {t('risk.source.test')}
            </Button>
          )}
        </>
      ),
    },
  ]
  return (
    <PageHeader
      title={t('risk.nav.sources')}
      extra={
        can('risk.manage') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="source-create">
            {t('risk.source.create')}
          </Button>
        )
      }
    >
      <Card>
        <LoadError error={sources.error} onRetry={() => sources.refetch()} />
        <Table<DataSource>
          rowKey="id"
          size="middle"
          loading={sources.isLoading}
          dataSource={sources.data ?? []}
          columns={columns}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="sources-table"
        />
      </Card>
      <DataSourceFormModal
        open={editing !== undefined}
        source={editing ?? null}
        onClose={() => setEditing(undefined)}
      />
      <TestCallDrawer source={testing} onClose={() => setTesting(null)} />
    </PageHeader>
  )
}
