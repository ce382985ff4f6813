/**
 * Complaints about collection on a case (催收投诉): the list, open ones first; whoever works the case
 * records one in one step; the lead resolves it with what was done.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { App, Button, Card, Form, Input, List, Modal, Select, Space, Tag } from 'antd'
import { useState } from 'react'
import { api } from '../../shared/api/client'
import { Can } from '../../shared/auth/guards'
import { formatDateTime } from '../../shared/format'
import { reportFormError } from '../../shared/forms'
import { useT } from '../../shared/i18n'
import { COLLECTIONS, type Complaint } from './types'

const CHANNELS = ['phone', 'app', 'letter', 'regulator', 'other'] as const
const CATEGORIES = ['harassment', 'third_party', 'wrong_amount', 'hours', 'other'] as const
type NewComplaint = {
  receivedVia: (typeof CHANNELS)[number]
  category: (typeof CATEGORIES)[number]
  description: string
}

export function ComplaintsCard({ caseId, complaints }: { caseId: string; complaints: Complaint[] }) {
  const t = useT()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [recording, setRecording] = useState(false)
  const [resolving, setResolving] = useState<Complaint | null>(null)
  const [form] = Form.useForm<NewComplaint>()
  const [resolveForm] = Form.useForm<{ resolution: string }>()
  const reload = () => queryClient.invalidateQueries({ queryKey: ['collections', 'case', caseId] })
  const record = useMutation({
    mutationFn: (values: NewComplaint) => api.post(`${COLLECTIONS}/cases/${caseId}/complaints`, values),
    onSuccess: () => {
      message.success(t('collections.complaints.recorded'))
      setRecording(false)
      form.resetFields()
      void reload()
    },
    onError: (error) => reportFormError(form, error, message.error),
  })
  const resolve = useMutation({
    mutationFn: (values: { resolution: string }) =>
      api.post(`${COLLECTIONS}/complaints/${resolving?.id}/resolve`, values),
    onSuccess: () => {
      message.success(t('collections.complaints.resolved'))
      setResolving(null)
      resolveForm.resetFields()
      void reload()
    },
    onError: (error) => reportFormError(resolveForm, error, message.error),
  })
  const required = [{ required: true, message: t('common.required', { field: '' }) }]

  return (
    <Card
      title={t('collections.complaints.title')}
      size="small"
      style={{ marginTop: 16 }}
      extra={
        <Button size="small" onClick={() => setRecording(true)} data-testid="complaint-record">
          {t('collections.complaints.record')}
        </Button>
      }
      data-testid="case-complaints"
    >
      <List
        size="small"
        dataSource={complaints}
        locale={{ emptyText: t('collections.complaints.none') }}
        renderItem={(c) => (
          <List.Item
            actions={
              c.status === 'open'
                ? [
                    <Can key="resolve" permission="collection.assign">
                      <Button size="small" type="link" onClick={() => setResolving(c)} data-testid="complaint-resolve">
                        {t('collections.complaints.resolve')}
                      </Button>
                    </Can>,
                  ]
                : []
            }
          >
            <Space direction="vertical" size={0}>
              <Space wrap>
                <Tag color={c.status === 'open' ? 'red' : 'green'}>
                  {t(`collections.complaints.status.${c.status}`)}
                </Tag>
                <Tag>{t(`collections.complaints.cat.${c.category}`)}</Tag>
                <span>
                  {t(`collections.complaints.via.${c.receivedVia}`)} · {formatDateTime(c.createdAt)}
                </span>
              </Space>
              <span>{c.description}</span>
              {c.resolution && (
                <span>
                  {t('collections.complaints.resolution')}: {c.resolution}
                </span>
              )}
            </Space>
          </List.Item>
        )}
      />
      <Modal
        open={recording}
        title={t('collections.complaints.record')}
        onCancel={() => setRecording(false)}
        onOk={() => form.submit()}
        confirmLoading={record.isPending}
        destroyOnHidden
      >
        <Form<NewComplaint>
          form={form}
          layout="vertical"
          initialValues={{ receivedVia: 'phone', category: 'harassment' }}
          onFinish={(values) => record.mutate({ ...values, description: values.description.trim() })}
        >
          <Form.Item name="receivedVia" label={t('collections.complaints.receivedVia')}>
            <Select options={CHANNELS.map((v) => ({ value: v, label: t(`collections.complaints.via.${v}`) }))} />
          </Form.Item>
          <Form.Item name="category" label={t('collections.complaints.category')}>
            <Select options={CATEGORIES.map((v) => ({ value: v, label: t(`collections.complaints.cat.${v}`) }))} />
          </Form.Item>
          <Form.Item name="description" label={t('collections.complaints.description')} rules={required}>
            <Input.TextArea rows={3} maxLength={2000} data-testid="complaint-description" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={resolving !== null}
        title={t('collections.complaints.resolve')}
        onCancel={() => setResolving(null)}
        onOk={() => resolveForm.submit()}
        confirmLoading={resolve.isPending}
        destroyOnHidden
      >
        <Form
          form={resolveForm}
          layout="vertical"
          onFinish={(v) => resolve.mutate({ resolution: v.resolution.trim() })}
        >
          <Form.Item name="resolution" label={t('collections.complaints.resolution')} rules={required}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  )
}
