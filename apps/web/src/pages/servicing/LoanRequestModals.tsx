/**
 * Waiver (减免) and write-off (核销) requests, which a second person approves in the inbox; refund of
 * a credit balance and reversal of a repayment, which book at once (with an Idempotency-Key).
 */
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Form, Input, Modal, Space } from 'antd'
import { useEffect, useRef } from 'react'
import { api } from '../../shared/api/client'
import { formatMoney } from '../../shared/format'
import { reportFormError } from '../../shared/forms'
import { useT } from '../../shared/i18n'
import { ChannelSelect, useSubmissionKey } from './RepaymentModal'
import type { LoanDetail, LoanTransaction } from './types'
import { loanPath, refreshLoan } from './useLoan'

export type LoanRequestKind = 'waiver' | 'writeOff' | 'refund'

type FormValues = {
  penalty?: string
  fee?: string
  interest?: string
  amount?: string
  channel?: string
  externalRef?: string
  reason?: string
}

const AMOUNT = /^\d+(\.\d{1,2})?$/

function bodyOf(kind: LoanRequestKind, v: FormValues) {
  const clean = (s?: string) => s?.trim() || undefined
  if (kind === 'waiver')
    return { penalty: clean(v.penalty), fee: clean(v.fee), interest: clean(v.interest), reason: v.reason?.trim() }
  if (kind === 'writeOff') return { reason: v.reason?.trim() }
  return { amount: v.amount?.trim(), channel: v.channel, externalRef: clean(v.externalRef) ?? null }
}

const PATHS: Record<LoanRequestKind, string> = { waiver: 'waivers', writeOff: 'write-off', refund: 'refunds' }

export function LoanRequestModal({
  kind,
  loan,
  onClose,
}: {
  kind: LoanRequestKind | null
  loan: LoanDetail
  onClose: () => void
}) {
  const t = useT()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<FormValues>()
  // a second click before the first answer is the same submission, never a second posting
  const inFlight = useRef(false)
  const key = useSubmissionKey(kind === 'refund', 'refund')

  useEffect(() => {
    if (!kind) return
    form.resetFields()
    if (kind === 'refund') form.setFieldsValue({ amount: loan.creditBalance, channel: 'bank_transfer' })
  }, [kind, form, loan.creditBalance])

  const send = useMutation({
    mutationFn: (values: FormValues) =>
      api.post(
        `${loanPath(loan.id)}/${PATHS[kind ?? 'waiver']}`,
        bodyOf(kind ?? 'waiver', values),
        kind === 'refund' ? { headers: { 'Idempotency-Key': key.get() } } : undefined,
      ),
    onSuccess: () => {
      if (kind === 'refund') key.renew()
      message.success(
        kind === 'refund' ? t('servicing.refund.ok') : t('servicing.request.submitted'),
        kind === 'refund' ? 3 : 6,
      )
      refreshLoan(queryClient, loan.id)
      onClose()
    },
    onError: (error) => reportFormError(form, error, message.error),
  })

  const amountRule = { pattern: AMOUNT, message: t('servicing.field.amount') }
  const reason = (
    <Form.Item
      name="reason"
      label={t('servicing.reason')}
      rules={[{ required: true, message: t('common.required', { field: t('servicing.reason') }) }]}
    >
      <Input.TextArea name="reason" rows={3} maxLength={500} showCount />
    </Form.Item>
  )
  const titles = {
    waiver: t('servicing.waiver.title'),
    writeOff: t('servicing.writeOff.title'),
    refund: t('servicing.refund.title'),
  }

  return (
    <Modal
      open={Boolean(kind)}
      title={kind ? `${titles[kind]} · ${loan.loanNo}` : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: send.isPending, danger: kind === 'writeOff', 'data-testid': 'loan-request-submit' }}
      destroyOnHidden
    >
      {kind !== 'refund' && (
        <Alert type="info" showIcon title={t('servicing.request.fourEyes')} style={{ marginBottom: 16 }} />
      )}
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={(values) => {
          if (inFlight.current) return
          inFlight.current = true
          send.mutate(values, {
            onSettled: () => {
              inFlight.current = false
            },
          })
        }}
        data-testid="loan-request-form"
      >
        {kind === 'waiver' && (
          <Space size={12} wrap>
            <Form.Item
              name="penalty"
              label={t('servicing.penalty')}
              rules={[amountRule]}
              extra={t('servicing.outstandingHint', { amount: formatMoney(loan.penaltyOutstanding) })}
            >
              <Input name="penalty" prefix="¥" inputMode="decimal" style={{ width: 150 }} />
            </Form.Item>
            <Form.Item
              name="fee"
              label={t('servicing.fee')}
              rules={[amountRule]}
              extra={t('servicing.outstandingHint', { amount: formatMoney(loan.feeOutstanding) })}
            >
              <Input name="fee" prefix="¥" inputMode="decimal" style={{ width: 150 }} />
            </Form.Item>
            <Form.Item
              name="interest"
              label={t('servicing.interest')}
              rules={[amountRule]}
              extra={t('servicing.outstandingHint', { amount: formatMoney(loan.interestOutstanding) })}
            >
              <Input name="interest" prefix="¥" inputMode="decimal" style={{ width: 150 }} />
            </Form.Item>
          </Space>
        )}
        {kind === 'writeOff' && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('servicing.writeOff.hint', {
              principal: formatMoney(loan.principalOutstanding),
              dpd: loan.dpd,
            })}
          />
        )}
        {kind === 'refund' && (
          <>
            <Form.Item
              name="amount"
              label={t('servicing.amount')}
              rules={[{ required: true, message: t('common.required', { field: t('servicing.amount') }) }, amountRule]}
              extra={t('servicing.refund.available', { amount: formatMoney(loan.creditBalance) })}
            >
              <Input name="amount" prefix="¥" inputMode="decimal" />
            </Form.Item>
            <Form.Item name="channel" label={t('servicing.channel')}>
              <ChannelSelect />
            </Form.Item>
            <Form.Item name="externalRef" label={t('servicing.externalRef')}>
              <Input maxLength={100} />
            </Form.Item>
          </>
        )}
        {kind !== 'refund' && reason}
      </Form>
    </Modal>
  )
}

/** Reversal (冲正) of one repayment, with a reason; later repayments are replayed by the server. */
export function ReverseModal({
  loan,
  transaction,
  onClose,
}: {
  loan: LoanDetail
  transaction: LoanTransaction | null
  onClose: () => void
}) {
  const t = useT()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<{ reason: string }>()
  const inFlight = useRef(false)
  const key = useSubmissionKey(Boolean(transaction), 'reverse')

  useEffect(() => {
    if (transaction) form.resetFields()
  }, [transaction, form])

  const reverse = useMutation({
    mutationFn: ({ reason }: { reason: string }) =>
      api.post(
        `${loanPath(loan.id)}/transactions/${transaction?.id}/reverse`,
        { reason: reason.trim() },
        { headers: { 'Idempotency-Key': key.get() } },
      ),
    onSuccess: () => {
      key.renew()
      message.success(t('servicing.reverse.ok'))
      refreshLoan(queryClient, loan.id)
      onClose()
    },
    onError: (error) => reportFormError(form, error, message.error),
  })

  return (
    <Modal
      open={Boolean(transaction)}
      title={t('servicing.reverse.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ danger: true, loading: reverse.isPending, 'data-testid': 'reverse-submit' }}
      destroyOnHidden
    >
      {transaction && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('servicing.reverse.hint', { amount: formatMoney(transaction.amount), date: transaction.valueDate })}
        />
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) => {
          if (inFlight.current) return
          inFlight.current = true
          reverse.mutate(values, {
            onSettled: () => {
              inFlight.current = false
            },
          })
        }}
      >
        <Form.Item
          name="reason"
          label={t('servicing.reason')}
          rules={[{ required: true, message: t('common.required', { field: t('servicing.reason') }) }]}
        >
          <Input.TextArea name="reason" rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  )
}
