/**
 * Payoff quote (提前结清试算: what to pay on a date to settle the loan), early settlement at that amount,
 * and partial prepayment (部分提前还款) where the borrower chooses a shorter term or a smaller installment.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, DatePicker, Descriptions, Form, Input, Modal, Radio, Segmented, Skeleton, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useEffect, useRef, useState } from 'react'
import { api } from '../../shared/api/client'
import { formatMoney } from '../../shared/format'
import { reportFormError } from '../../shared/forms'
import { useT } from '../../shared/i18n'
import { LoadError } from '../../shared/ui'
import { ChannelSelect, type RepaymentResult, useAllocationMessage, useSubmissionKey } from './RepaymentModal'
import type { LoanDetail } from './types'
import { loanPath, refreshLoan } from './useLoan'

export type PayoffQuote = {
  loanId: string
  date: string
  principal: string
  interest: string
  fee: string
  penalty: string
  prepaymentFee: string
  total: string
  creditBalance: string
  prepaymentAllowed: boolean
}

type Mode = 'settlement' | 'partial'
type FormValues = {
  amount: string
  channel: string
  externalRef?: string
  choice?: 'reduce_term' | 'reduce_installment'
}

export function PrepaymentModal({
  open,
  loan,
  businessDate,
  initialMode = 'settlement',
  onClose,
}: {
  open: boolean
  loan: LoanDetail
  businessDate?: string
  initialMode?: Mode
  onClose: () => void
}) {
  const t = useT()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<FormValues>()
  // a second click before the first answer is the same submission, never a second posting
  const inFlight = useRef(false)
  const [mode, setMode] = useState<Mode>(initialMode)
  const [date, setDate] = useState<Dayjs | null>(null)
  const key = useSubmissionKey(open, 'prepay')
  const allocated = useAllocationMessage()
  const day = (date ?? (businessDate ? dayjs(businessDate) : null))?.format('YYYY-MM-DD')

  const quote = useQuery({
    queryKey: ['loan', loan.id, 'payoff', day],
    queryFn: ({ signal }) => api.get<PayoffQuote>(`${loanPath(loan.id)}/payoff-quote`, { date: day }, { signal }),
    enabled: open,
  })

  useEffect(() => {
    if (!open) return
    setMode(initialMode)
    setDate(null)
    form.resetFields()
    form.setFieldsValue({ channel: 'bank_transfer', choice: 'reduce_term' })
  }, [open, initialMode, form])

  useEffect(() => {
    if (mode === 'settlement' && quote.data) form.setFieldsValue({ amount: quote.data.total })
  }, [mode, quote.data, form])

  const post = useMutation({
    mutationFn: (values: FormValues) =>
      api.post<RepaymentResult>(
        `${loanPath(loan.id)}/prepayments`,
        {
          type: mode,
          amount: values.amount.trim(),
          channel: values.channel,
          externalRef: values.externalRef?.trim() || null,
          ...(mode === 'partial' ? { choice: values.choice } : {}),
          ...(day ? { valueDate: day } : {}),
        },
        { headers: { 'Idempotency-Key': key.get() } },
      ),
    onSuccess: (result) => {
      key.renew()
      message.success(
        mode === 'settlement' ? t('servicing.prepay.settledOk', { loanNo: loan.loanNo }) : allocated(result),
        6,
      )
      refreshLoan(queryClient, loan.id)
      onClose()
    },
    onError: (error) => reportFormError(form, error, message.error),
  })

  const q = quote.data
  return (
    <Modal
      open={open}
      title={t('servicing.prepay.title', { loanNo: loan.loanNo })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={mode === 'settlement' ? t('servicing.prepay.settle') : t('servicing.prepay.partial')}
      okButtonProps={{
        loading: post.isPending,
        disabled: q ? !q.prepaymentAllowed : false,
        'data-testid': 'prepay-submit',
      }}
      destroyOnHidden
      width={600}
    >
      <div style={{ display: 'flex', gap: 12, alignItems: 'center', marginBottom: 12 }}>
        <Typography.Text>{t('servicing.prepay.quoteDate')}</Typography.Text>
        <DatePicker
          value={date ?? (businessDate ? dayjs(businessDate) : null)}
          onChange={setDate}
          allowClear={false}
          disabledDate={(d) => Boolean(businessDate && d.isAfter(businessDate, 'day'))}
        />
      </div>
      <LoadError error={quote.error} onRetry={() => quote.refetch()} />
      {quote.isLoading && <Skeleton active paragraph={{ rows: 2 }} />}
      {q && (
        <Descriptions
          bordered
          size="small"
          column={2}
          style={{ marginBottom: 16 }}
          data-testid="payoff-quote"
          items={[
            { key: 'p', label: t('servicing.principal'), children: formatMoney(q.principal) },
            { key: 'i', label: t('servicing.interest'), children: formatMoney(q.interest) },
            { key: 'f', label: t('servicing.fee'), children: formatMoney(q.fee) },
            { key: 'pen', label: t('servicing.penalty'), children: formatMoney(q.penalty) },
            { key: 'pf', label: t('servicing.prepay.fee'), children: formatMoney(q.prepaymentFee) },
            { key: 'cb', label: t('servicing.creditBalance'), children: formatMoney(q.creditBalance) },
            {
              key: 'total',
              label: t('servicing.prepay.total'),
              span: 2,
              children: (
                <Typography.Text strong style={{ fontSize: 18 }} data-testid="payoff-total">
                  ¥{formatMoney(q.total)}
                </Typography.Text>
              ),
            },
          ]}
        />
      )}
      {q && !q.prepaymentAllowed && (
        <Alert type="warning" showIcon title={t('servicing.prepay.notAllowed')} style={{ marginBottom: 16 }} />
      )}
      <Segmented<Mode>
        block
        value={mode}
        onChange={setMode}
        options={[
          { value: 'settlement', label: t('servicing.prepay.settle') },
          { value: 'partial', label: t('servicing.prepay.partial') },
        ]}
        style={{ marginBottom: 16 }}
        data-testid="prepay-mode"
      />
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={(values) => {
          if (inFlight.current) return
          inFlight.current = true
          post.mutate(values, {
            onSettled: () => {
              inFlight.current = false
            },
          })
        }}
      >
        <Form.Item
          name="amount"
          label={t('servicing.amount')}
          rules={[
            { required: true, message: t('common.required', { field: t('servicing.amount') }) },
            { pattern: /^\d+(\.\d{1,2})?$/, message: t('servicing.field.amount') },
          ]}
        >
          <Input name="amount" prefix="¥" inputMode="decimal" />
        </Form.Item>
        {mode === 'partial' && (
          <Form.Item name="choice" label={t('servicing.prepay.choice')}>
            <Radio.Group
              options={[
                { value: 'reduce_term', label: t('servicing.prepay.reduce_term') },
                { value: 'reduce_installment', label: t('servicing.prepay.reduce_installment') },
              ]}
            />
          </Form.Item>
        )}
        <Form.Item name="channel" label={t('servicing.channel')}>
          <ChannelSelect />
        </Form.Item>
        <Form.Item name="externalRef" label={t('servicing.externalRef')}>
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
