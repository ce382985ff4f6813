/** The legal process of a case (诉讼流程): status steps, history with documents and fees; move on, record fees and notes. */
import { useMutation, useQueryClient } from '@tanstack/react-query'
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Steps,
  Tag,
  Timeline,
} from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { api } from '../../shared/api/client'
import { Can } from '../../shared/auth/guards'
import { usePermissions } from '../../shared/auth/session'
import { formatCurrency, formatDate } from '../../shared/format'
import { reportFormError } from '../../shared/forms'
import { type MessageKey, useT } from '../../shared/i18n'
import { useBusinessDate } from '../../shared/reference'
import {
  LEGAL_FEE_KINDS,
  LEGAL_NEXT,
  LEGAL_OUTCOMES,
  LEGAL_STATUSES,
  type LegalCaseDetail,
  type LegalEvent,
  type LegalStatus,
} from './strategy-types'
import { COLLECTIONS } from './types'

const STATUS_COLORS: Record<LegalStatus, string> = {
  escalated: 'purple',
  lawyer_assigned: 'geekblue',
  filed: 'blue',
  judgment: 'gold',
  enforcement: 'volcano',
  closed: 'default',
}

export function LegalStatusTag({ status }: { status: LegalStatus }) {
  const t = useT()
  return <Tag color={STATUS_COLORS[status]}>{t(`collections.legal.status.${status}` as MessageKey)}</Tag>
}

type Mode = { kind: 'move'; to: LegalStatus } | { kind: 'fee' } | { kind: 'note' }
type Values = Record<string, string | Dayjs | undefined> & { date?: Dayjs; documents?: string }

/** "name|file reference" per line, as the escalation form takes them. */
const parseDocs = (text?: string) =>
  (text ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [name = '', fileRef = ''] = line.split('|').map((x) => x.trim())
      return { name, fileRef: fileRef || name }
    })

function LegalCaseView({ legal, caseId }: { legal: LegalCaseDetail; caseId: string }) {
  const t = useT()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [mode, setMode] = useState<Mode | null>(null)
  const [form] = Form.useForm<Values>()
  // steps are dated in business days: the default is the institution's business date, not the wall clock
  const { me } = usePermissions()
  const businessDate = useBusinessDate(me?.institution.id)
  const submit = useMutation({
    mutationFn: (v: Values) => {
      const base = `${COLLECTIONS}/legal/${legal.id}`
      const documents = parseDocs(v.documents as string | undefined)
      const date = (v.date as Dayjs | undefined)?.format('YYYY-MM-DD')
      const text = (k: string) => ((v[k] as string | undefined)?.trim() ? (v[k] as string).trim() : undefined)
      if (mode?.kind === 'fee')
        return api.post(`${base}/fees`, { kind: v.kind, amount: text('amount'), date, notes: text('notes'), documents })
      if (mode?.kind === 'note') return api.post(`${base}/notes`, { notes: text('notes'), documents })
      return api.post(`${base}/transitions`, {
        to: mode?.kind === 'move' ? mode.to : undefined,
        date,
        firm: text('firm'),
        lawyer: text('lawyer'),
        court: text('court'),
        docketNo: text('docketNo'),
        claimAmount: text('claimAmount'),
        judgmentAmount: text('judgmentAmount'),
        outcome: v.outcome,
        notes: text('notes'),
        documents,
      })
    },
    onSuccess: async () => {
      message.success(t('collections.legal.saved'))
      setMode(null)
      form.resetFields()
      await queryClient.invalidateQueries({ queryKey: ['collections', 'case', caseId] })
    },
    onError: (e) => reportFormError(form, e, (text) => message.error(text)),
  })
  const current = LEGAL_STATUSES.indexOf(legal.status)
  const open = legal.status !== 'closed'
  const to = mode?.kind === 'move' ? mode.to : null
  const eventLabel = (e: LegalEvent) =>
    e.kind === 'status'
      ? t(`collections.legal.status.${e.toStatus}` as MessageKey)
      : e.kind === 'fee'
        ? `${t('collections.legal.event.fee')} · ${t(`collections.legal.feeKind.${e.feeKind}` as MessageKey)} ${formatCurrency(e.amount)}`
        : t('collections.legal.event.note')
  return (
    <div data-testid={`legal-case-${legal.id}`} style={{ marginBottom: 16 }}>
      <Steps
        size="small"
        current={current}
        items={LEGAL_STATUSES.map((s) => ({ title: t(`collections.legal.status.${s}` as MessageKey) }))}
        style={{ marginBottom: 12 }}
      />
      <Descriptions size="small" column={3}>
        <Descriptions.Item label={t('collections.legal.firm')}>
          {[legal.firm, legal.lawyer].filter(Boolean).join(' · ') || '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('collections.legal.court')}>{legal.court ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('collections.legal.docketNo')}>{legal.docketNo ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('collections.legal.claimAmount')}>
          {formatCurrency(legal.claimAmount)}
        </Descriptions.Item>
        <Descriptions.Item label={t('collections.legal.judgmentAmount')}>
          {formatCurrency(legal.judgmentAmount)}
        </Descriptions.Item>
        <Descriptions.Item label={t('collections.legal.fees')}>
          <span data-testid="legal-fees">{formatCurrency(legal.feesTotal)}</span>
        </Descriptions.Item>
        {legal.outcome && (
          <Descriptions.Item label={t('collections.legal.outcome')}>
            {t(`collections.legal.outcome.${legal.outcome}` as MessageKey)}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Timeline
        items={legal.events.map((e) => ({
          children: (
            <Space wrap size={4}>
              <b>{formatDate(e.eventDate)}</b>
              {eventLabel(e)}
              {e.notes && <span>· {e.notes}</span>}
              {e.documents.map((d) => (
                <Tag key={d.fileRef}>{d.name}</Tag>
              ))}
              {e.createdBy && <span style={{ color: '#999' }}>— {e.createdBy}</span>}
            </Space>
          ),
        }))}
      />
      {open && (
        <Can permission="collection.assign">
          <Space wrap>
            {LEGAL_NEXT[legal.status].map((next) => (
              <Button
                key={next}
                size="small"
                type={next === 'closed' ? 'default' : 'primary'}
                onClick={() => setMode({ kind: 'move', to: next })}
                data-testid={`legal-move-${next}`}
              >
                {t('collections.legal.move')} {t(`collections.legal.status.${next}` as MessageKey)}
              </Button>
            ))}
            <Button size="small" onClick={() => setMode({ kind: 'fee' })} data-testid="legal-add-fee">
              {t('collections.legal.addFee')}
            </Button>
            <Button size="small" onClick={() => setMode({ kind: 'note' })}>
              {t('collections.legal.addNote')}
            </Button>
          </Space>
        </Can>
      )}
      <Modal
        open={mode !== null}
        title={
          to
            ? `${t('collections.legal.move')} ${t(`collections.legal.status.${to}` as MessageKey)}`
            : mode?.kind === 'fee'
              ? t('collections.legal.addFee')
              : t('collections.legal.addNote')
        }
        onCancel={() => setMode(null)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: submit.isPending }}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ date: businessDate ? dayjs(businessDate) : dayjs(), kind: 'court' }}
          onFinish={(v) => submit.mutate(v)}
        >
          {mode?.kind !== 'note' && (
            <Form.Item name="date" label={t('collections.legal.date')} rules={[{ required: true }]}>
              <DatePicker />
            </Form.Item>
          )}
          {to === 'lawyer_assigned' && (
            <>
              <Form.Item name="firm" label={t('collections.legal.firm')} rules={[{ required: true }]}>
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name="lawyer" label={t('collections.legal.lawyer')}>
                <Input maxLength={100} />
              </Form.Item>
            </>
          )}
          {to === 'filed' && (
            <>
              <Form.Item name="court" label={t('collections.legal.court')} rules={[{ required: true }]}>
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name="docketNo" label={t('collections.legal.docketNo')} rules={[{ required: true }]}>
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name="claimAmount" label={t('collections.legal.claimAmount')}>
                <Input inputMode="decimal" placeholder={legal.claimAmount ?? ''} />
              </Form.Item>
            </>
          )}
          {to === 'judgment' && (
            <Form.Item name="judgmentAmount" label={t('collections.legal.judgmentAmount')} rules={[{ required: true }]}>
              <Input inputMode="decimal" />
            </Form.Item>
          )}
          {to === 'closed' && (
            <Form.Item name="outcome" label={t('collections.legal.outcome')} rules={[{ required: true }]}>
              <Select
                options={LEGAL_OUTCOMES.map((o) => ({
                  value: o,
                  label: t(`collections.legal.outcome.${o}` as MessageKey),
                }))}
              />
            </Form.Item>
          )}
          {mode?.kind === 'fee' && (
            <>
              <Form.Item name="kind" label={t('collections.legal.feeKind')} rules={[{ required: true }]}>
                <Select
                  options={LEGAL_FEE_KINDS.map((k) => ({
                    value: k,
                    label: t(`collections.legal.feeKind.${k}` as MessageKey),
                  }))}
                />
              </Form.Item>
              <Form.Item name="amount" label={t('collections.legal.amount')} rules={[{ required: true }]}>
                <Input inputMode="decimal" data-testid="legal-fee-amount" />
              </Form.Item>
            </>
          )}
          <Form.Item
            name="notes"
            label={t('collections.legal.notes')}
            rules={mode?.kind === 'note' ? [{ required: true }] : []}
          >
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Form.Item name="documents" label={t('collections.legal.documents')}>
            <Input.TextArea rows={2} placeholder="起诉状|upload://..." />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  )
}

export function LegalProcessCard({ cases, caseId }: { cases: LegalCaseDetail[]; caseId: string }) {
  const t = useT()
  if (cases.length === 0) return null
  return (
    <Card title={t('collections.legal.process')} size="small" data-testid="legal-process">
      {cases.map((l) => (
        <LegalCaseView key={l.id} legal={l} caseId={caseId} />
      ))}
    </Card>
  )
}
