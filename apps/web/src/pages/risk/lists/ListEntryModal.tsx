/** Add one list entry: list, kind, value (stored hashed, shown masked), reason and optional expiry. */
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { App, DatePicker, Form, Input, Modal, Select } from 'antd'
import type { Dayjs } from 'dayjs'
import { api } from '../../../shared/api/client'
import { reportFormError } from '../../../shared/forms'
import { useT } from '../../../shared/i18n'
import { invalidateList } from '../../../shared/list/usePagedList'
import { RISK } from '../api'
import type { ListKind, ListSubject } from '../types'
import { LIST_SUBJECTS, LIST_TYPES } from './ListsPage'

type Values = { listType: ListKind; kind: ListSubject; value: string; reason: string; expiresAt?: Dayjs | null }

export function ListEntryModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<Values>()
  const add = useMutation({
    mutationFn: (values: Values) =>
      api.post(RISK.lists, {
        ...values,
        value: values.value.trim(),
        expiresAt: values.expiresAt ? values.expiresAt.toISOString() : undefined,
      }),
    onSuccess: () => {
      message.success(t('risk.list.added'))
      void invalidateList(queryClient, RISK.lists)
      onClose()
    },
    onError: (error) => reportFormError(form, error, message.error),
  })
  const required = (field: string) => [{ required: true, message: t('common.required', { field }) }]
  return (
    <Modal
      open={open}
      title={t('risk.list.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: add.isPending, 'data-testid': 'list-form-submit' }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ listType: 'black', kind: 'phone' }}
        onFinish={(values) => add.mutate(values)}
      >
        <Form.Item name="listType" label={t('risk.list.listType')} rules={required(t('risk.list.listType'))}>
          <Select options={LIST_TYPES.map((type) => ({ value: type, label: t(`risk.list.type.${type}`) }))} />
        </Form.Item>
        <Form.Item name="kind" label={t('risk.list.kind')} rules={required(t('risk.list.kind'))}>
          <Select options={LIST_SUBJECTS.map((kind) => ({ value: kind, label: t(`risk.list.kind.${kind}`) }))} />
        </Form.Item>
        <Form.Item name="value" label={t('risk.list.value')} rules={required(t('risk.list.value'))}>
          <Input className="xd-mono" autoComplete="off" />
        </Form.Item>
        <Form.Item name="reason" label={t('risk.list.reason')} rules={required(t('risk.list.reason'))}>
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Form.Item name="expiresAt" label={t('risk.list.expiresAt')} extra={t('risk.list.expiresHint')}>
          <DatePicker showTime />
        </Form.Item>
      </Form>
    </Modal>
  )
}
