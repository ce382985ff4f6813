/** Quality inspection (质检): draw a sample of processed orders, read each record, score and comment. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { App as AntApp, Button, Card, Input, InputNumber, Modal, Segmented, Space, Table, Tag } from 'antd'
import { useState } from 'react'
import { Link } from 'react-router-dom'
import { api } from '../../shared/api/client'
import { formatDateTime } from '../../shared/format'
import { type MessageKey, useT } from '../../shared/i18n'
import { errorText, LoadError, PageHeader } from '../../shared/ui'
import type { Order } from '../origination/api'
import { OrderStatusTag } from '../origination/labels'

type Inspection = {
  id: string
  status: string
  inspectorName: string
  score: number | null
  comment: string | null
  order: Order
  calls: number
  recordings: string[]
  inspectedAt: string | null
}

export function QiPage() {
  const t = useT()
  const { message } = AntApp.useApp()
  const qc = useQueryClient()
  const [status, setStatus] = useState<'pending' | 'done'>('pending')
  const [size, setSize] = useState(10)
  const [scoring, setScoring] = useState<Inspection | null>(null)
  const [score, setScore] = useState(90)
  const [comment, setComment] = useState('')
  const q = useQuery({
    queryKey: ['review-qi', status],
    queryFn: () => api.get<Inspection[]>('/api/v1/review/qi', { status }),
  })
  const sample = useMutation({
    mutationFn: () => api.post<{ sampled: number }>('/api/v1/review/qi/sample', { size }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['review-qi'] }),
    onError: (e) => message.error(errorText(e)),
  })
  const submit = useMutation({
    mutationFn: () => api.put(`/api/v1/review/qi/${scoring!.id}`, { score, comment }),
    onSuccess: () => {
      setScoring(null)
      setComment('')
      qc.invalidateQueries({ queryKey: ['review-qi'] })
    },
    onError: (e) => message.error(errorText(e)),
  })
  return (
    <PageHeader
      title={t('review.nav.qi')}
      extra={
        <Space>
          <InputNumber
            min={1}
            max={200}
            value={size}
            onChange={(v) => setSize(v ?? 10)}
            addonBefore={t('review.qi.size')}
          />
          <Button type="primary" loading={sample.isPending} onClick={() => sample.mutate()}>
            {t('review.qi.sample')}
          </Button>
        </Space>
      }
    >
      <Card>
        <Segmented
          value={status}
          onChange={(v) => setStatus(v as 'pending' | 'done')}
          options={[
            { value: 'pending', label: t('review.qi.pending') },
            { value: 'done', label: t('review.qi.done') },
          ]}
          style={{ marginBottom: 12 }}
        />
        <LoadError error={q.error} onRetry={() => q.refetch()} />
        <Table<Inspection>
          rowKey="id"
          loading={q.isLoading}
          dataSource={q.data}
          columns={[
            {
              title: t('orig.appNo'),
              render: (_, i) => <Link to={`/review/orders/${i.order.id}`}>{i.order.appNo}</Link>,
            },
            { title: '', render: (_, i) => t(`review.stage.${i.order.stage}` as MessageKey) },
            { title: t('review.assignee'), render: (_, i) => i.order.assigneeName },
            { title: t('orig.status'), render: (_, i) => <OrderStatusTag status={i.order.status} /> },
            { title: t('review.rejectReason'), render: (_, i) => i.order.rejectReasonCode ?? '-' },
            { title: t('review.notes'), render: (_, i) => i.order.notes ?? '-' },
            { title: t('review.calls'), render: (_, i) => `${i.calls} ${i.recordings.map((r) => `🎧${r}`).join(' ')}` },
            { title: t('review.qi.handling'), render: (_, i) => i.order.handlingMinutes ?? '-' },
            {
              title: t('review.qi.score'),
              dataIndex: 'score',
              render: (v) => (v === null ? '-' : <Tag color={v >= 80 ? 'green' : 'orange'}>{v}</Tag>),
            },
            { title: t('review.qi.comment'), dataIndex: 'comment' },
            { title: '', dataIndex: 'inspectedAt', render: (v) => formatDateTime(v) },
            {
              title: '',
              render: (_, i) =>
                i.status === 'pending' ? (
                  <Button size="small" onClick={() => setScoring(i)}>
                    {t('review.qi.submit')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
      <Modal
        open={!!scoring}
        title={scoring?.order.appNo}
        onCancel={() => setScoring(null)}
        onOk={() => submit.mutate()}
        okButtonProps={{ disabled: !comment.trim(), loading: submit.isPending }}
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <InputNumber
            min={0}
            max={100}
            value={score}
            onChange={(v) => setScore(v ?? 0)}
            addonBefore={t('review.qi.score')}
          />
          <Input.TextArea
            rows={4}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            placeholder={t('review.qi.comment')}
          />
        </Space>
      </Modal>
    </PageHeader>
  )
}
