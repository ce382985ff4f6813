/** My cases (我的案件): the collector's own cases, in progress and finished apart, most urgent first. */
import { ReloadOutlined } from '@ant-design/icons'
import { useMutation } from '@tanstack/react-query'
import { App, Button, Card, Space, Switch, Table, type TableColumnsType, Tabs } from 'antd'
import { Link } from 'react-router-dom'
import { api } from '../../shared/api/client'
import { formatCurrency, formatDate, formatDateTime } from '../../shared/format'
import { type MessageKey, useT } from '../../shared/i18n'
import { usePagedList } from '../../shared/list/usePagedList'
import { errorText, LoadError, PageHeader } from '../../shared/ui'
import { CaseStatusTag, StageTag } from './labels'
import { COLLECTIONS, type CollectionCase } from './types'

export function MyCasesPage() {
  const t = useT()
  const { message } = App.useApp()
  const list = usePagedList<CollectionCase, { status: string }>({
    path: `${COLLECTIONS}/my-cases`,
    initialFilters: { status: 'open' },
  })
  const finished = list.filters.status === 'finished'
  const receiving = useMutation({
    mutationFn: (paused: boolean) => api.patch(`${COLLECTIONS}/me/receiving`, { paused }),
    onError: (e) => message.error(errorText(e)),
  })
  const columns: TableColumnsType<CollectionCase> = [
    {
      key: 'loanNo',
      title: t('collections.case.loanNo'),
      render: (_v, c) => (
        <Link to={`/collections/cases/${c.id}`} className="xd-mono" data-testid={`my-case-${c.loanNo}`}>
          {c.loanNo}
        </Link>
      ),
    },
    { key: 'borrower', dataIndex: 'borrowerName', title: t('collections.case.borrower') },
    { key: 'stage', title: t('collections.case.stage'), render: (_v, c) => <StageTag code={c.stageCode} /> },
    { key: 'status', title: t('collections.case.status'), render: (_v, c) => <CaseStatusTag status={c.status} /> },
    { key: 'dpd', dataIndex: 'dpd', title: t('collections.case.dpd'), align: 'right' },
    {
      key: 'amount',
      title: t('collections.case.overdueAmount'),
      align: 'right',
      render: (_v, c) => formatCurrency(c.overdueAmount),
    },
    { key: 'broken', dataIndex: 'brokenPromises', title: t('collections.case.brokenPromises'), align: 'right' },
    finished
      ? {
          key: 'finished',
          title: t('collections.case.finishedOn'),
          render: (_v, c) =>
            `${formatDate(c.finishedOn)} ${c.finishReason ? t(`collections.case.reason.${c.finishReason}` as MessageKey) : ''}`,
        }
      : { key: 'last', title: t('collections.case.lastContact'), render: (_v, c) => formatDateTime(c.lastContactAt) },
  ]
  return (
    <PageHeader
      title={t('collections.myCases.title')}
      extra={
        <Space>
          <span>{t('collections.myCases.receiving')}</span>
          <Switch defaultChecked onChange={(on) => receiving.mutate(!on)} loading={receiving.isPending} />
          <Button icon={<ReloadOutlined />} onClick={() => list.refetch()} aria-label={t('common.refresh')} />
        </Space>
      }
    >
      <Card>
        <Tabs
          activeKey={list.filters.status}
          onChange={(status) => list.setFilters({ status })}
          items={[
            { key: 'open', label: <span data-testid="my-cases-open">{t('collections.myCases.open')}</span> },
            {
              key: 'finished',
              label: <span data-testid="my-cases-finished">{t('collections.myCases.finished')}</span>,
            },
          ]}
        />
        <LoadError error={list.error} onRetry={() => list.refetch()} />
        <Table<CollectionCase> columns={columns} {...list.tableProps} data-testid="my-cases" />
      </Card>
    </PageHeader>
  )
}
