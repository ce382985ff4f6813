/**
 * Entering a repayment (登记还款). One Idempotency-Key per form submission: it is made when the form
 * opens and kept for every retry of that submission, so a double click or a network retry books once.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { App, DatePicker, Descriptions, Form, Input, Modal, Select } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useEffect, useRef } from 'react'
import { api } from '../../shared/api/client'
import { formatMoney } from '../../shared/format'
import { reportFormError } from '../../shared/forms'
import { useT } from '../../shared/i18n'
import { newIdempotencyKey } from './money'
import type { LoanDetail } from './types'
import { loanPath, refreshLoan } from './useLoan'

export const CHANNELS = ['online', 'bank_transfer', 'offline', 'withhold', 'other'] as const

export type RepaymentResult = {
  transactionId: string
  amount: string
  valueDate: string
  principal: string
  interest: string
  fee: string
  penalty: string
  credit: string
  loanStatus: string
  principalOutstanding: string
  creditBalance: string
}

type FormValues = { amount: string; channel: string; externalRef?: string; valueDate?: Dayjs }

/** The key of the submission in progress; a new one only once the previous submission is settled. */
export function useSubmissionKey(open: boolean, prefix: string) {
  const key = useRef('')
  useEffect(() => {
    if (open) key.current = newIdempotencyKey(prefix)
  }, [open, prefix])
  return {
    get: () => {
      if (!key.current) key.current = newIdempotencyKey(prefix)
      return key.current
    },
    renew: () => {
      key.current = newIdempotencyKey(prefix)
    },
  }
}

export function ChannelSelect(props: { value?: string; onChange?: (value: string) => void }) {
  const t = useT()
  return (
    <Select
      {...props}
      options={CHANNELS.map((c) => ({ value: c, label: t(`servicing.channel.${c}`) }))}
      data-testid="repayment-channel"
    />
  )
}

export function useAllocationMessage() {
  const t = useT()
  return (r: RepaymentResult) =>
    t('servicing.repayment.allocated', {
      amount: formatMoney(r.amount),
      principal: formatMoney(r.principal),
      interest: formatMoney(r.interest),
      fee: formatMoney(r.fee),
      penalty: formatMoney(r.penalty),
      credit: formatMoney(r.credit),
    })
}

export function RepaymentModal({
  open,
  loan,
  businessDate,
  suggested,
  onClose,
}: {
  open: boolean
  loan: LoanDetail
  businessDate?: string
  suggested?: string
  onClose: () => void
}) {
  const t = useT()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<FormValues>()
  // a second click before the first answer is the same submission, never a second posting
  const inFlight = useRef(false)
  const key = useSubmissionKey(open, 'repay')
  const allocated = useAllocationMessage()

  useEffect(() => {
    if (!open) return
    form.resetFields()
    form.setFieldsValue({
      amount: suggested,
      channel: 'bank_transfer',
      valueDate: businessDate ? dayjs(businessDate) : undefined,
    })
  }, [open, form, businessDate, suggested])

  const post = useMutation({
    mutationFn: (values: FormValues) =>
      api.post<RepaymentResult>(
        `${loanPath(loan.id)}/repayments`,
        {
          amount: values.amount.trim(),
          channel: values.channel,
          externalRef: values.externalRef?.trim() || null,
          ...(values.valueDate ? { valueDate: values.valueDate.format('YYYY-MM-DD') } : {}),
        },
        { headers: { 'Idempotency-Key': key.get() } },
      ),
    onSuccess: (result) => {
      key.renew()
      message.success(allocated(result), 6)
      refreshLoan(queryClient, loan.id)
      onClose()
    },
    onError: (error) => reportFormError(form, error, message.error),
  })

  return (
    <Modal
      open={open}
      title={t('servicing.repayment.title', { loanNo: loan.loanNo })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: post.isPending, 'data-testid': 'repayment-submit' }}
      okText={t('servicing.repayment.submit')}
      destroyOnHidden
    >
      <Descriptions
        size="small"
        column={2}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'p', label: t('servicing.principalOutstanding'), children: formatMoney(loan.principalOutstanding) },
          { key: 'i', label: t('servicing.interestOutstanding'), children: formatMoney(loan.interestOutstanding) },
          { key: 'f', label: t('servicing.feeOutstanding'), children: formatMoney(loan.feeOutstanding) },
          { key: 'pen', label: t('servicing.penaltyOutstanding'), children: formatMoney(loan.penaltyOutstanding) },
        ]}
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
        data-testid="repayment-form"
      >
        <Form.Item
          name="amount"
          label={t('servicing.amount')}
          rules={[
            { required: true, message: t('common.required', { field: t('servicing.amount') }) },
            { pattern: /^\d+(\.\d{1,2})?$/, message: t('servicing.field.amount') },
          ]}
        >
          <Input name="amount" prefix="¥" inputMode="decimal" autoFocus />
        </Form.Item>
        <Form.Item name="channel" label={t('servicing.channel')} rules={[{ required: true, message: '' }]}>
          <ChannelSelect />
        </Form.Item>
        <Form.Item name="externalRef" label={t('servicing.externalRef')}>
          <Input name="externalRef" maxLength={100} />
        </Form.Item>
        <Form.Item name="valueDate" label={t('servicing.valueDate')} extra={t('servicing.valueDateHint')}>
          <DatePicker
            disabledDate={(d) =>
              Boolean(
                (businessDate && d.isAfter(businessDate, 'day')) ||
                  (loan.disbursedOn && d.isBefore(loan.disbursedOn, 'day')),
              )
            }
          />
        </Form.Item>
      </Form>
    </Modal>
  )
}
