/**
 * The review page (审核页), everything on one screen: application, customer summary, risk report,
 * documents, checklist, outbound calls, the other stage's record, notes, result and reject reason.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Form,
  Image,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Table,
  Tag,
} from 'antd'
import { useEffect, useState } from 'react'
import { useParams } from 'react-router-dom'
import { api } from '../../shared/api/client'
import { formatDateTime, formatMoney } from '../../shared/format'
import { type MessageKey, useI18n, useT } from '../../shared/i18n'
import { errorText, LoadError, PageHeader } from '../../shared/ui'
import type { Application, Order } from '../origination/api'
import { AppStatusTag, OrderStatusTag, SlaTag } from '../origination/labels'

type PageData = {
  order: Order
  application: Application
  customer: {
    name: string
    idNumber: string
    phone: string
    sex: string
    birthDate: string
    address: { province: string; city: string } | null
    job: { employer?: string; monthlyIncome?: string } | null
    contacts: { name: string; relation: string; phone: string }[]
    otherApplications: number
    otherRejected: number
  } | null
  riskReport: {
    scene: string
    decision: string
    score: string | null
    amount: string | null
    report: { rules?: { code: string; name: string; result: string; hit?: boolean }[] }
  } | null
  documents: { uploadId: string; kind: string; name: string; type: string; url: string }[]
  checklist: { code: string; label: string }[]
  calls: {
    id: string
    callee: string
    phone: string
    outcome: string
    content: string | null
    recordingRef: string | null
    durationSeconds: number
    createdBy: string
    createdAt: string
  }[]
  stages: Order[]
  rejectReasons: { code: string; 'zh-CN': string; 'en-US': string }[]
  canDecide: boolean
}

export function ReviewPage() {
  const { id } = useParams<{ id: string }>()
  const t = useT()
  const { locale } = useI18n()
  const { message } = AntApp.useApp()
  const qc = useQueryClient()
  const key = ['review-page', id]
  const q = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => api.get<PageData>(`/api/v1/review/orders/${id}`, undefined, { signal }),
  })
  const [notes, setNotes] = useState('')
  const [checks, setChecks] = useState<Record<string, boolean>>({})
  const [reason, setReason] = useState<string | undefined>()
  useEffect(() => {
    if (q.data) setNotes(q.data.order.notes ?? '')
  }, [q.data])
  const checklist = () => Object.entries(checks).map(([code, ok]) => ({ code, ok }))
  const decide = useMutation({
    mutationFn: (result: 'approved' | 'rejected') =>
      api.post<PageData>(`/api/v1/review/orders/${id}/decide`, {
        result,
        notes: notes || undefined,
        checklist: checklist(),
        rejectReasonCode: result === 'rejected' ? reason : undefined,
      }),
    onSuccess: (data) => {
      qc.setQueryData(key, data)
      qc.invalidateQueries({ queryKey: ['list'] })
      message.success(t('review.decided'))
    },
    onError: (e) => message.error(errorText(e)),
  })
  const save = useMutation({
    mutationFn: () => api.put(`/api/v1/review/orders/${id}/notes`, { notes, checklist: checklist() }),
    onSuccess: () => q.refetch(),
    onError: (e) => message.error(errorText(e)),
  })
  const [callForm] = Form.useForm()
  const addCall = useMutation({
    mutationFn: (v: object) => api.post(`/api/v1/review/orders/${id}/calls`, v),
    onSuccess: () => {
      callForm.resetFields()
      q.refetch()
    },
    onError: (e) => message.error(errorText(e)),
  })
  if (q.error) return <LoadError error={q.error} onRetry={() => q.refetch()} />
  const d = q.data
  if (!d) return null
  const a = d.application
  return (
    <PageHeader
      title={`${t(`review.stage.${d.order.stage}` as MessageKey)} · ${a.appNo}`}
      extra={
        <Space>
          <OrderStatusTag status={d.order.status} />
          <SlaTag state={d.order.slaState} />
          <span>
            {t('review.dueAt')}: {formatDateTime(d.order.dueAt)}
          </span>
        </Space>
      }
    >
      {!d.canDecide && d.order.status !== 'approved' && d.order.status !== 'rejected' && (
        <Alert type="info" showIcon message={t('review.notYours')} style={{ marginBottom: 12 }} />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Space direction="vertical" style={{ width: '100%' }} size={16}>
            <Card title={t('review.application')} size="small">
              <Descriptions
                column={2}
                size="small"
                items={[
                  { key: 's', label: t('orig.status'), children: <AppStatusTag status={a.status} /> },
                  { key: 'p', label: t('orig.product'), children: a.productName },
                  { key: 'a', label: t('orig.amount'), children: formatMoney(a.amount) },
                  { key: 't', label: t('orig.term'), children: `${a.term} ${a.termUnit}` },
                  { key: 'u', label: t('orig.purpose'), children: a.purpose },
                  {
                    key: 'e',
                    label: 'employment',
                    children: `${a.applicant.employmentType} · ${a.applicant.monthlyIncome ?? '-'}`,
                  },
                  {
                    key: 'c',
                    label: t('orig.checks'),
                    span: 2,
                    children: (
                      <Space wrap>
                        {a.checks.map((c) => (
                          <Tag
                            key={c.check}
                            color={c.status === 'passed' ? 'green' : c.status === 'failed' ? 'red' : 'orange'}
                          >
                            {c.check}: {c.status}
                          </Tag>
                        ))}
                      </Space>
                    ),
                  },
                ]}
              />
            </Card>
            {d.customer && (
              <Card title={t('review.customer')} size="small">
                <Descriptions
                  column={2}
                  size="small"
                  items={[
                    { key: 'n', label: t('h5a.name'), children: d.customer.name },
                    { key: 'i', label: t('h5a.idNumber'), children: d.customer.idNumber },
                    { key: 'p', label: t('review.phone'), children: d.customer.phone },
                    { key: 'b', label: 'birth', children: `${d.customer.birthDate} · ${d.customer.sex}` },
                    {
                      key: 'ad',
                      label: t('h5a.city'),
                      children: d.customer.address ? `${d.customer.address.province} ${d.customer.address.city}` : '-',
                    },
                    { key: 'j', label: t('h5a.employer'), children: d.customer.job?.employer ?? '-' },
                    {
                      key: 'h',
                      label: 'history',
                      children: `${d.customer.otherApplications} / rejected ${d.customer.otherRejected}`,
                    },
                    {
                      key: 'ct',
                      label: t('h5a.contactName'),
                      children: d.customer.contacts.map((c) => `${c.name}(${c.relation}) ${c.phone}`).join('；') || '-',
                    },
                  ]}
                />
              </Card>
            )}
            <Card title={t('review.riskReport')} size="small">
              {d.riskReport ? (
                <>
                  <Space style={{ marginBottom: 8 }}>
                    <Tag>{d.riskReport.scene}</Tag>
                    <Tag
                      color={
                        d.riskReport.decision === 'pass'
                          ? 'green'
                          : d.riskReport.decision === 'reject'
                            ? 'red'
                            : 'orange'
                      }
                    >
                      {d.riskReport.decision}
                    </Tag>
                    <span>
                      {t('orig.score')}: {d.riskReport.score ?? '-'}
                    </span>
                    <span>
                      {t('orig.quota')}: {d.riskReport.amount ?? '-'}
                    </span>
                  </Space>
                  <Table
                    size="small"
                    rowKey="code"
                    pagination={false}
                    dataSource={(d.riskReport.report.rules ?? []).filter((r) => r.result !== 'pass')}
                    columns={[
                      { title: 'rule', dataIndex: 'name' },
                      { title: 'result', dataIndex: 'result' },
                    ]}
                  />
                </>
              ) : (
                '-'
              )}
            </Card>
            <Card title={t('orig.documents')} size="small">
              <Space wrap>
                {d.documents.map((doc) =>
                  doc.type.startsWith('image/') ? (
                    <Image key={doc.uploadId} width={160} src={doc.url} alt={doc.name} />
                  ) : (
                    <a key={doc.uploadId} href={doc.url} target="_blank" rel="noreferrer">
                      {doc.name}
                    </a>
                  ),
                )}
              </Space>
            </Card>
            <Card title={t('review.calls')} size="small">
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={d.calls}
                columns={[
                  { title: t('review.callee'), dataIndex: 'callee' },
                  { title: t('review.phone'), dataIndex: 'phone' },
                  {
                    title: t('review.outcome'),
                    dataIndex: 'outcome',
                    render: (v) => t(`review.outcome.${v}` as MessageKey),
                  },
                  { title: t('review.content'), dataIndex: 'content' },
                  { title: t('review.recording'), dataIndex: 'recordingRef' },
                  { title: 's', dataIndex: 'durationSeconds' },
                ]}
              />
              {d.canDecide && (
                <Form
                  form={callForm}
                  layout="inline"
                  style={{ marginTop: 12, rowGap: 8 }}
                  onFinish={(v) => addCall.mutate(v)}
                >
                  <Form.Item name="callee" rules={[{ required: true }]}>
                    <Input placeholder={t('review.callee')} />
                  </Form.Item>
                  <Form.Item name="phone" rules={[{ required: true, pattern: /^1\d{10}$/ }]}>
                    <Input placeholder={t('review.phone')} />
                  </Form.Item>
                  <Form.Item name="outcome" initialValue="connected">
                    <Select
                      style={{ width: 120 }}
                      options={['connected', 'no_answer', 'refused', 'wrong_number'].map((o) => ({
                        value: o,
                        label: t(`review.outcome.${o}` as MessageKey),
                      }))}
                    />
                  </Form.Item>
                  <Form.Item name="recordingRef">
                    <Input placeholder={t('review.recording')} />
                  </Form.Item>
                  <Form.Item name="durationSeconds">
                    <InputNumber min={0} placeholder="s" />
                  </Form.Item>
                  <Form.Item name="content">
                    <Input placeholder={t('review.content')} />
                  </Form.Item>
                  <Button htmlType="submit">{t('review.addCall')}</Button>
                </Form>
              )}
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          <Space direction="vertical" style={{ width: '100%' }} size={16}>
            <Card title={t('review.checklist')} size="small">
              <Space direction="vertical">
                {d.checklist.map((c) => (
                  <Checkbox
                    key={c.code}
                    disabled={!d.canDecide}
                    checked={checks[c.code] ?? false}
                    onChange={(e) => setChecks({ ...checks, [c.code]: e.target.checked })}
                  >
                    {c.label}
                  </Checkbox>
                ))}
              </Space>
            </Card>
            <Card title={t('review.notes')} size="small">
              <Input.TextArea
                rows={5}
                value={notes}
                disabled={!d.canDecide}
                onChange={(e) => setNotes(e.target.value)}
                data-testid="review-notes"
              />
              {d.canDecide && (
                <Space direction="vertical" style={{ width: '100%', marginTop: 12 }}>
                  <Select
                    allowClear
                    style={{ width: '100%' }}
                    placeholder={t('review.rejectReason')}
                    value={reason}
                    onChange={setReason}
                    options={d.rejectReasons.map((r) => ({ value: r.code, label: r[locale] }))}
                  />
                  <Space>
                    <Button onClick={() => save.mutate()}>{t('review.saveNotes')}</Button>
                    <Button
                      type="primary"
                      loading={decide.isPending}
                      onClick={() => decide.mutate('approved')}
                      data-testid="review-approve"
                    >
                      {t('review.approve')}
                    </Button>
                    <Button
                      danger
                      disabled={!reason}
                      loading={decide.isPending}
                      onClick={() => decide.mutate('rejected')}
                    >
                      {t('review.reject')}
                    </Button>
                  </Space>
                </Space>
              )}
            </Card>
            <Card title={t('review.history')} size="small">
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={d.stages}
                columns={[
                  { title: '', dataIndex: 'stage', render: (v) => t(`review.stage.${v}` as MessageKey) },
                  { title: t('orig.status'), dataIndex: 'status', render: (v) => <OrderStatusTag status={v} /> },
                  { title: t('review.assignee'), dataIndex: 'assigneeName' },
                  { title: t('review.notes'), dataIndex: 'notes' },
                ]}
              />
            </Card>
          </Space>
        </Col>
      </Row>
    </PageHeader>
  )
}
