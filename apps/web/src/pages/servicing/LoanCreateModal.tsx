/**
 * Staff entry of a loan (录入借据, e.g. migrating existing books): pick a listed product, amount, term,
 * method and borrower; then disburse (放款) through the bank adapter — or record money already paid out
 * elsewhere — and watch the outcome. A failed disbursement can be retried; the server never pays twice.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import {
  Alert,
  App,
  Button,
  Checkbox,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Result,
  Select,
  Space,
  Spin,
  Steps,
} from 'antd'
import type { Dayjs } from 'dayjs'
import { useEffect, useState } from 'react'
import { useNavigate } from 'react-router-dom'
import { api } from '../../shared/api/client'
import type { Page } from '../../shared/api/types'
import { Can } from '../../shared/auth/guards'
import { formatMoney } from '../../shared/format'
import { reportFormError } from '../../shared/forms'
import { useT } from '../../shared/i18n'
import { invalidateList } from '../../shared/list/usePagedList'
import { errorText } from '../../shared/ui'
import { LoanStatusTag, useServicingLabels } from './labels'
import { newIdempotencyKey } from './money'
import { PRODUCTS_PATH } from './ProductFormModal'
import type { LoanDetail, Product, RepaymentMethod } from './types'

export const LOANS_PATH = '/api/v1/loans'

type FormValues = {
  productId: string
  amount: string
  term: number
  method?: RepaymentMethod
  borrowerName: string
}

type DisburseForm = { external?: boolean; reference?: string; valueDate?: Dayjs }

/** Listed products, searched on the server as the person types. */
function useListedProducts(q: string) {
  return useQuery({
    queryKey: ['list', PRODUCTS_PATH, { status: 'listed', q, pageSize: 50 }],
    queryFn: ({ signal }) =>
      api.get<Page<Product>>(PRODUCTS_PATH, { status: 'listed', q: q || undefined, page: 1, pageSize: 50 }, { signal }),
    staleTime: 10_000,
  })
}

export function LoanCreateModal({
  open,
  product: fixedProduct,
  onClose,
}: {
  open: boolean
  product?: Product | null
  onClose: () => void
}) {
  const t = useT()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const labels = useServicingLabels()
  const [form] = Form.useForm<FormValues>()
  const [disburseForm] = Form.useForm<DisburseForm>()
  const [q, setQ] = useState('')
  const products = useListedProducts(q)
  const [loan, setLoan] = useState<LoanDetail | null>(null)
  const productId = Form.useWatch('productId', form)
  const external = Form.useWatch('external', disburseForm)
  const options = products.data?.items ?? []
  const product =
    fixedProduct?.id === productId ? fixedProduct : (options.find((p) => p.id === productId) ?? fixedProduct)
  const v = product?.currentVersion

  useEffect(() => {
    if (!open) return
    form.resetFields()
    disburseForm.resetFields()
    setLoan(null)
    if (fixedProduct) form.setFieldsValue({ productId: fixedProduct.id })
  }, [open, fixedProduct, form, disburseForm])

  useEffect(() => {
    if (v) form.setFieldsValue({ method: v.methods[0] })
  }, [v, form])

  const create = useMutation({
    mutationFn: (values: FormValues) =>
      api.post<LoanDetail>(LOANS_PATH, {
        productId: values.productId,
        amount: values.amount.trim(),
        term: values.term,
        borrowerName: values.borrowerName.trim(),
        ...(values.method ? { method: values.method } : {}),
      }),
    onSuccess: (created) => {
      setLoan(created)
      void invalidateList(queryClient, LOANS_PATH)
    },
    onError: (error) => reportFormError(form, error, message.error),
  })

  const disburse = useMutation({
    mutationFn: (values: DisburseForm) =>
      api.post<LoanDetail>(
        `${LOANS_PATH}/${loan?.id}/disburse`,
        values.external && values.reference && values.valueDate
          ? { external: { reference: values.reference.trim(), valueDate: values.valueDate.format('YYYY-MM-DD') } }
          : {},
        { headers: { 'Idempotency-Key': newIdempotencyKey('disburse') } },
      ),
    onSuccess: (disbursed) => {
      setLoan(disbursed)
      void invalidateList(queryClient, LOANS_PATH)
      queryClient.setQueryData(['loan', disbursed.id], disbursed)
    },
  })

  const step = !loan ? 0 : loan.status === 'pending_disbursement' || loan.status === 'disbursing' ? 1 : 2
  const required = (field: string) => [{ required: true, message: t('common.required', { field }) }]
  const close = () => {
    if (disburse.isPending) return
    onClose()
  }

  return (
    <Modal
      open={open}
      title={t('servicing.loan.create')}
      onCancel={close}
      footer={null}
      destroyOnHidden
      width={640}
      maskClosable={false}
    >
      <Steps
        size="small"
        current={step}
        status={disburse.isError ? 'error' : undefined}
        style={{ marginBottom: 24 }}
        items={[
          { title: t('servicing.loan.stepEnter') },
          { title: t('servicing.loan.stepDisburse') },
          { title: t('servicing.loan.stepDone') },
        ]}
      />
      {step === 0 && (
        <Form<FormValues>
          form={form}
          layout="vertical"
          onFinish={(values) => create.mutate(values)}
          data-testid="loan-form"
        >
          <Form.Item name="productId" label={t('servicing.product')} rules={required(t('servicing.product'))}>
            <Select
              showSearch={{ filterOption: false, onSearch: setQ }}
              disabled={Boolean(fixedProduct)}
              loading={products.isFetching}
              placeholder={t('servicing.loan.pickProduct')}
              options={[
                ...(fixedProduct && !options.some((p) => p.id === fixedProduct.id) ? [fixedProduct] : []),
                ...options,
              ].map((p) => ({ value: p.id, label: `${p.name} (${p.code})` }))}
              data-testid="loan-product"
            />
          </Form.Item>
          {v && (
            <Alert
              type="info"
              style={{ marginBottom: 16 }}
              title={t('servicing.loan.productLimits', {
                min: formatMoney(v.minAmount),
                max: formatMoney(v.maxAmount),
                terms: `${v.minTerm} – ${labels.term(v.maxTerm, v.termUnit)}`,
                rate: v.annualRatePercent,
              })}
            />
          )}
          <Form.Item name="borrowerName" label={t('servicing.borrower')} rules={required(t('servicing.borrower'))}>
            <Input name="borrowerName" maxLength={100} />
          </Form.Item>
          <Space size={16} wrap>
            <Form.Item
              name="amount"
              label={t('servicing.amount')}
              rules={[
                ...required(t('servicing.amount')),
                { pattern: /^\d+(\.\d{1,2})?$/, message: t('servicing.field.amount') },
              ]}
            >
              <Input name="amount" prefix="¥" inputMode="decimal" style={{ width: 180 }} />
            </Form.Item>
            <Form.Item name="term" label={t('servicing.term')} rules={required(t('servicing.term'))}>
              <InputNumber
                name="term"
                min={1}
                precision={0}
                style={{ width: 140 }}
                suffix={v ? labels.unit(v.termUnit) : undefined}
              />
            </Form.Item>
            <Form.Item name="method" label={t('servicing.method')}>
              <Select
                style={{ width: 180 }}
                options={(v?.methods ?? []).map((m) => ({ value: m, label: labels.method(m) }))}
                data-testid="loan-method"
              />
            </Form.Item>
          </Space>
          <Button type="primary" htmlType="submit" loading={create.isPending} block data-testid="loan-form-submit">
            {t('servicing.loan.createSubmit')}
          </Button>
        </Form>
      )}
      {step === 1 && loan && (
        <Spin spinning={disburse.isPending} description={t('servicing.loan.disbursing')}>
          <Descriptions
            size="small"
            bordered
            column={2}
            style={{ marginBottom: 16 }}
            items={[
              { key: 'no', label: t('servicing.loanNo'), children: <span className="xd-mono">{loan.loanNo}</span> },
              { key: 'status', label: t('servicing.status'), children: <LoanStatusTag status={loan.status} /> },
              { key: 'borrower', label: t('servicing.borrower'), children: loan.borrowerName },
              { key: 'principal', label: t('servicing.principal'), children: `¥${formatMoney(loan.principal)}` },
              { key: 'fee', label: t('servicing.upfrontFee'), children: `¥${formatMoney(loan.upfrontFee)}` },
              { key: 'term', label: t('servicing.term'), children: labels.term(loan.term, loan.termUnit) },
            ]}
          />
          {disburse.isError && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('servicing.loan.disburseFailed')}
              description={errorText(disburse.error)}
              data-testid="disburse-error"
            />
          )}
          <Form<DisburseForm> form={disburseForm} layout="vertical" onFinish={(values) => disburse.mutate(values)}>
            <Form.Item name="external" valuePropName="checked">
              <Checkbox>{t('servicing.loan.externalDisbursement')}</Checkbox>
            </Form.Item>
            {external && (
              <Space size={16} wrap>
                <Form.Item
                  name="reference"
                  label={t('servicing.externalRef')}
                  rules={required(t('servicing.externalRef'))}
                >
                  <Input style={{ width: 220 }} />
                </Form.Item>
                <Form.Item name="valueDate" label={t('servicing.valueDate')} rules={required(t('servicing.valueDate'))}>
                  <DatePicker />
                </Form.Item>
              </Space>
            )}
            <Space>
              <Can permission="loan.disburse">
                <Button type="primary" htmlType="submit" loading={disburse.isPending} data-testid="loan-disburse">
                  {disburse.isError ? t('servicing.loan.disburseRetry') : t('servicing.loan.disburse')}
                </Button>
              </Can>
              <Button onClick={() => navigate(`/servicing/loans/${loan.id}`)}>{t('servicing.loan.later')}</Button>
            </Space>
          </Form>
        </Spin>
      )}
      {step === 2 && loan && (
        <Result
          status="success"
          title={t('servicing.loan.disbursedOk', { loanNo: loan.loanNo })}
          subTitle={t('servicing.loan.disbursedHint', {
            date: loan.disbursedOn ?? '—',
            maturity: loan.maturityDate ?? '—',
            count: loan.schedule.length,
          })}
          data-testid="disburse-success"
          extra={
            <Button type="primary" onClick={() => navigate(`/servicing/loans/${loan.id}`)} data-testid="open-loan">
              {t('servicing.loan.open')}
            </Button>
          }
        />
      )}
    </Modal>
  )
}
