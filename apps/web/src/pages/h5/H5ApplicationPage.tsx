/**
 * One application (H5): the progress steps of PRODUCT.md §2, the readable reject reason, the contract
 * to read and sign (consent), and once disbursed the repayment plan.
 */
import { useMutation, useQuery } from '@tanstack/react-query'
import { Alert, Button, Card, Checkbox, Descriptions, Steps, Table, Typography } from 'antd'
import { useMemo, useState } from 'react'
import { Navigate, useNavigate, useParams } from 'react-router-dom'
import { api } from '../../shared/api/client'
import { useBorrowerMe } from '../../shared/auth/borrower'
import { FullPageSpin } from '../../shared/auth/guards'
import { formatMoney } from '../../shared/format'
import { type MessageKey, useT } from '../../shared/i18n'
import { errorText, LoadError } from '../../shared/ui'
import { newIdempotencyKey } from '../origination/api'
import { H5Hero } from './H5Hero'

type View = {
  id: string
  appNo: string
  productName: string
  amount: string
  term: number
  status: string
  progress: { step: string; state: 'done' | 'current' | 'pending' | 'failed' }[]
  rejectReason: string | null
  contract: { contractNo: string; status: string; sha256: string; signedAt: string | null } | null
  plan: {
    loanNo: string
    installments: {
      number: number
      dueDate: string
      principal: string
      interest: string
      total: string
      status: string
    }[]
  } | null
}

const FINAL = ['disbursed', 'rejected', 'cancelled']

export function H5ApplicationPage() {
  const { id } = useParams<{ id: string }>()
  const t = useT()
  const navigate = useNavigate()
  const me = useBorrowerMe()
  const q = useQuery({
    queryKey: ['borrower-application', id],
    queryFn: () => api.get<View>(`/api/v1/borrower/applications/${id}`),
    enabled: !!me.data,
    refetchInterval: (query) => (query.state.data && FINAL.includes(query.state.data.status) ? false : 4000),
  })
  const [consent, setConsent] = useState(false)
  const key = useMemo(() => newIdempotencyKey('sign'), [])
  const sign = useMutation({
    mutationFn: () =>
      api.post(
        `/api/v1/borrower/applications/${id}/sign`,
        { consent, device: navigator.userAgent.slice(0, 200) },
        { headers: { 'Idempotency-Key': key } },
      ),
    onSuccess: () => q.refetch(),
  })
  if (me.isLoading) return <FullPageSpin />
  if (!me.data) return <Navigate to="/h5/login" replace />
  const v = q.data
  return (
    <>
      <H5Hero title={t('h5a.progress')} subtitle={v ? `${v.productName} · ${v.appNo}` : undefined} />
      <div className="xd-h5-body" style={{ display: 'grid', gap: 16, alignContent: 'start' }}>
        <LoadError error={q.error} onRetry={() => q.refetch()} />
        {v && (
          <>
            <Card size="small">
              <Descriptions
                column={1}
                size="small"
                items={[
                  { key: 'a', label: t('orig.amount'), children: formatMoney(v.amount) },
                  { key: 't', label: t('orig.term'), children: v.term },
                  {
                    key: 's',
                    label: t('orig.status'),
                    children: <b data-testid="h5-app-status">{t(`orig.status.${v.status}` as MessageKey)}</b>,
                  },
                ]}
              />
              <Steps
                direction="vertical"
                size="small"
                items={v.progress.map((p) => ({
                  title: t(`orig.status.${p.step}` as MessageKey),
                  status:
                    p.state === 'done'
                      ? 'finish'
                      : p.state === 'current'
                        ? 'process'
                        : p.state === 'failed'
                          ? 'error'
                          : 'wait',
                }))}
              />
              {v.rejectReason && <Alert type="warning" message={v.rejectReason} data-testid="h5-reject-reason" />}
            </Card>
            {v.contract && (
              <Card size="small" title={t('orig.contract')}>
                <Typography.Paragraph>
                  <a
                    href={`/api/v1/borrower/applications/${v.id}/contract.pdf`}
                    target="_blank"
                    rel="noreferrer"
                    data-testid="h5-contract-link"
                  >
                    {t('h5a.readContract')} · {v.contract.contractNo}
                  </a>
                </Typography.Paragraph>
                {v.contract.status === 'signed' ? (
                  <Typography.Text type="success" data-testid="h5-signed">
                    {t('h5a.signed')} · SHA-256 {v.contract.sha256.slice(0, 16)}…
                  </Typography.Text>
                ) : (
                  <>
                    <Checkbox checked={consent} onChange={(e) => setConsent(e.target.checked)} data-testid="h5-consent">
                      {t('h5a.consent')}
                    </Checkbox>
                    {sign.error && <Alert type="error" message={errorText(sign.error)} style={{ marginTop: 8 }} />}
                    <Button
                      type="primary"
                      block
                      style={{ height: 48, marginTop: 12 }}
                      disabled={!consent}
                      loading={sign.isPending}
                      onClick={() => sign.mutate()}
                      data-testid="h5-sign"
                    >
                      {t('h5a.sign')}
                    </Button>
                  </>
                )}
              </Card>
            )}
            {v.plan && (
              <Card size="small" title={`${t('h5a.plan')} · ${v.plan.loanNo}`}>
                <Table
                  size="small"
                  rowKey="number"
                  pagination={false}
                  data-testid="h5-plan"
                  dataSource={v.plan.installments}
                  columns={[
                    { title: '#', dataIndex: 'number' },
                    { title: t('h5a.dueDate'), dataIndex: 'dueDate' },
                    { title: t('h5a.installment'), dataIndex: 'total', align: 'right', render: (x) => formatMoney(x) },
                  ]}
                />
              </Card>
            )}
          </>
        )}
        <Button block onClick={() => navigate('/h5/applications')}>
          {t('h5a.myApplications')}
        </Button>
      </div>
    </>
  )
}
