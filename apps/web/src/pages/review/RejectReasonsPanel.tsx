/**
 * The institution's reject-reason catalog for the team lead: add a reason (code, labels and the
 * borrower's text in both languages), edit the texts or order, disable or re-enable. Reviewers pick
 * from the active ones on the review page.
 */
import { PlusOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App as AntApp, Button, Form, Input, InputNumber, Modal, Space, Table, Tag } from 'antd'
import { useState } from 'react'
import { api } from '../../shared/api/client'
import { useI18n } from '../../shared/i18n'
import { errorText, LoadError } from '../../shared/ui'
import type { RejectReason } from '../origination/api'

type FormValues = {
  code: string
  labelZh: string
  labelEn: string
  borrowerZh: string
  borrowerEn: string
  sortOrder?: number
}

const QUERY_KEY = ['review-reject-reasons', 'all']

export function RejectReasonsPanel() {
  const { t, locale } = useI18n()
  const { message } = AntApp.useApp()
  const qc = useQueryClient()
  const [editing, setEditing] = useState<RejectReason | 'new' | null>(null)
  const [form] = Form.useForm<FormValues>()
  const list = useQuery({
    queryKey: QUERY_KEY,
    queryFn: ({ signal }) => api.get<RejectReason[]>('/api/v1/review/reject-reasons', { all: 'true' }, { signal }),
  })
  const done = () => {
    qc.invalidateQueries({ queryKey: ['review-reject-reasons'] })
    message.success(t('review.reasons.saved'))
  }
  const save = useMutation({
    mutationFn: (v: FormValues) => {
      const texts = {
        label: { 'zh-CN': v.labelZh, 'en-US': v.labelEn },
        borrowerText: { 'zh-CN': v.borrowerZh, 'en-US': v.borrowerEn },
        ...(v.sortOrder !== undefined && v.sortOrder !== null ? { sortOrder: v.sortOrder } : {}),
      }
      return editing === 'new'
        ? api.post<RejectReason>('/api/v1/review/reject-reasons', { code: v.code, ...texts })
        : api.patch<RejectReason>(`/api/v1/review/reject-reasons/${(editing as RejectReason).id}`, texts)
    },
    onSuccess: () => {
      setEditing(null)
      done()
    },
    onError: (e) => message.error(errorText(e)),
  })
  const toggle = useMutation({
    mutationFn: (r: RejectReason) =>
      api.patch<RejectReason>(`/api/v1/review/reject-reasons/${r.id}`, { active: !r.active }),
    onSuccess: done,
    onError: (e) => message.error(errorText(e)),
  })
  const open = (r: RejectReason | 'new') => {
    form.resetFields()
    if (r !== 'new')
      form.setFieldsValue({
        code: r.code,
        labelZh: r['zh-CN'],
        labelEn: r['en-US'],
        borrowerZh: r.borrowerText['zh-CN'],
        borrowerEn: r.borrowerText['en-US'],
        sortOrder: r.sortOrder,
      })
    setEditing(r)
  }
  if (list.error) return <LoadError error={list.error} onRetry={() => list.refetch()} />
  const required = [{ required: true, whitespace: true, message: ' ' }]
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Alert type="info" showIcon message={t('review.reasons.hint')} />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="reason-add">
          {t('review.reasons.add')}
        </Button>
      </Space>
      <Table<RejectReason>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data}
        pagination={false}
        columns={[
          { title: t('review.reasons.sortOrder'), dataIndex: 'sortOrder', width: 80 },
          { title: t('review.reasons.code'), dataIndex: 'code', render: (v) => <code>{v}</code> },
          { title: t('review.reasons.tab'), render: (_, r) => r[locale] },
          {
            title: locale === 'zh-CN' ? t('review.reasons.borrowerZh') : t('review.reasons.borrowerEn'),
            render: (_, r) => r.borrowerText[locale],
          },
          {
            title: t('review.reasons.active'),
            dataIndex: 'active',
            render: (v) => (v ? <Tag color="green">{t('orig.yes')}</Tag> : <Tag>{t('orig.no')}</Tag>),
          },
          {
            title: '',
            render: (_, r) => (
              <Space>
                <Button size="small" onClick={() => open(r)}>
                  {t('review.reasons.edit')}
                </Button>
                <Button size="small" danger={r.active} loading={toggle.isPending} onClick={() => toggle.mutate(r)}>
                  {r.active ? t('review.reasons.disable') : t('review.reasons.enable')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('review.reasons.add') : t('review.reasons.edit')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: save.isPending, id: 'reason-save' }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          <Form.Item
            name="code"
            label={t('review.reasons.code')}
            extra={t('review.reasons.codeRule')}
            rules={[...required, { pattern: /^[a-z][a-z0-9_]{1,39}$/, message: t('review.reasons.codeRule') }]}
          >
            <Input disabled={editing !== 'new'} maxLength={40} />
          </Form.Item>
          <Form.Item name="labelZh" label={t('review.reasons.labelZh')} rules={required}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="labelEn" label={t('review.reasons.labelEn')} rules={required}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="borrowerZh" label={t('review.reasons.borrowerZh')} rules={required}>
            <Input.TextArea maxLength={200} rows={2} />
          </Form.Item>
          <Form.Item name="borrowerEn" label={t('review.reasons.borrowerEn')} rules={required}>
            <Input.TextArea maxLength={200} rows={2} />
          </Form.Item>
          <Form.Item name="sortOrder" label={t('review.reasons.sortOrder')}>
            <InputNumber min={0} max={100000} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  )
}
