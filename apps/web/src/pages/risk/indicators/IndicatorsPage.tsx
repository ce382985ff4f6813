/** The indicator catalog (指标): paged and filtered on the server; enable, edit, delete (refused while in use). */
import { PlusOutlined, SearchOutlined } from '@ant-design/icons'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import {
  App,
  Button,
  Card,
  Input,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
} from 'antd'
import { useState } from 'react'
import { api } from '../../../shared/api/client'
import { isApiError } from '../../../shared/api/error'
import { usePermissions } from '../../../shared/auth/session'
import { useT } from '../../../shared/i18n'
import { invalidateList, sortOrderFor, usePagedList } from '../../../shared/list/usePagedList'
import { errorText, LoadError, PageHeader } from '../../../shared/ui'
import { RISK } from '../api'
import type { Indicator, IndicatorSourceKind, IndicatorType } from '../types'
import { configSummary, IndicatorFormModal } from './IndicatorFormModal'

type Filters = { q?: string; sourceKind?: IndicatorSourceKind; enabled?: string }

export const SOURCE_KINDS: IndicatorSourceKind[] = ['input', 'own', 'derived', 'list', 'third_party']
export const INDICATOR_TYPES: IndicatorType[] = ['number', 'string', 'boolean', 'date', 'enum', 'string_list']

export function IndicatorsPage() {
  const t = useT()
  const { message, modal } = App.useApp()
  const queryClient = useQueryClient()
  const { can } = usePermissions()
  const list = usePagedList<Indicator, Filters>({ path: RISK.indicators, initialSort: { sort: 'code', order: 'asc' } })
  const [editing, setEditing] = useState<Indicator | null | undefined>(undefined)
  const [q, setQ] = useState('')
  const refresh = () => invalidateList(queryClient, RISK.indicators)
  const toggle = useMutation({
    mutationFn: (indicator: Indicator) =>
      api.patch<Indicator>(RISK.indicator(indicator.id), { enabled: !indicator.enabled }),
    onSuccess: () => void refresh(),
    onError: (error) => message.error(errorText(error)),
  })
  const remove = useMutation({
    mutationFn: (indicator: Indicator) => api.delete(RISK.indicator(indicator.id)),
    onSuccess: () => {
      message.success(t('risk.indicator.deleted'))
      void refresh()
    },
    onError: (error, indicator) => {
      // In use by rules: say which, in a dialog that stays until read.
      if (isApiError(error) && error.status === 409)
        modal.error({
          title: t('risk.indicator.inUse', { code: indicator.code }),
          content: <span data-testid="indicator-in-use">{error.displayMessage}</span>,
        })
      else message.error(errorText(error))
    },
  })
  const columns: TableColumnsType<Indicator> = [
    {
      key: 'code',
      dataIndex: 'code',
      title: t('risk.indicator.code'),
      sorter: true,
      sortOrder: sortOrderFor(list.sort, 'code'),
      render: (code: string) => <span className="xd-mono">{code}</span>,
    },
    {
      key: 'name',
      dataIndex: 'name',
      title: t('risk.indicator.name'),
      sorter: true,
      sortOrder: sortOrderFor(list.sort, 'name'),
      ellipsis: true,
    },
    {
      key: 'type',
      dataIndex: 'type',
      title: t('risk.indicator.type'),
      render: (type: IndicatorType) => <Tag>{t(`risk.indicatorType.${type}`)}</Tag>,
    },
    {
      key: 'sourceKind',
      dataIndex: 'sourceKind',
      title: t('risk.indicator.sourceKind'),
      render: (kind: IndicatorSourceKind) => <Tag color="geekblue">{t(`risk.sourceKind.${kind}`)}</Tag>,
    },
    {
      key: 'config',
      title: t('risk.indicator.config'),
      ellipsis: true,
      render: (_, indicator) => <span className="xd-mono">{configSummary(indicator.config)}</span>,
    },
    {
      key: 'usedBy',
      dataIndex: 'usedBy',
      title: t('risk.indicator.usedBy'),
      render: (usedBy: Indicator['usedBy']) =>
        usedBy?.length ? (
          <Tooltip
            title={usedBy.map((use) => `${use.sceneCode} v${use.version}: ${use.ruleCodes.join(', ')}`).join('; ')}
          >
            <Tag>{usedBy.reduce((sum, use) => sum + use.ruleCodes.length, 0)}</Tag>
          </Tooltip>
        ) : (
          '—'
        ),
    },
    {
      key: 'enabled',
      dataIndex: 'enabled',
      title: t('risk.indicator.enabled'),
      render: (enabled: boolean, indicator) => (
        <Switch
          size="small"
          checked={enabled}
          disabled={!can('risk.manage')}
          loading={toggle.isPending && toggle.variables?.id === indicator.id}
          onChange={() => toggle.mutate(indicator)}
          data-testid={`indicator-enabled-${indicator.code}`}
        />
      ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, indicator) =>
        can('risk.manage') && (
          <Space size={0}>
            <Button type="link" size="small" onClick={() => setEditing(indicator)}>
              {t('common.edit')}
            </Button>
            <Popconfirm
              title={t('risk.indicator.deleteConfirm', { code: indicator.code })}
              onConfirm={() => remove.mutate(indicator)}
            >
              <Button type="link" size="small" danger data-testid={`indicator-delete-${indicator.code}`}>
                {t('risk.delete')}
              </Button>
            </Popconfirm>
          </Space>
        ),
    },
  ]
  return (
    <PageHeader
      title={t('risk.indicator.title')}
      extra={
        can('risk.manage') && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing(null)}
            data-testid="indicator-create"
          >
            {t('risk.indicator.create')}
          </Button>
        )
      }
    >
      <Card>
        <div className="xd-filters">
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t('risk.indicator.search')}
            value={q}
            onChange={(event) => {
              setQ(event.target.value)
              if (!event.target.value) list.setFilters({ q: undefined })
            }}
            onPressEnter={() => list.setFilters({ q: q.trim() || undefined })}
            style={{ width: 240 }}
            data-testid="indicators-search"
          />
          <Select
            allowClear
            placeholder={t('risk.indicator.sourceKind')}
            style={{ width: 150 }}
            onChange={(sourceKind?: IndicatorSourceKind) => list.setFilters({ sourceKind })}
            options={SOURCE_KINDS.map((kind) => ({ value: kind, label: t(`risk.sourceKind.${kind}`) }))}
          />
          <Select
            allowClear
            placeholder={t('risk.indicator.enabled')}
            style={{ width: 120 }}
            onChange={(enabled?: string) => list.setFilters({ enabled })}
            options={[
              { value: 'true', label: t('risk.indicator.enabledYes') },
              { value: 'false', label: t('risk.indicator.enabledNo') },
            ]}
          />
        </div>
        <LoadError error={list.error} onRetry={() => list.refetch()} />
        <Table<Indicator>
          {...list.tableProps}
          columns={columns}
          scroll={{ x: 'max-content' }}
          data-testid="indicators-table"
        />
      </Card>
      <IndicatorFormModal
        open={editing !== undefined}
        indicator={editing ?? null}
        onClose={() => setEditing(undefined)}
      />
    </PageHeader>
  )
}
