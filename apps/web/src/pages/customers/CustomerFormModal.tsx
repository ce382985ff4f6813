import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { App, Button, Col, Divider, Form, Input, Modal, Row, Select, Space } from 'antd'
import { useEffect } from 'react'
import { api } from '../../shared/api/client'
import { reportFormError } from '../../shared/forms'
import { useT } from '../../shared/i18n'
import { invalidateList } from '../../shared/list/usePagedList'
import { type Address, CHANNELS, type Customer, type Job, RELATIONS } from './types'

type Values = {
  name: string
  idNumber?: string
  phone: string
  otherPhones?: string[]
  address?: Partial<Address>
  job?: Job
  contacts?: { name: string; relation: string; phone: string }[]
  bankCards?: { bank: string; cardNumber: string }[]
  channel?: string | null
  tags?: string[]
}

type Props = { open: boolean; customer?: Customer | null; onClose: () => void; onSaved?: (c: Customer) => void }

/** Empty inputs are left out, so an optional block the user did not fill is not sent half-empty. */
function compact<T extends object>(value: T | undefined): T | null {
  if (!value) return null
  const entries = Object.entries(value).filter(([, v]) => v !== undefined && v !== null && String(v).trim() !== '')
  return entries.length ? (Object.fromEntries(entries) as T) : null
}

export function CustomerFormModal({ open, customer, onClose, onSaved }: Props) {
  const t = useT()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<Values>()
  const editing = Boolean(customer)

  useEffect(() => {
    if (!open) return
    form.resetFields()
    if (customer)
      form.setFieldsValue({
        name: customer.name,
        address: customer.address ?? undefined,
        job: customer.job ?? undefined,
        channel: customer.channel,
        tags: customer.tags,
      })
  }, [open, customer, form])

  const save = useMutation({
    mutationFn: (v: Values) => {
      const common = {
        name: v.name,
        address: compact(v.address) as Address | null,
        job: compact(v.job),
        channel: v.channel ?? null,
        tags: v.tags ?? [],
      }
      if (customer)
        return api.patch<Customer>(`/api/v1/customers/${customer.id}`, {
          ...common,
          ...(v.phone ? { phone: v.phone } : {}),
        })
      return api.post<Customer>('/api/v1/customers', {
        ...common,
        idNumber: v.idNumber,
        phone: v.phone,
        otherPhones: v.otherPhones ?? [],
        contacts: v.contacts ?? [],
        bankCards: v.bankCards ?? [],
      })
    },
    onSuccess: (saved) => {
      message.success(editing ? t('common.saved') : t('common.created'))
      void invalidateList(queryClient, '/api/v1/customers')
      void queryClient.invalidateQueries({ queryKey: ['customer360', saved.id] })
      onSaved?.(saved)
      onClose()
    },
    onError: (error) => reportFormError(form, error, message.error),
  })

  const required = (field: string) => [{ required: true, message: t('common.required', { field }) }]

  return (
    <Modal
      open={open}
      title={editing ? t('customers.edit') : t('customers.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'customer-form-submit' }}
      destroyOnHidden
      width={760}
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="customer-form">
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="name" label={t('customers.name')} rules={required(t('customers.name'))}>
              <Input name="name" />
            </Form.Item>
          </Col>
          {!editing && (
            <Col span={8}>
              <Form.Item name="idNumber" label={t('customers.idNumber')} rules={required(t('customers.idNumber'))}>
                <Input name="idNumber" maxLength={18} />
              </Form.Item>
            </Col>
          )}
          <Col span={8}>
            <Form.Item
              name="phone"
              label={t('customers.phone')}
              rules={editing ? [] : required(t('customers.phone'))}
              extra={editing ? t('customers.phoneKeep') : undefined}
            >
              <Input name="phone" maxLength={20} />
            </Form.Item>
          </Col>
        </Row>
        {!editing && (
          <Form.Item name="otherPhones" label={t('customers.otherPhones')}>
            <Select mode="tags" open={false} tokenSeparators={[',', ' ']} />
          </Form.Item>
        )}
        <Divider titlePlacement="start">{t('customers.address')}</Divider>
        <Row gutter={12}>
          {(['province', 'city', 'district'] as const).map((f) => (
            <Col span={6} key={f}>
              <Form.Item name={['address', f]} label={t(`customers.address.${f}`)}>
                <Input />
              </Form.Item>
            </Col>
          ))}
          <Col span={6}>
            <Form.Item name={['address', 'detail']} label={t('customers.address.detail')}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start">{t('customers.job')}</Divider>
        <Row gutter={12}>
          {(['employer', 'position', 'industry', 'monthlyIncome'] as const).map((f) => (
            <Col span={6} key={f}>
              <Form.Item name={['job', f]} label={t(`customers.job.${f}`)}>
                <Input inputMode={f === 'monthlyIncome' ? 'decimal' : undefined} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        {!editing && (
          <>
            <Divider titlePlacement="start">{t('customers.contacts')}</Divider>
            <Form.List name="contacts">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field) => (
                    <Space key={field.key} align="baseline" wrap>
                      <Form.Item name={[field.name, 'name']} rules={required(t('customers.contact.name'))}>
                        <Input placeholder={t('customers.contact.name')} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'relation']} rules={required(t('customers.contact.relation'))}>
                        <Select
                          style={{ width: 120 }}
                          placeholder={t('customers.contact.relation')}
                          options={RELATIONS.map((r) => ({ value: r, label: t(`customers.relation.${r}`) }))}
                        />
                      </Form.Item>
                      <Form.Item name={[field.name, 'phone']} rules={required(t('customers.phone'))}>
                        <Input placeholder={t('customers.phone')} />
                      </Form.Item>
                      <MinusCircleOutlined onClick={() => remove(field.name)} />
                    </Space>
                  ))}
                  <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />}>
                    {t('customers.addContact')}
                  </Button>
                </>
              )}
            </Form.List>
            <Divider titlePlacement="start">{t('customers.bankCards')}</Divider>
            <Form.List name="bankCards">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field) => (
                    <Space key={field.key} align="baseline" wrap>
                      <Form.Item name={[field.name, 'bank']} rules={required(t('customers.bank'))}>
                        <Input placeholder={t('customers.bank')} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'cardNumber']} rules={required(t('customers.cardNumber'))}>
                        <Input placeholder={t('customers.cardNumber')} style={{ width: 240 }} />
                      </Form.Item>
                      <MinusCircleOutlined onClick={() => remove(field.name)} />
                    </Space>
                  ))}
                  <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />}>
                    {t('customers.addCard')}
                  </Button>
                </>
              )}
            </Form.List>
          </>
        )}
        <Divider />
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="channel" label={t('customers.channel')}>
              <Select allowClear options={CHANNELS.map((c) => ({ value: c, label: t(`customers.channel.${c}`) }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="tags" label={t('customers.tags')}>
              <Select mode="tags" open={false} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  )
}
