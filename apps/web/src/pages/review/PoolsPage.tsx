/**
 * The two order pools (初审 / 复审) for the team lead: configuration (automatic assignment on/off and
 * mode, cap, SLA) and the orders, with single and batch assignment offered only to online reviewers
 * of the pool's group.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import {
  App as AntApp,
  Badge,
  Button,
  Card,
  Checkbox,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tabs,
} from 'antd'
import { useState } from 'react'
import { Link } from 'react-router-dom'
import { api } from '../../shared/api/client'
import type { Page } from '../../shared/api/types'
import { formatDateTime, formatMoney } from '../../shared/format'
import { useT } from '../../shared/i18n'
import { errorText, LoadError, PageHeader } from '../../shared/ui'
import type { Order, Pool, Reviewer } from '../origination/api'
import { OrderStatusTag, SlaTag } from '../origination/labels'
import { RejectReasonsPanel } from './RejectReasonsPanel'

export function PoolsPage() {
  const t = useT()
  const [tab, setTab] = useState<'first' | 'second' | 'reasons'>('first')
  return (
    <PageHeader title={t('review.nav.pools')}>
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as 'first' | 'second' | 'reasons')}
        items={[
          ...(['first', 'second'] as const).map((s) => ({
            key: s,
            label: t(`review.stage.${s}`),
            children: <PoolPanel stage={s} />,
          })),
          { key: 'reasons', label: t('review.reasons.tab'), children: <RejectReasonsPanel /> },
        ]}
      />
    </PageHeader>
  )
}

function PoolPanel({ stage }: { stage: 'first' | 'second' }) {
  const t = useT()
  const { message } = AntApp.useApp()
  const qc = useQueryClient()
  const [onlyOpen, setOnlyOpen] = useState(true)
  const [onlyOverdue, setOnlyOverdue] = useState(false)
  const [selected, setSelected] = useState<string[]>([])
  const [assigning, setAssigning] = useState(false)
  const [reviewerId, setReviewerId] = useState<string | undefined>()
  const [page, setPage] = useState(1)
  const [q, setQ] = useState<string | undefined>()
  const pools = useQuery({ queryKey: ['review-pools'], queryFn: () => api.get<Pool[]>('/api/v1/review/pools') })
  const pool = pools.data?.find((p) => p.stage === stage)
  const orders = useQuery({
    queryKey: ['list', '/api/v1/review/orders', { stage, onlyOpen, onlyOverdue, page, q }],
    queryFn: ({ signal }) =>
      api.get<Page<Order>>(
        '/api/v1/review/orders',
        {
          stage,
          q,
          open: onlyOpen ? 'true' : undefined,
          overdue: onlyOverdue ? 'true' : undefined,
          page,
          pageSize: 20,
          sort: 'createdAt',
          order: 'desc',
        },
        { signal },
      ),
  })
  const reviewers = useQuery({
    queryKey: ['review-reviewers', stage],
    queryFn: () => api.get<Reviewer[]>('/api/v1/review/reviewers', { stage }),
    enabled: assigning,
  })
  const refresh = () => {
    qc.invalidateQueries({ queryKey: ['list', '/api/v1/review/orders'] })
    qc.invalidateQueries({ queryKey: ['review-pools'] })
  }
  const assign = useMutation({
    mutationFn: () =>
      api.post<{ assigned: number }>('/api/v1/review/orders/assign', { orderIds: selected, reviewerId }),
    onSuccess: (r) => {
      message.success(t('review.assigned', { n: r.assigned }))
      setAssigning(false)
      setSelected([])
      setReviewerId(undefined)
      refresh()
    },
    onError: (e) => message.error(errorText(e)),
  })
  const configure = useMutation({
    mutationFn: (patch: Partial<Pick<Pool, 'autoMode' | 'cap' | 'slaMinutes'>>) =>
      api.patch(`/api/v1/review/pools/${stage}`, patch),
    onSuccess: () => refresh(),
    onError: (e) => message.error(errorText(e)),
  })
  const auto = useMutation({
    mutationFn: () => api.post<{ assigned: number }>(`/api/v1/review/pools/${stage}/auto-assign`),
    onSuccess: (r) => {
      message.success(t('review.assigned', { n: r.assigned }))
      refresh()
    },
    onError: (e) => message.error(errorText(e)),
  })
  const online = (reviewers.data ?? []).filter((r) => r.online)
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <LoadError error={pools.error ?? orders.error} />
      {pool && (
        <Card size="small">
          <Space wrap size={24}>
            <span>
              {t('review.group')}: <b>{pool.teamName ?? '-'}</b>
            </span>
            <span>
              {t('review.autoMode')}:{' '}
              <Radio.Group
                size="small"
                value={pool.autoMode}
                onChange={(e) => configure.mutate({ autoMode: e.target.value })}
                options={(['manual', 'round_robin', 'least_loaded'] as const).map((m) => ({
                  value: m,
                  label: t(`review.auto.${m}`),
                }))}
                optionType="button"
              />
            </span>
            <span>
              {t('review.cap')}:{' '}
              <InputNumber
                size="small"
                min={1}
                max={500}
                defaultValue={pool.cap}
                onBlur={(e) => configure.mutate({ cap: Number(e.target.value) })}
              />
            </span>
            <span>
              {t('review.slaMinutes')}:{' '}
              <InputNumber
                size="small"
                min={5}
                defaultValue={pool.slaMinutes}
                onBlur={(e) => configure.mutate({ slaMinutes: Number(e.target.value) })}
              />
            </span>
            {pool.autoMode !== 'manual' && (
              <Button size="small" onClick={() => auto.mutate()} loading={auto.isPending}>
                {t('review.runAuto')}
              </Button>
            )}
            <Space size={4} wrap>
              {pool.reviewers.map((r) => (
                <Badge
                  key={r.id}
                  status={r.online ? 'success' : 'default'}
                  text={`${r.displayName} (${t('review.openLoad', { n: r.open })})`}
                />
              ))}
            </Space>
          </Space>
        </Card>
      )}
      <Card size="small">
        <Space style={{ marginBottom: 12 }} wrap>
          <Checkbox checked={onlyOpen} onChange={(e) => setOnlyOpen(e.target.checked)}>
            {t('review.onlyOpen')}
          </Checkbox>
          <Checkbox checked={onlyOverdue} onChange={(e) => setOnlyOverdue(e.target.checked)} data-testid="only-overdue">
            {t('review.onlyOverdue')}
          </Checkbox>
          <Input.Search
            allowClear
            style={{ width: 220 }}
            placeholder={t('orig.appNo')}
            onSearch={(v) => {
              setQ(v || undefined)
              setPage(1)
            }}
          />
          <Button
            type="primary"
            disabled={selected.length === 0}
            onClick={() => setAssigning(true)}
            data-testid="batch-assign"
          >
            {t('review.batchAssign', { n: selected.length })}
          </Button>
        </Space>
        <Table<Order>
          rowKey="id"
          size="middle"
          loading={orders.isLoading}
          dataSource={orders.data?.items}
          rowSelection={{
            selectedRowKeys: selected,
            onChange: (keys) => setSelected(keys as string[]),
            getCheckboxProps: (o) => ({
              disabled: !['awaiting_assignment', 'awaiting_review', 'in_review'].includes(o.status),
            }),
          }}
          pagination={{
            current: page,
            pageSize: 20,
            total: orders.data?.total,
            onChange: setPage,
            showSizeChanger: false,
          }}
          columns={[
            {
              title: t('orig.appNo'),
              dataIndex: 'appNo',
              render: (v, o) => <Link to={`/review/orders/${o.id}`}>{v}</Link>,
            },
            { title: t('orig.customer'), dataIndex: 'customerName' },
            { title: t('orig.amount'), dataIndex: 'amount', align: 'right', render: (v) => formatMoney(v) },
            { title: t('orig.status'), dataIndex: 'status', render: (v) => <OrderStatusTag status={v} /> },
            { title: t('review.assignee'), dataIndex: 'assigneeName' },
            { title: t('review.dueAt'), dataIndex: 'dueAt', render: (v) => formatDateTime(v) },
            { title: t('review.sla'), dataIndex: 'slaState', render: (v) => <SlaTag state={v} /> },
          ]}
        />
      </Card>
      <Modal
        open={assigning}
        title={t('review.chooseReviewer')}
        onCancel={() => setAssigning(false)}
        onOk={() => assign.mutate()}
        okButtonProps={{ disabled: !reviewerId, loading: assign.isPending, id: 'assign-ok' }}
      >
        {online.length === 0 && !reviewers.isLoading ? (
          <div>{t('review.noOnline')}</div>
        ) : (
          <Select
            style={{ width: '100%' }}
            value={reviewerId}
            onChange={setReviewerId}
            data-testid="reviewer-select"
            options={online.map((r) => ({
              value: r.id,
              label: `${r.displayName} · ${t('review.openLoad', { n: r.open })}`,
            }))}
          />
        )}
      </Modal>
    </Space>
  )
}
