/** The reminder ladder: editable steps, recent reminders (queued, sent, skipped with the reason), dispatch. */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Card, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { api } from '../../shared/api/client'
import { isApiError } from '../../shared/api/error'
import type { Page } from '../../shared/api/types'
import { formatDate } from '../../shared/format'
import { type MessageKey, useT } from '../../shared/i18n'
import { errorText } from '../../shared/ui'
import { COLLECTIONS } from './types'

type Step = { code: string; day: number; action: string }
type Reminder = {
  id: string
  loanNo: string
  dueDate: string
  stepCode: string
  action: string
  status: string
  reason: string | null
}
const ACTIONS = ['reminder', 'sms', 'robocall', 'work_order', 'legal_proposal']

export function LadderCard() {
  const t = useT()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const q = useQuery({
    queryKey: ['collections', 'ladder'],
    queryFn: ({ signal }) => api.get<{ steps: Step[] }>(`${COLLECTIONS}/reminder-steps`, undefined, { signal }),
  })
  const recent = useQuery({
    queryKey: ['collections', 'reminders'],
    queryFn: ({ signal }) => api.get<Page<Reminder>>(`${COLLECTIONS}/reminders`, { pageSize: 10 }, { signal }),
  })
  const [rows, setRows] = useState<Step[]>([])
  useEffect(() => setRows(q.data?.steps ?? []), [q.data])
  const [errors, setErrors] = useState<string[]>([])
  const save = useMutation({
    mutationFn: () => api.put(`${COLLECTIONS}/reminder-steps`, { steps: rows }),
    onMutate: () => setErrors([]),
    onSuccess: async () => {
      message.success(t('collections.ladder.saved'))
      await queryClient.invalidateQueries({ queryKey: ['collections', 'ladder'] })
    },
    onError: (e) =>
      setErrors(isApiError(e) && e.fieldErrors.length ? e.fieldErrors.map((f) => f.message) : [errorText(e)]),
  })
  const dispatch = useMutation({
    mutationFn: () => api.post<{ sent: number; skipped: number }>(`${COLLECTIONS}/reminders/dispatch`, {}),
    onSuccess: async (r) => {
      message.success(t('collections.ladder.dispatched', { sent: r.sent, skipped: r.skipped }))
      await recent.refetch()
    },
    onError: (e) => message.error(errorText(e)),
  })
  const update = (i: number, patch: Partial<Step>) => setRows(rows.map((r, k) => (k === i ? { ...r, ...patch } : r)))
  return (
    <Card
      title={t('collections.ladder.title')}
      style={{ maxWidth: 900, marginTop: 16 }}
      extra={
        <Space>
          <Button
            icon={<PlusOutlined />}
            onClick={() => setRows([...rows, { code: `step_${rows.length + 1}`, day: 1, action: 'sms' }])}
          >
            {t('collections.stages.add')}
          </Button>
          <Button onClick={() => dispatch.mutate()} loading={dispatch.isPending}>
            {t('collections.ladder.dispatch')}
          </Button>
          <Button type="primary" onClick={() => save.mutate()} loading={save.isPending}>
            {t('collections.save')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('collections.ladder.hint')}</Typography.Paragraph>
      {errors.length > 0 && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errors.join('；')} />}
      <Table<Step>
        size="small"
        rowKey={(r) => String(rows.indexOf(r))}
        pagination={false}
        dataSource={rows}
        columns={[
          {
            key: 'code',
            title: t('collections.ladder.code'),
            render: (_v, r, i) => (
              <Input value={r.code} style={{ width: 140 }} onChange={(e) => update(i, { code: e.target.value })} />
            ),
          },
          {
            key: 'day',
            title: t('collections.ladder.day'),
            render: (_v, r, i) => <InputNumber value={r.day} onChange={(v) => update(i, { day: Number(v ?? 0) })} />,
          },
          {
            key: 'action',
            title: t('collections.ladder.action'),
            render: (_v, r, i) => (
              <Select
                value={r.action}
                style={{ width: 180 }}
                onChange={(action) => update(i, { action })}
                options={ACTIONS.map((a) => ({ value: a, label: t(`collections.ladder.action.${a}` as MessageKey) }))}
              />
            ),
          },
          {
            key: 'del',
            title: '',
            render: (_v, _r, i) => (
              <Button size="small" icon={<DeleteOutlined />} onClick={() => setRows(rows.filter((_x, k) => k !== i))} />
            ),
          },
        ]}
      />
      <Table<Reminder>
        size="small"
        rowKey="id"
        pagination={false}
        style={{ marginTop: 16 }}
        title={() => t('collections.ladder.recent')}
        dataSource={recent.data?.items ?? []}
        columns={[
          { key: 'loan', dataIndex: 'loanNo', title: t('collections.case.loanNo') },
          { key: 'due', dataIndex: 'dueDate', title: t('collections.record.promiseDate'), render: formatDate },
          { key: 'step', dataIndex: 'stepCode', title: t('collections.ladder.code') },
          {
            key: 'action',
            title: t('collections.ladder.action'),
            render: (_v, r) => t(`collections.ladder.action.${r.action}` as MessageKey),
          },
          {
            key: 'status',
            title: t('collections.case.status'),
            render: (_v, r) => (
              <Tag color={r.status === 'sent' ? 'green' : r.status === 'queued' ? 'gold' : 'default'}>
                {r.status}
                {r.reason ? ` · ${r.reason}` : ''}
              </Tag>
            ),
          },
        ]}
      />
    </Card>
  )
}
