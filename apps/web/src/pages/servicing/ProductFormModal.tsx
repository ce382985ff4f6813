/**
 * Create a product from five fields (name, amount range, term range + unit, annual rate) — the server
 * fills sensible defaults — or open "advanced" for the rest. Editing a listed product's pricing opens
 * a four-eyes request instead of changing it at once; the modal says so.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { App, Col, Collapse, Form, Input, InputNumber, Modal, Row, Select, Space } from 'antd'
import { useEffect } from 'react'
import { api } from '../../shared/api/client'
import { usePermissions } from '../../shared/auth/session'
import { reportFormError } from '../../shared/forms'
import { useT } from '../../shared/i18n'
import { invalidateList } from '../../shared/list/usePagedList'
import { useInstitutions } from '../../shared/reference'
import { useServicingLabels } from './labels'
import {
  ALLOCATION_COMPONENTS,
  type AllocationComponent,
  METHODS,
  type Product,
  type ProductDetail,
  type ProductTerms,
  type ProductUpdateResult,
  type RepaymentMethod,
  type TermUnit,
} from './types'

export const PRODUCTS_PATH = '/api/v1/products'
export const PRODUCT_CATEGORIES = ['consumer', 'business', 'payday', 'secured'] as const

type FormValues = {
  name: string
  institutionId?: string
  category?: string
  minAmount: string
  maxAmount: string
  minTerm: number
  maxTerm: number
  termUnit: TermUnit
  annualRatePercent: string
  methods?: RepaymentMethod[]
  dayCount?: string
  upfrontFeePercent?: string
  installmentFee?: string
  penaltyRatePercent?: string
  penaltyBase?: string
  graceDays?: number
  rounding?: string
  allocationOrder?: AllocationComponent[]
  prepaymentRule?: string
  prepaymentFeePercent?: string
  aprCapPercent?: string
  conditionsText?: string
  requiredDocuments?: string[]
}

const ADVANCED_KEYS = [
  'methods',
  'dayCount',
  'upfrontFeePercent',
  'installmentFee',
  'penaltyRatePercent',
  'penaltyBase',
  'graceDays',
  'rounding',
  'allocationOrder',
  'prepaymentRule',
  'prepaymentFeePercent',
  'aprCapPercent',
  'requiredDocuments',
] as const

const trimmed = (value?: string) => (typeof value === 'string' ? value.trim() || undefined : value)

/** The body: the five fields always, the advanced ones only when filled in. */
function termsOf(values: FormValues): ProductTerms & { name: string; category?: string } {
  const body: Record<string, unknown> = {
    name: values.name.trim(),
    minAmount: values.minAmount.trim(),
    maxAmount: values.maxAmount.trim(),
    minTerm: values.minTerm,
    maxTerm: values.maxTerm,
    termUnit: values.termUnit,
    annualRatePercent: values.annualRatePercent.trim(),
  }
  if (values.category) body.category = values.category
  for (const key of ADVANCED_KEYS) {
    const value = values[key]
    const clean = typeof value === 'string' ? trimmed(value) : value
    if (clean === undefined || clean === null || (Array.isArray(clean) && clean.length === 0)) continue
    body[key] = clean
  }
  if (values.conditionsText?.trim()) body.conditions = JSON.parse(values.conditionsText)
  return body as ProductTerms & { name: string; category?: string }
}

/** PATCH sends only what changed, so a name edit never looks like a pricing change. */
function changesOf(product: ProductDetail, body: Record<string, unknown>): Record<string, unknown> {
  const current: Record<string, unknown> = { name: product.name, category: product.category, ...product.currentVersion }
  const changed: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(body)) {
    if (JSON.stringify(value) !== JSON.stringify(current[key])) changed[key] = value
  }
  return changed
}

export function ProductFormModal({
  open,
  product,
  onClose,
  onSaved,
}: {
  open: boolean
  product?: ProductDetail | null
  onClose: () => void
  onSaved?: (product: Product) => void
}) {
  const t = useT()
  const { message, modal } = App.useApp()
  const queryClient = useQueryClient()
  const { me, can } = usePermissions()
  const institutions = useInstitutions()
  const labels = useServicingLabels()
  const [form] = Form.useForm<FormValues>()
  const editing = Boolean(product)
  const chooseInstitution = !editing && me?.scope === 'platform' && can('institution.read')
  const termUnit = Form.useWatch('termUnit', form)

  useEffect(() => {
    if (!open) return
    form.resetFields()
    const v = product?.currentVersion
    if (product && v)
      form.setFieldsValue({
        name: product.name,
        category: product.category,
        ...v,
        conditionsText: Object.keys(v.conditions ?? {}).length ? JSON.stringify(v.conditions, null, 2) : undefined,
      } as FormValues)
    else form.setFieldsValue({ termUnit: 'month', minTerm: 3, maxTerm: 12, category: 'consumer' })
  }, [open, product, form])

  const save = useMutation({
    mutationFn: (values: FormValues) => {
      const body = termsOf(values)
      if (product) return api.patch<ProductUpdateResult>(`${PRODUCTS_PATH}/${product.id}`, changesOf(product, body))
      return api.post<ProductDetail>(PRODUCTS_PATH, {
        ...body,
        ...(chooseInstitution && values.institutionId ? { institutionId: values.institutionId } : {}),
      })
    },
    onSuccess: (saved) => {
      const approvalId = (saved as ProductUpdateResult).approvalId
      if (approvalId)
        modal.info({
          title: t('servicing.product.submittedForApproval'),
          content: t('servicing.product.submittedForApprovalHint'),
        })
      else message.success(editing ? t('common.saved') : t('servicing.product.createdOk', { name: saved.name }))
      void invalidateList(queryClient, PRODUCTS_PATH)
      queryClient.setQueryData(['product', saved.id], saved)
      void queryClient.invalidateQueries({ queryKey: ['product', saved.id] })
      onSaved?.(saved)
      onClose()
    },
    onError: (error) => reportFormError(form, error, message.error),
  })

  const required = (field: string) => [{ required: true, message: t('common.required', { field }) }]
  const amountRule = { pattern: /^\d+(\.\d{1,2})?$/, message: t('servicing.field.amount') }
  const percentRule = { pattern: /^\d+(\.\d+)?$/, message: t('servicing.field.percent') }

  return (
    <Modal
      open={open}
      title={editing ? t('servicing.product.edit') : t('servicing.product.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'product-form-submit' }}
      destroyOnHidden
      width={720}
    >
      {editing && product?.status !== 'draft' && (
        <p style={{ color: '#8c8c8c', marginTop: 0 }}>{t('servicing.product.pricingNeedsApproval')}</p>
      )}
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={(values) => save.mutate(values)}
        data-testid="product-form"
      >
        <Form.Item name="name" label={t('servicing.product.name')} rules={required(t('servicing.product.name'))}>
          <Input name="name" maxLength={100} />
        </Form.Item>
        {chooseInstitution && (
          <Form.Item name="institutionId" label={t('common.institution')}>
            <Select
              allowClear
              placeholder={me?.institution.name}
              showSearch={{ optionFilterProp: 'label' }}
              options={(institutions.data ?? [])
                .filter((i) => i.kind === 'lender')
                .map((i) => ({ value: i.id, label: `${i.name} (${i.code})` }))}
            />
          </Form.Item>
        )}
        <Form.Item label={t('servicing.product.amountRange')} required>
          <Space.Compact block>
            <Form.Item name="minAmount" noStyle rules={[...required(t('servicing.product.minAmount')), amountRule]}>
              <Input name="minAmount" placeholder={t('servicing.product.minAmount')} inputMode="decimal" prefix="¥" />
            </Form.Item>
            <Form.Item name="maxAmount" noStyle rules={[...required(t('servicing.product.maxAmount')), amountRule]}>
              <Input name="maxAmount" placeholder={t('servicing.product.maxAmount')} inputMode="decimal" prefix="¥" />
            </Form.Item>
          </Space.Compact>
        </Form.Item>
        <Row gutter={12}>
          <Col span={16}>
            <Form.Item label={t('servicing.product.termRange')} required>
              <Space.Compact block>
                <Form.Item name="minTerm" noStyle rules={required(t('servicing.product.minTerm'))}>
                  <InputNumber name="minTerm" min={1} precision={0} style={{ width: '50%' }} />
                </Form.Item>
                <Form.Item name="maxTerm" noStyle rules={required(t('servicing.product.maxTerm'))}>
                  <InputNumber name="maxTerm" min={1} precision={0} style={{ width: '50%' }} />
                </Form.Item>
              </Space.Compact>
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="termUnit" label={t('servicing.unit')}>
              <Select
                data-testid="product-term-unit"
                options={(['month', 'day'] as const).map((unit) => ({ value: unit, label: labels.unit(unit) }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="annualRatePercent"
          label={t('servicing.annualRate')}
          rules={[...required(t('servicing.annualRate')), percentRule]}
        >
          <Input name="annualRatePercent" suffix="%" inputMode="decimal" style={{ width: 200 }} />
        </Form.Item>
        <Collapse
          ghost
          items={[
            {
              key: 'advanced',
              label: <span data-testid="product-advanced">{t('servicing.product.advanced')}</span>,
              forceRender: true,
              children: (
                <Row gutter={12}>
                  <Col span={12}>
                    <Form.Item name="category" label={t('servicing.product.category')}>
                      <Select
                        options={PRODUCT_CATEGORIES.map((c) => ({ value: c, label: t(`servicing.category.${c}`) }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col span={12}>
                    <Form.Item name="methods" label={t('servicing.product.methods')}>
                      <Select
                        mode="multiple"
                        placeholder={t('servicing.product.defaultHint')}
                        options={METHODS.filter((m) => (termUnit === 'day' ? m === 'bullet' : true)).map((m) => ({
                          value: m,
                          label: labels.method(m),
                        }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col span={8}>
                    <Form.Item name="dayCount" label={t('servicing.product.dayCount')}>
                      <Select
                        allowClear
                        placeholder={t('servicing.product.defaultHint')}
                        options={['ACT/365', 'ACT/360', '30/360'].map((d) => ({ value: d, label: d }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col span={8}>
                    <Form.Item
                      name="upfrontFeePercent"
                      label={t('servicing.product.upfrontFeePercent')}
                      rules={[percentRule]}
                    >
                      <Input suffix="%" placeholder="0" />
                    </Form.Item>
                  </Col>
                  <Col span={8}>
                    <Form.Item name="installmentFee" label={t('servicing.installmentFee')} rules={[amountRule]}>
                      <Input prefix="¥" placeholder="0.00" />
                    </Form.Item>
                  </Col>
                  <Col span={8}>
                    <Form.Item
                      name="penaltyRatePercent"
                      label={t('servicing.product.penaltyRate')}
                      rules={[percentRule]}
                    >
                      <Input suffix="%" placeholder={t('servicing.product.penaltyDefault')} />
                    </Form.Item>
                  </Col>
                  <Col span={8}>
                    <Form.Item name="penaltyBase" label={t('servicing.product.penaltyBase')}>
                      <Select
                        allowClear
                        placeholder={t('servicing.product.defaultHint')}
                        options={(['overdue_principal', 'overdue_amount'] as const).map((b) => ({
                          value: b,
                          label: t(`servicing.penaltyBase.${b}`),
                        }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col span={8}>
                    <Form.Item name="graceDays" label={t('servicing.product.graceDays')}>
                      <InputNumber min={0} max={60} precision={0} style={{ width: '100%' }} placeholder="0" />
                    </Form.Item>
                  </Col>
                  <Col span={8}>
                    <Form.Item name="rounding" label={t('servicing.product.rounding')}>
                      <Select
                        allowClear
                        placeholder={t('servicing.product.defaultHint')}
                        options={(['half_up', 'half_even'] as const).map((r) => ({
                          value: r,
                          label: t(`servicing.rounding.${r}`),
                        }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col span={16}>
                    <Form.Item
                      name="allocationOrder"
                      label={t('servicing.product.allocationOrder')}
                      extra={t('servicing.product.allocationOrderHint')}
                    >
                      <Select
                        mode="multiple"
                        placeholder={t('servicing.product.defaultHint')}
                        options={ALLOCATION_COMPONENTS.map((c) => ({ value: c, label: t(`servicing.component.${c}`) }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col span={8}>
                    <Form.Item name="prepaymentRule" label={t('servicing.product.prepaymentRule')}>
                      <Select
                        allowClear
                        placeholder={t('servicing.product.defaultHint')}
                        options={(['allowed', 'allowed_with_fee', 'not_allowed'] as const).map((r) => ({
                          value: r,
                          label: t(`servicing.prepaymentRule.${r}`),
                        }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col span={8}>
                    <Form.Item
                      name="prepaymentFeePercent"
                      label={t('servicing.product.prepaymentFeePercent')}
                      rules={[percentRule]}
                    >
                      <Input suffix="%" placeholder="0" />
                    </Form.Item>
                  </Col>
                  <Col span={8}>
                    <Form.Item name="aprCapPercent" label={t('servicing.product.aprCap')} rules={[percentRule]}>
                      <Input suffix="%" placeholder="24" />
                    </Form.Item>
                  </Col>
                  <Col span={24}>
                    <Form.Item name="requiredDocuments" label={t('servicing.product.requiredDocuments')}>
                      <Select mode="tags" placeholder={t('servicing.product.requiredDocumentsHint')} />
                    </Form.Item>
                  </Col>
                  <Col span={24}>
                    <Form.Item
                      name="conditionsText"
                      label={t('servicing.product.conditions')}
                      extra={t('servicing.product.conditionsHint')}
                      rules={[
                        {
                          validator: async (_rule, value?: string) => {
                            if (!value?.trim()) return
                            const parsed: unknown = JSON.parse(value)
                            if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
                              throw new Error()
                          },
                          message: t('servicing.product.conditionsInvalid'),
                        },
                      ]}
                    >
                      <Input.TextArea rows={3} className="xd-mono" placeholder='{"minAge": 22, "maxAge": 55}' />
                    </Form.Item>
                  </Col>
                </Row>
              ),
            },
          ]}
        />
      </Form>
    </Modal>
  )
}
