/** Recording a collection action; the server enforces contact compliance and says why when it refuses. */
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Checkbox, Form, Input, Select, Space, Switch } from 'antd'
import { useState } from 'react'
import { api } from '../../shared/api/client'
import { isApiError } from '../../shared/api/error'
import { applyFieldErrors } from '../../shared/forms'
import { type MessageKey, useT } from '../../shared/i18n'
import { errorText } from '../../shared/ui'
import { type CaseDetail, COLLECTIONS } from './types'

const CHANNELS = ['call', 'sms', 'visit', 'letter', 'legal_notice'] as const
const CONTACTS = ['borrower', 'emergency_contact', 'other'] as const
const RESULTS = [
  'promise_to_pay',
  'paid_claimed',
  'callback',
  'refused',
  'dispute',
  'wrong_number',
  'no_answer',
  'left_message',
  'other',
] as const

type Values = {
  channel: string
  contact: string
  contactRef?: string
  reached: boolean
  resultCode: string
  promise?: { amount?: string; date?: string }
  notes?: string
  recordingRef?: string
  debtDisclosed?: boolean
  stopRequested?: boolean
}

export function RecordForm({ detail }: { detail: CaseDetail }) {
  const t = useT()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<Values>()
  const [refusal, setRefusal] = useState<string | null>(null)
  const contact = Form.useWatch('contact', form)
  const result = Form.useWatch('resultCode', form)
  const save = useMutation({
    mutationFn: (v: Values) =>
      api.post(`${COLLECTIONS}/cases/${detail.id}/records`, {
        channel: v.channel,
        contact: v.contact,
        ...(v.contact !== 'borrower' && v.contactRef ? { contactRef: v.contactRef } : {}),
        reached: v.reached,
        resultCode: v.resultCode,
        ...(v.notes?.trim() ? { notes: v.notes.trim() } : {}),
        ...(v.recordingRef?.trim() ? { recordingRef: v.recordingRef.trim() } : {}),
        ...(v.debtDisclosed ? { debtDisclosed: true } : {}),
        ...(v.stopRequested ? { stopRequested: true } : {}),
        ...(v.resultCode === 'promise_to_pay' || v.promise?.amount
          ? { promise: { amount: (v.promise?.amount ?? '').trim(), date: (v.promise?.date ?? '').trim() } }
          : {}),
      }),
    onMutate: () => setRefusal(null),
    onSuccess: async () => {
      message.success(t('collections.record.saved'))
      form.resetFields()
      await queryClient.invalidateQueries({ queryKey: ['collections', 'case', detail.id] })
    },
    onError: (e) => {
      if (isApiError(e) && e.fieldErrors.length) {
        const left = applyFieldErrors(form, e)
        if (left.length) setRefusal(left.join('; '))
      } else setRefusal(errorText(e))
    },
  })
  const finished = detail.status === 'collected' || detail.status === 'closed'
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      disabled={finished}
      initialValues={{ channel: 'call', contact: 'borrower', reached: true, resultCode: 'callback' }}
      onFinish={(v) => save.mutate(v)}
      data-testid="record-form"
    >
      {refusal && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('collections.record.refused')}
          description={<span data-testid="record-error">{refusal}</span>}
        />
      )}
      <Space wrap align="start">
        <Form.Item name="channel" label={t('collections.record.channel')}>
          <Select
            style={{ width: 120 }}
            data-testid="record-channel"
            options={CHANNELS.map((c) => ({ value: c, label: t(`collections.channel.${c}` as MessageKey) }))}
          />
        </Form.Item>
        <Form.Item name="contact" label={t('collections.record.contact')}>
          <Select
            style={{ width: 140 }}
            data-testid="record-contact"
            options={CONTACTS.map((c) => ({ value: c, label: t(`collections.contact.${c}` as MessageKey) }))}
          />
        </Form.Item>
        {contact === 'emergency_contact' && (
          <Form.Item name="contactRef" label={t('collections.record.contactRef')} rules={[{ required: true }]}>
            <Select
              style={{ width: 200 }}
              options={(detail.borrower?.contacts ?? []).map((c) => ({
                value: c.id,
                label: `${c.name} · ${c.relation} · ${c.phone}`,
              }))}
            />
          </Form.Item>
        )}
        {contact === 'other' && (
          <Form.Item name="contactRef" label={t('collections.record.contactRef')} rules={[{ required: true }]}>
            <Input style={{ width: 160 }} maxLength={100} />
          </Form.Item>
        )}
        <Form.Item name="reached" label={t('collections.record.reached')} valuePropName="checked">
          <Switch data-testid="record-reached" />
        </Form.Item>
        <Form.Item name="resultCode" label={t('collections.record.result')}>
          <Select
            style={{ width: 140 }}
            data-testid="record-result"
            options={RESULTS.map((r) => ({ value: r, label: t(`collections.result.${r}` as MessageKey) }))}
          />
        </Form.Item>
      </Space>
      {result === 'promise_to_pay' && (
        <Space wrap align="start">
          <Form.Item
            name={['promise', 'amount']}
            label={t('collections.record.promiseAmount')}
            rules={[{ required: true }]}
          >
            <Input
              style={{ width: 160 }}
              placeholder="1000.00"
              name="promiseAmount"
              data-testid="record-promise-amount"
            />
          </Form.Item>
          <Form.Item
            name={['promise', 'date']}
            label={t('collections.record.promiseDate')}
            rules={[{ required: true }]}
          >
            <Input
              style={{ width: 160 }}
              placeholder="YYYY-MM-DD"
              name="promiseDate"
              data-testid="record-promise-date"
            />
          </Form.Item>
        </Space>
      )}
      <Form.Item name="notes" label={t('collections.record.notes')}>
        <Input.TextArea rows={2} maxLength={2000} data-testid="record-notes" />
      </Form.Item>
      <Space wrap>
        <Form.Item name="recordingRef" label={t('collections.record.recordingRef')}>
          <Input style={{ width: 220 }} maxLength={500} />
        </Form.Item>
        <Form.Item name="debtDisclosed" valuePropName="checked">
          <Checkbox>{t('collections.record.debtDisclosed')}</Checkbox>
        </Form.Item>
        <Form.Item name="stopRequested" valuePropName="checked">
          <Checkbox>{t('collections.record.stopRequested')}</Checkbox>
        </Form.Item>
      </Space>
      <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="record-submit">
        {t('collections.record.submit')}
      </Button>
    </Form>
  )
}
