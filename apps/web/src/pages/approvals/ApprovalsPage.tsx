/**
 * The four-eyes inbox (待复核): requests waiting for a second person, decided with one click (an
 * optional comment typed beside the buttons), the requests the user made, and the history.
 */
import { CheckOutlined, CloseOutlined, ReloadOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { App, Badge, Button, Card, Input, Select, Space, Table, type TableColumnsType, Tabs, Tooltip } from 'antd'
import { useState } from 'react'
import { Link } from 'react-router-dom'
import { api } from '../../shared/api/client'
import type { Page } from '../../shared/api/types'
import { usePermissions } from '../../shared/auth/session'
import { formatDateTime } from '../../shared/format'
import { useT } from '../../shared/i18n'
import { invalidateList, usePagedList } from '../../shared/list/usePagedList'
import { useInstitutionNames } from '../../shared/reference'
import { errorText, LoadError, PageHeader } from '../../shared/ui'
import { APPROVALS_PATH, type Approval, ApprovalStatusTag, objectPath, useApprovalKindLabel } from './ApprovalParts'

type ApprovalFilters = { status?: string; kind?: string; mine?: 'true' }
type Tab = 'inbox' | 'mine' | 'all'

/** Which kinds the signed-in user may decide (the server answers them beside every list). */
function useDecidableKinds() {
  return useQuery({
    queryKey: ['list', APPROVALS_PATH, 'decidable'],
    queryFn: ({ signal }) =>
      api.get<Page<Approval> & { decidableKinds: string[] }>(
        APPROVALS_PATH,
        { status: 'pending', page: 1, pageSize: 1 },
        { signal },
      ),
    select: (data) => ({ kinds: data.decidableKinds, pending: data.total }),
  })
}

function useDecide() {
  const t = useT()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({
      approval,
      decision,
      comment,
    }: {
      approval: Approval
      decision: 'approve' | 'reject'
      comment?: string
    }) =>
      api.post<Approval>(
        `${APPROVALS_PATH}/${approval.id}/${decision}`,
        comment?.trim() ? { comment: comment.trim() } : {},
      ),
    onSuccess: (_saved, { approval, decision }) => {
      message.success(
        t(decision === 'approve' ? 'approvals.approvedOk' : 'approvals.rejectedOk', { summary: approval.summary }),
      )
      void invalidateList(queryClient, APPROVALS_PATH)
      // the object of the request changed (a product's version, a loan's balances)
      if (approval.objectType === 'loan') void queryClient.invalidateQueries({ queryKey: ['loan', approval.objectId] })
      if (approval.objectType === 'product')
        void queryClient.invalidateQueries({ queryKey: ['product', approval.objectId] })
      void invalidateList(queryClient, '/api/v1/loans')
      void invalidateList(queryClient, '/api/v1/products')
    },
    onError: (error) => message.error(errorText(error)),
  })
}

function DecisionCell({ approval, canDecide }: { approval: Approval; canDecide: boolean }) {
  const t = useT()
  const { me } = usePermissions()
  const decide = useDecide()
  const [comment, setComment] = useState('')
  if (approval.status !== 'pending') return approval.comment ? <span>{approval.comment}</span> : null
  if (approval.requestedBy === me?.id)
    return <Tooltip title={t('approvals.ownRequestHint')}>{t('approvals.waitingForOther')}</Tooltip>
  if (!canDecide) return <span style={{ color: '#8c8c8c' }}>{t('approvals.notYours')}</span>
  const busy = decide.isPending
  return (
    <Space.Compact>
      <Input
        size="small"
        placeholder={t('approvals.commentPlaceholder')}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        maxLength={500}
        style={{ width: 180 }}
        data-testid="approval-comment"
      />
      <Button
        size="small"
        type="primary"
        icon={<CheckOutlined />}
        loading={busy && decide.variables?.decision === 'approve'}
        disabled={busy}
        onClick={() => decide.mutate({ approval, decision: 'approve', comment })}
        data-testid="approval-approve"
      >
        {t('approvals.approve')}
      </Button>
      <Button
        size="small"
        danger
        icon={<CloseOutlined />}
        loading={busy && decide.variables?.decision === 'reject'}
        disabled={busy}
        onClick={() => decide.mutate({ approval, decision: 'reject', comment })}
        data-testid="approval-reject"
      >
        {t('approvals.reject')}
      </Button>
    </Space.Compact>
  )
}

function useColumns(decidable: string[]): TableColumnsType<Approval> {
  const t = useT()
  const kindLabel = useApprovalKindLabel()
  const institutionName = useInstitutionNames()
  return [
    { key: 'requestedAt', dataIndex: 'requestedAt', title: t('approvals.requestedAt'), render: formatDateTime },
    { key: 'kind', dataIndex: 'kind', title: t('approvals.kind'), render: (kind: string) => kindLabel(kind) },
    {
      key: 'summary',
      dataIndex: 'summary',
      title: t('approvals.summary'),
      render: (summary: string, a) => {
        const path = objectPath(a)
        return path ? <Link to={path}>{summary}</Link> : summary
      },
    },
    { key: 'institution', title: t('common.institution'), render: (_v, a) => institutionName(a.institutionId) },
    { key: 'requestedBy', dataIndex: 'requestedByName', title: t('approvals.requestedBy') },
    { key: 'status', title: t('approvals.status'), render: (_v, a) => <ApprovalStatusTag status={a.status} /> },
    {
      key: 'decidedBy',
      title: t('approvals.decidedBy'),
      render: (_v, a) => (a.decidedByName ? `${a.decidedByName} · ${formatDateTime(a.decidedAt)}` : '—'),
    },
    {
      key: 'decision',
      title: t('approvals.decision'),
      fixed: 'right',
      render: (_v, a) => <DecisionCell approval={a} canDecide={decidable.includes(a.kind)} />,
    },
  ]
}

function ApprovalList({
  status,
  mine,
  decidable,
  testId,
}: {
  status?: string
  mine?: boolean
  decidable: string[]
  testId: string
}) {
  const t = useT()
  const kindLabel = useApprovalKindLabel()
  const list = usePagedList<Approval, ApprovalFilters>({
    path: APPROVALS_PATH,
    initialFilters: { status, ...(mine ? { mine: 'true' as const } : {}) },
  })
  const columns = useColumns(decidable)
  const kinds = ['product.pricing', 'loan.waiver', 'loan.write_off', ...decidable]
  return (
    <>
      <div className="xd-filters">
        <Select
          allowClear
          placeholder={t('approvals.kind')}
          style={{ width: 180 }}
          value={list.filters.kind}
          onChange={(kind?: string) => list.setFilters({ kind })}
          options={[...new Set(kinds)].map((k) => ({ value: k, label: kindLabel(k) }))}
        />
        {!status && (
          <Select
            allowClear
            placeholder={t('approvals.status')}
            style={{ width: 130 }}
            value={list.filters.status}
            onChange={(s?: string) => list.setFilters({ status: s })}
            options={(['pending', 'approved', 'rejected'] as const).map((s) => ({
              value: s,
              label: t(`approvals.status.${s}`),
            }))}
          />
        )}
        <Button icon={<ReloadOutlined />} onClick={() => list.refetch()} aria-label={t('common.refresh')} />
      </div>
      <LoadError error={list.error} onRetry={() => list.refetch()} />
      <Table<Approval> {...list.tableProps} columns={columns} scroll={{ x: 'max-content' }} data-testid={testId} />
    </>
  )
}

export function ApprovalsPage() {
  const t = useT()
  const decidable = useDecidableKinds()
  const [tab, setTab] = useState<Tab>('inbox')
  const kinds = decidable.data?.kinds ?? []
  return (
    <PageHeader title={t('approvals.title')}>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setTab(key as Tab)}
          destroyOnHidden
          items={[
            {
              key: 'inbox',
              label: (
                <Badge count={decidable.data?.pending ?? 0} size="small" offset={[8, 0]}>
                  <span data-testid="approvals-tab-inbox">{t('approvals.tab.inbox')}</span>
                </Badge>
              ),
              children: <ApprovalList status="pending" decidable={kinds} testId="approvals-inbox" />,
            },
            {
              key: 'mine',
              label: <span data-testid="approvals-tab-mine">{t('approvals.tab.mine')}</span>,
              children: <ApprovalList mine decidable={kinds} testId="approvals-mine" />,
            },
            {
              key: 'all',
              label: <span data-testid="approvals-tab-all">{t('approvals.tab.all')}</span>,
              children: <ApprovalList decidable={kinds} testId="approvals-all" />,
            },
          ]}
        />
      </Card>
    </PageHeader>
  )
}
