/** Approval-chain steps waiting for the caller's decision. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { App as AntApp, Button, Card, Space, Table } from 'antd'
import { Link } from 'react-router-dom'
import { api } from '../../shared/api/client'
import { formatDateTime, formatMoney } from '../../shared/format'
import { useT } from '../../shared/i18n'
import { errorText, LoadError, PageHeader } from '../../shared/ui'

type Step = {
  applicationId: string
  appNo: string
  customerName: string
  productName: string
  amount: string
  riskScore: string | null
  stepNo: number
  name: string
  createdAt: string
}

export function ApprovalStepsPage() {
  const t = useT()
  const { message } = AntApp.useApp()
  const qc = useQueryClient()
  const q = useQuery({
    queryKey: ['approval-steps'],
    queryFn: ({ signal }) => api.get<Step[]>('/api/v1/approval-steps', undefined, { signal }),
  })
  const decide = useMutation({
    mutationFn: (v: { s: Step; decision: 'approve' | 'reject' }) =>
      api.post(`/api/v1/applications/${v.s.applicationId}/approval-steps/${v.s.stepNo}/decide`, {
        decision: v.decision,
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['approval-steps'] }),
    onError: (e) => message.error(errorText(e)),
  })
  return (
    <PageHeader title={t('orig.nav.steps')}>
      <Card>
        <LoadError error={q.error} onRetry={() => q.refetch()} />
        <Table<Step>
          rowKey={(s) => `${s.applicationId}-${s.stepNo}`}
          loading={q.isLoading}
          dataSource={q.data}
          columns={[
            {
              title: t('orig.appNo'),
              render: (_, s) => <Link to={`/origination/applications/${s.applicationId}`}>{s.appNo}</Link>,
            },
            { title: t('orig.customer'), dataIndex: 'customerName' },
            { title: t('orig.product'), dataIndex: 'productName' },
            { title: t('orig.amount'), dataIndex: 'amount', align: 'right', render: (v) => formatMoney(v) },
            { title: t('orig.score'), dataIndex: 'riskScore' },
            { title: t('orig.step'), render: (_, s) => `${s.stepNo}. ${s.name}` },
            { title: t('orig.submittedAt'), dataIndex: 'createdAt', render: (v) => formatDateTime(v) },
            {
              title: '',
              render: (_, s) => (
                <Space>
                  <Button size="small" type="primary" onClick={() => decide.mutate({ s, decision: 'approve' })}>
                    {t('orig.approve')}
                  </Button>
                  <Button size="small" danger onClick={() => decide.mutate({ s, decision: 'reject' })}>
                    {t('orig.reject')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </PageHeader>
  )
}
