/** Legal escalation (转法务) with documents and write-off proposals (four-eyes) from a case. */
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { App, Button, Card, Form, Input, List, Modal, Space, Tag } from 'antd'
import { useState } from 'react'
import { api } from '../../shared/api/client'
import { Can } from '../../shared/auth/guards'
import { formatDate } from '../../shared/format'
import { reportFormError } from '../../shared/forms'
import { type MessageKey, useT } from '../../shared/i18n'
import { type CaseDetail, COLLECTIONS } from './types'

type Values = { reason: string; documents?: string }

export function LegalCard({ detail }: { detail: CaseDetail }) {
  const t = useT()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [mode, setMode] = useState<'legal' | 'write-off' | null>(null)
  const [form] = Form.useForm<Values>()
  const submit = useMutation({
    mutationFn: (v: Values) =>
      mode === 'legal'
        ? api.post(`${COLLECTIONS}/cases/${detail.id}/legal`, {
            reason: v.reason,
            documents: (v.documents ?? '')
              .split('\n')
              .map((line) => line.trim())
              .filter(Boolean)
              .map((line) => {
                const [name = '', fileRef = ''] = line.split('|').map((x) => x.trim())
                return { name, fileRef: fileRef || name }
              }),
          })
        : api.post(`${COLLECTIONS}/cases/${detail.id}/write-off`, { reason: v.reason }),
    onSuccess: async () => {
      message.success(t('collections.legal.done'))
      setMode(null)
      form.resetFields()
      await queryClient.invalidateQueries({ queryKey: ['collections', 'case', detail.id] })
    },
    onError: (e) => reportFormError(form, e, (text) => message.error(text)),
  })
  const open = detail.status === 'unassigned' || detail.status === 'assigned'
  return (
    <Card
      title={t('collections.legal.title')}
      size="small"
      extra={
        open && (
          <Space>
            <Can permission="collection.assign">
              <Button onClick={() => setMode('legal')}>{t('collections.legal.escalate')}</Button>
            </Can>
            <Can permission="writeoff.request">
              <Button danger onClick={() => setMode('write-off')}>
                {t('collections.legal.writeOff')}
              </Button>
            </Can>
          </Space>
        )
      }
    >
      <List
        size="small"
        dataSource={detail.legal}
        locale={{ emptyText: t('collections.case.none') }}
        renderItem={(l) => (
          <List.Item>
            <Space wrap>
              <Tag color={l.kind === 'write_off_proposal' ? 'red' : 'purple'}>
                {t(`collections.legal.kind.${l.kind}` as MessageKey)}
              </Tag>
              {formatDate(l.businessDate)} · {l.reason}
              {l.documents.map((d) => (
                <Tag key={d.fileRef}>{d.name}</Tag>
              ))}
            </Space>
          </List.Item>
        )}
      />
      <Modal
        open={mode !== null}
        title={mode === 'legal' ? t('collections.legal.escalate') : t('collections.legal.writeOff')}
        onCancel={() => setMode(null)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: submit.isPending }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => submit.mutate(v)}>
          <Form.Item name="reason" label={t('collections.legal.reason')} rules={[{ required: true }]}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
          {mode === 'legal' && (
            <Form.Item name="documents" label={t('collections.legal.documents')}>
              <Input.TextArea rows={3} placeholder="借款合同|upload://..." />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Card>
  )
}
