/**
 * What happened to the loan, newest first: its audit trail (created, disbursed, repaid, reversed …) for
 * those who may read it, and its four-eyes requests (waivers, write-off) with their outcome.
 */
import { useQuery } from '@tanstack/react-query'
import { Card, Empty, Table, Tag, Timeline, Typography } from 'antd'
import { api } from '../../shared/api/client'
import type { AuditRow, Page } from '../../shared/api/types'
import { usePermissions } from '../../shared/auth/session'
import { formatDateTime } from '../../shared/format'
import { useT } from '../../shared/i18n'
import { LoadError } from '../../shared/ui'
import { type Approval, ApprovalStatusTag, useApprovalKindLabel } from '../approvals/ApprovalParts'

export function LoanEventsTab({ loanId }: { loanId: string }) {
  const t = useT()
  const { can } = usePermissions()
  const kindLabel = useApprovalKindLabel()
  const audit = useQuery({
    queryKey: ['list', '/api/v1/audit', { objectId: loanId, pageSize: 100 }],
    queryFn: ({ signal }) =>
      api.get<Page<AuditRow>>('/api/v1/audit', { objectId: loanId, page: 1, pageSize: 100 }, { signal }),
    enabled: can('audit.read'),
  })
  const approvals = useQuery({
    queryKey: ['list', '/api/v1/approvals', { objectId: loanId }],
    queryFn: ({ signal }) =>
      api.get<Page<Approval>>('/api/v1/approvals', { objectId: loanId, page: 1, pageSize: 50 }, { signal }),
  })
  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Card size="small" title={t('servicing.loan.requests')}>
        <LoadError error={approvals.error} onRetry={() => approvals.refetch()} />
        <Table<Approval>
          rowKey="id"
          size="small"
          loading={approvals.isLoading}
          pagination={false}
          dataSource={approvals.data?.items ?? []}
          locale={{ emptyText: t('common.none') }}
          columns={[
            { key: 'at', dataIndex: 'requestedAt', title: t('approvals.requestedAt'), render: formatDateTime },
            { key: 'kind', dataIndex: 'kind', title: t('approvals.kind'), render: (k: string) => kindLabel(k) },
            { key: 'summary', dataIndex: 'summary', title: t('approvals.summary') },
            { key: 'by', dataIndex: 'requestedByName', title: t('approvals.requestedBy') },
            { key: 'status', title: t('servicing.status'), render: (_v, a) => <ApprovalStatusTag status={a.status} /> },
            { key: 'decidedBy', title: t('approvals.decidedBy'), render: (_v, a) => a.decidedByName ?? '—' },
          ]}
          data-testid="loan-approvals"
        />
      </Card>
      {can('audit.read') && (
        <Card size="small" title={t('servicing.loan.trail')}>
          <LoadError error={audit.error} onRetry={() => audit.refetch()} />
          {audit.data && audit.data.items.length === 0 && <Empty />}
          <Timeline
            data-testid="loan-events"
            items={(audit.data?.items ?? []).map((row) => ({
              key: String(row.id),
              content: (
                <>
                  <Tag className="xd-mono">{row.operation}</Tag>
                  <Typography.Text type="secondary">
                    {formatDateTime(row.at)} · {row.actorName ?? t('audit.system')}
                  </Typography.Text>
                </>
              ),
            }))}
          />
        </Card>
      )}
    </div>
  )
}
