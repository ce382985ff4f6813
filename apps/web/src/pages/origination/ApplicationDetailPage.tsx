/** One application: applicant, checks, risk decision, approval steps, contract and disbursement. */
import { DownloadOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { App as AntApp, Button, Card, Descriptions, Space, Table, Tag } from 'antd'
import { Link, useParams } from 'react-router-dom'
import { api } from '../../shared/api/client'
import { usePermissions } from '../../shared/auth/session'
import { formatDateTime, formatMoney } from '../../shared/format'
import { type MessageKey, useT } from '../../shared/i18n'
import { errorText, LoadError, PageHeader } from '../../shared/ui'
import { type ApplicationDetail, newIdempotencyKey } from './api'
import { InBranchSignButton } from './InBranchSign'
import { AppStatusTag } from './labels'

export function ApplicationDetailPage() {
  const { id } = useParams<{ id: string }>()
  const t = useT()
  const { message } = AntApp.useApp()
  const { can } = usePermissions()
  const qc = useQueryClient()
  const key = ['application', id]
  const q = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => api.get<ApplicationDetail>(`/api/v1/applications/${id}`, undefined, { signal }),
  })
  const decide = useMutation({
    mutationFn: (v: { stepNo: number; decision: 'approve' | 'reject' }) =>
      api.post<ApplicationDetail>(`/api/v1/applications/${id}/approval-steps/${v.stepNo}/decide`, {
        decision: v.decision,
      }),
    onSuccess: (data) => qc.setQueryData(key, data),
    onError: (e) => message.error(errorText(e)),
  })
  const disburse = useMutation({
    mutationFn: () =>
      api.post<ApplicationDetail>(
        `/api/v1/applications/${id}/disburse`,
        {},
        { headers: { 'Idempotency-Key': newIdempotencyKey('disburse') } },
      ),
    onSuccess: (data) => qc.setQueryData(key, data),
    onError: (e) => message.error(errorText(e)),
  })
  if (q.error) return <LoadError error={q.error} onRetry={() => q.refetch()} />
  const a = q.data
  if (!a) return null
  return (
    <PageHeader
      title={`${t('orig.appNo')} ${a.appNo}`}
      extra={
        <Space>
          {a.contract && (
            <Button icon={<DownloadOutlined />} href={`/api/v1/applications/${a.id}/contract.pdf`}>
              {t('orig.downloadContract')}
            </Button>
          )}
          {can('application.manage') && <InBranchSignButton application={a} />}
          {a.status === 'disbursing' && can('application.manage') && (
            <Button type="primary" loading={disburse.isPending} onClick={() => disburse.mutate()}>
              {t('orig.disburse')}
            </Button>
          )}
        </Space>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }} size={16}>
        <Card>
          <Descriptions
            column={3}
            size="small"
            items={[
              { key: 's', label: t('orig.status'), children: <AppStatusTag status={a.status} /> },
              {
                key: 'c',
                label: t('orig.customer'),
                children: <Link to={`/customers/${a.customerId}`}>{a.applicant.name}</Link>,
              },
              { key: 'p', label: t('orig.product'), children: a.productName },
              { key: 'a', label: t('orig.amount'), children: formatMoney(a.amount) },
              { key: 't', label: t('orig.term'), children: `${a.term} ${a.termUnit}` },
              { key: 'u', label: t('orig.purpose'), children: a.purpose },
              { key: 'r', label: t('orig.risk'), children: `${a.sceneCode ?? '-'} · ${a.riskDecision ?? '-'}` },
              { key: 'sc', label: t('orig.score'), children: a.riskScore ?? '-' },
              { key: 'q', label: t('orig.quota'), children: a.quota ? formatMoney(a.quota) : '-' },
              { key: 'rr', label: t('orig.rejectReason'), children: a.rejectReason ?? '-' },
              {
                key: 'l',
                label: t('orig.loan'),
                children: a.loanId ? <Link to={`/servicing/loans/${a.loanId}`}>{t('orig.loan')}</Link> : '-',
              },
              { key: 'd', label: t('orig.submittedAt'), children: formatDateTime(a.submittedAt) },
            ]}
          />
        </Card>
        <Card title={t('orig.checks')} size="small">
          <Space wrap>
            {a.checks.map((c) => (
              <Tag
                key={c.check}
                color={
                  c.status === 'passed'
                    ? 'green'
                    : c.status === 'failed'
                      ? 'red'
                      : c.status === 'error'
                        ? 'orange'
                        : 'default'
                }
              >
                {c.check}: {c.status} {c.detail ? `(${c.detail})` : ''} · {c.latencyMs} ms
              </Tag>
            ))}
          </Space>
        </Card>
        <Card title={t('orig.approvals')} size="small">
          <Table
            rowKey="stepNo"
            size="small"
            pagination={false}
            dataSource={a.approvals}
            columns={[
              { title: t('orig.step'), render: (_, s) => `${s.stepNo}. ${s.name}` },
              { title: t('orig.status'), dataIndex: 'status' },
              { title: t('orig.decidedBy'), dataIndex: 'decidedByName' },
              { title: t('orig.comment'), dataIndex: 'comment' },
              {
                title: '',
                render: (_, s) =>
                  s.status === 'pending' && can('review.approve') ? (
                    <Space>
                      <Button
                        size="small"
                        type="primary"
                        onClick={() => decide.mutate({ stepNo: s.stepNo, decision: 'approve' })}
                      >
                        {t('orig.approve')}
                      </Button>
                      <Button
                        size="small"
                        danger
                        onClick={() => decide.mutate({ stepNo: s.stepNo, decision: 'reject' })}
                      >
                        {t('orig.reject')}
                      </Button>
                    </Space>
                  ) : null,
              },
            ]}
          />
        </Card>
        {a.contract && (
          <Card title={t('orig.contract')} size="small">
            <Descriptions
              column={2}
              size="small"
              items={[
                { key: 'n', label: 'No.', children: a.contract.contractNo },
                {
                  key: 's',
                  label: t('orig.status'),
                  children: t(`orig.contract.status.${a.contract.status}` as MessageKey),
                },
                { key: 'h', label: 'SHA-256', children: <code style={{ fontSize: 11 }}>{a.contract.sha256}</code> },
                {
                  key: 'm',
                  label: t('orig.contract.method'),
                  children: a.contract.signedAt
                    ? t(`orig.contract.method.${a.contract.signMethod}` as MessageKey)
                    : a.channel === 'staff'
                      ? '-'
                      : t('orig.sign.h5Hint'),
                },
                { key: 'at', label: t('orig.contract.signedAt'), children: formatDateTime(a.contract.signedAt) },
                { key: 'ip', label: 'IP', children: a.contract.signedIp ?? '-' },
                { key: 'dev', label: t('orig.contract.device'), children: a.contract.signedDevice ?? '-' },
                ...(a.contract.signMethod === 'in_branch' && a.contract.signedAt
                  ? [
                      { key: 'by', label: t('orig.contract.staff'), children: a.contract.signedByStaffName ?? '-' },
                      {
                        key: 'id',
                        label: t('orig.contract.identityChecked'),
                        children: a.contract.identityChecked ? t('orig.yes') : t('orig.no'),
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
        )}
      </Space>
    </PageHeader>
  )
}
