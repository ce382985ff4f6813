/** Early warning (风险预警): dashboard, the warning list with filters and a detail drawer, the rule catalog. */
import { ReloadOutlined, ThunderboltOutlined } from '@ant-design/icons'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { App, Button, Card, Input, Segmented, Select, Space, Table, Tabs, Typography } from 'antd'
import { useState } from 'react'
import { api } from '../../shared/api/client'
import { usePermissions } from '../../shared/auth/session'
import { formatDateTime } from '../../shared/format'
import { type MessageKey, useT } from '../../shared/i18n'
import { invalidateList, sortOrderFor, usePagedList } from '../../shared/list/usePagedList'
import { errorText, LoadError, PageHeader } from '../../shared/ui'
import { WarningDashboard } from './WarningDashboard'
import { WarningDrawer } from './WarningDrawer'
import { WarningRulesCard } from './WarningRulesCard'
import { SeverityTag, WarningStatusTag } from './WarningTags'
import { SEVERITIES, WARNING_RULES, WARNING_STATUSES, WARNINGS, type Warning } from './warning-types'

type Filters = { status?: string; rule?: string; severity?: string; q?: string }

function WarningList({ onOpen }: { onOpen: (id: string) => void }) {
  const t = useT()
  const list = usePagedList<Warning, Filters>({ path: WARNINGS, initialFilters: { status: 'active' } })
  return (
    <Card>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented
          value={list.filters.status ?? 'all'}
          onChange={(v) => list.setFilters({ status: v === 'all' ? undefined : (v as string) })}
          options={[
            { value: 'active', label: t('collections.warnings.status.active') },
            ...WARNING_STATUSES.map((s) => ({ value: s, label: t(`collections.warnings.status.${s}` as MessageKey) })),
            { value: 'all', label: t('common.all') },
          ]}
          data-testid="warning-status-filter"
        />
        <Select
          allowClear
          style={{ width: 220 }}
          placeholder={t('collections.warnings.rule')}
          value={list.filters.rule}
          onChange={(v) => list.setFilters({ rule: v })}
          options={WARNING_RULES.map((r) => ({ value: r, label: t(`collections.warnings.rule.${r}` as MessageKey) }))}
          data-testid="warning-rule-filter"
        />
        <Select
          allowClear
          style={{ width: 120 }}
          placeholder={t('collections.warnings.severity')}
          value={list.filters.severity}
          onChange={(v) => list.setFilters({ severity: v })}
          options={SEVERITIES.map((s) => ({ value: s, label: t(`collections.warnings.severity.${s}` as MessageKey) }))}
        />
        <Input.Search
          allowClear
          placeholder={t('collections.warnings.search')}
          onSearch={(q) => list.setFilters({ q: q || undefined })}
          style={{ width: 220 }}
        />
      </Space>
      <LoadError error={list.error} onRetry={() => list.refetch()} />
      <Table<Warning>
        {...list.tableProps}
        data-testid="warnings-table"
        onRow={(w) => ({ onClick: () => onOpen(w.id), style: { cursor: 'pointer' } })}
        columns={[
          {
            key: 'rule',
            title: t('collections.warnings.rule'),
            render: (_v, w) => t(`collections.warnings.rule.${w.ruleCode}` as MessageKey),
          },
          {
            key: 'subject',
            title: t('collections.warnings.subject'),
            render: (_v, w) => (
              <Button type="link" size="small" className="xd-mono" onClick={() => onOpen(w.id)}>
                {w.subjectLabel}
              </Button>
            ),
          },
          {
            key: 'severity',
            title: t('collections.warnings.severity'),
            sorter: true,
            sortOrder: sortOrderFor(list.sort, 'severity'),
            render: (_v, w) => <SeverityTag severity={w.severity} />,
          },
          {
            key: 'status',
            title: t('collections.warnings.status'),
            sorter: true,
            sortOrder: sortOrderFor(list.sort, 'status'),
            render: (_v, w) => <WarningStatusTag status={w.status} />,
          },
          {
            key: 'owner',
            title: t('collections.warnings.owner'),
            render: (_v, w) => w.ownerName ?? t('collections.warnings.unassigned'),
          },
          {
            key: 'businessDate',
            title: t('collections.warnings.raisedOn'),
            sorter: true,
            sortOrder: sortOrderFor(list.sort, 'businessDate'),
            render: (_v, w) => w.businessDate,
          },
          {
            key: 'raisedAt',
            title: t('collections.warnings.raisedAt'),
            sorter: true,
            sortOrder: sortOrderFor(list.sort, 'raisedAt'),
            render: (_v, w) => formatDateTime(w.raisedAt),
          },
        ]}
      />
    </Card>
  )
}

export function WarningsPage() {
  const t = useT()
  const { message } = App.useApp()
  const { can } = usePermissions()
  const queryClient = useQueryClient()
  const [tab, setTab] = useState('dashboard')
  const [open, setOpen] = useState<string | null>(null)
  const evaluate = useMutation({
    mutationFn: () => api.post<{ raised: Record<string, number> }>(`${WARNINGS}/evaluate`, {}),
    onSuccess: async (r) => {
      message.success(t('collections.warnings.evaluated', { n: Object.values(r.raised).reduce((a, b) => a + b, 0) }))
      await invalidateList(queryClient, WARNINGS)
    },
    onError: (e) => message.error(errorText(e)),
  })
  return (
    <PageHeader
      title={t('collections.warnings.title')}
      extra={
        <Space>
          {can('warning.manage') && (
            <Button icon={<ThunderboltOutlined />} onClick={() => evaluate.mutate()} loading={evaluate.isPending}>
              {t('collections.warnings.evaluate')}
            </Button>
          )}
          <Button
            icon={<ReloadOutlined />}
            onClick={() => invalidateList(queryClient, WARNINGS)}
            aria-label={t('common.refresh')}
          />
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('collections.warnings.hint')}</Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'dashboard', label: t('collections.warnings.tab.dashboard'), children: <WarningDashboard /> },
          { key: 'list', label: t('collections.warnings.tab.list'), children: <WarningList onOpen={setOpen} /> },
          { key: 'rules', label: t('collections.warnings.tab.rules'), children: <WarningRulesCard /> },
        ]}
      />
      <WarningDrawer id={open} onClose={() => setOpen(null)} />
    </PageHeader>
  )
}
