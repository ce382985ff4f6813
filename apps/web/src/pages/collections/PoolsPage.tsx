/** Case pools (案件池) for team leads: one tab per stage, assignment single or batch, auto-assignment per pool. */
import { ReloadOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import {
  App,
  Button,
  Card,
  Input,
  InputNumber,
  Segmented,
  Select,
  Space,
  Switch,
  Table,
  type TableColumnsType,
  Tabs,
} from 'antd'
import { useEffect, useState } from 'react'
import { Link } from 'react-router-dom'
import { api } from '../../shared/api/client'
import { formatCurrency, formatDateTime } from '../../shared/format'
import { useT } from '../../shared/i18n'
import { usePagedList } from '../../shared/list/usePagedList'
import { errorText, LoadError, PageHeader } from '../../shared/ui'
import { AssignModal } from './AssignModal'
import { CaseStatusTag, StageTag } from './labels'
import { COLLECTIONS, type CollectionCase, type Pool } from './types'

type Filters = { stage?: string; status?: string; q?: string }

export function PoolsPage() {
  const t = useT()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const pools = useQuery({
    queryKey: ['collections', 'pools'],
    queryFn: ({ signal }) => api.get<{ items: Pool[] }>(`${COLLECTIONS}/pools`, undefined, { signal }),
  })
  const casePools = (pools.data?.items ?? []).filter((p) => p.opensCases)
  const [stage, setStage] = useState<string>()
  const current = casePools.find((p) => p.stageCode === stage) ?? casePools[0]
  const list = usePagedList<CollectionCase, Filters>({
    path: `${COLLECTIONS}/cases`,
    initialFilters: { status: 'unassigned' },
    enabled: !!current,
  })
  const currentCode = current?.stageCode
  const { setFilters } = list
  useEffect(() => {
    if (currentCode) setFilters({ stage: currentCode })
  }, [currentCode, setFilters])
  const [selected, setSelected] = useState<string[]>([])
  const [assigning, setAssigning] = useState<string[] | null>(null)

  const patchPool = useMutation({
    mutationFn: (body: Partial<Pool>) =>
      api.patch<{ assigned: number }>(`${COLLECTIONS}/pools/${encodeURIComponent(current!.stageCode)}`, body),
    onSuccess: async (r) => {
      if (r.assigned > 0) message.success(t('collections.pools.autoAssigned', { n: r.assigned }))
      await queryClient.invalidateQueries({ queryKey: ['collections'] })
      await list.refetch()
    },
    onError: (e) => message.error(errorText(e)),
  })

  const columns: TableColumnsType<CollectionCase> = [
    {
      key: 'loanNo',
      title: t('collections.case.loanNo'),
      render: (_v, c) => (
        <Link to={`/collections/cases/${c.id}`} className="xd-mono">
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
    { key: 'collector', title: t('collections.case.collector'), render: (_v, c) => c.collectorName ?? '—' },
    { key: 'last', title: t('collections.case.lastContact'), render: (_v, c) => formatDateTime(c.lastContactAt) },
    {
      key: 'actions',
      title: '',
      render: (_v, c) => (
        <Button size="small" onClick={() => setAssigning([c.id])} data-testid={`assign-${c.loanNo}`}>
          {t('collections.assign')}
        </Button>
      ),
    },
  ]

  return (
    <PageHeader
      title={t('collections.pools.title')}
      extra={<Button icon={<ReloadOutlined />} onClick={() => list.refetch()} aria-label={t('common.refresh')} />}
    >
      <LoadError error={pools.error} onRetry={() => pools.refetch()} />
      <Card>
        <Tabs
          activeKey={current?.stageCode}
          onChange={(k) => {
            setStage(k)
            setSelected([])
          }}
          items={casePools.map((p) => ({
            key: p.stageCode,
            label: (
              <span data-testid={`pool-tab-${p.stageCode}`}>
                {p.stageCode} · {p.unassigned}/{p.unassigned + p.assigned}
              </span>
            ),
          }))}
        />
        {current && (
          <Space wrap style={{ marginBottom: 12 }}>
            <Segmented
              value={list.filters.status ?? 'open'}
              onChange={(v) => list.setFilters({ status: v as string })}
              options={[
                { value: 'unassigned', label: t('collections.pools.unassigned') },
                { value: 'assigned', label: t('collections.pools.assigned') },
                { value: 'open', label: t('collections.myCases.open') },
              ]}
              data-testid="pool-status"
            />
            <Input.Search
              allowClear
              placeholder={t('collections.case.loanNo')}
              onSearch={(q) => list.setFilters({ q: q || undefined })}
              style={{ width: 220 }}
            />
            <span>{t('collections.pools.autoAssign')}</span>
            <Switch
              checked={current.autoAssign}
              loading={patchPool.isPending}
              onChange={(autoAssign) => patchPool.mutate({ autoAssign })}
              data-testid="pool-auto-assign"
            />
            <Select
              value={current.strategy}
              style={{ width: 140 }}
              onChange={(strategy) => patchPool.mutate({ strategy })}
              options={[
                { value: 'round_robin', label: t('collections.pools.strategy.round_robin') },
                { value: 'by_load', label: t('collections.pools.strategy.by_load') },
              ]}
            />
            <InputNumber
              min={1}
              placeholder={t('collections.pools.cap')}
              value={current.capPerCollector ?? undefined}
              onBlur={(e) => {
                const v = e.target.value ? Number(e.target.value) : null
                if (v !== current.capPerCollector) patchPool.mutate({ capPerCollector: v })
              }}
            />
            <Button
              type="primary"
              disabled={selected.length === 0}
              onClick={() => setAssigning(selected)}
              data-testid="assign-batch"
            >
              {t('collections.assign.batch', { n: selected.length })}
            </Button>
          </Space>
        )}
        <LoadError error={list.error} onRetry={() => list.refetch()} />
        <Table<CollectionCase>
          columns={columns}
          {...list.tableProps}
          rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }}
          data-testid="pool-cases"
        />
      </Card>
      {current && assigning && (
        <AssignModal
          pool={current}
          caseIds={assigning}
          open
          onClose={(done) => {
            setAssigning(null)
            if (done) setSelected([])
          }}
        />
      )}
    </PageHeader>
  )
}
