/** One warning: what triggered it (evidence), who owns it, and its actions — one click each. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { App, Button, Descriptions, Drawer, Input, Select, Space, Table, Tag } from 'antd'
import { useState } from 'react'
import { Link } from 'react-router-dom'
import { api } from '../../shared/api/client'
import { usePermissions } from '../../shared/auth/session'
import { formatCurrency, formatDateTime } from '../../shared/format'
import { type MessageKey, useT } from '../../shared/i18n'
import { invalidateList } from '../../shared/list/usePagedList'
import { errorText } from '../../shared/ui'
import { SeverityTag, WarningStatusTag } from './WarningTags'
import { WARNINGS, type Warning, type WarningOwner } from './warning-types'

type Period = { dueDate: string; due: string; received: string; ratioPercent: string | null }

function Evidence({ w }: { w: Warning }) {
  const t = useT()
  const e = w.evidence as Record<string, unknown>
  if (w.ruleCode === 'underpayment_streak')
    return (
      <Table<Period>
        size="small"
        rowKey="dueDate"
        pagination={false}
        dataSource={(e.periods as Period[]) ?? []}
        data-testid="warning-evidence"
        columns={[
          { key: 'dueDate', dataIndex: 'dueDate', title: t('collections.warnings.ev.period') },
          {
            key: 'due',
            title: t('collections.warnings.ev.due'),
            align: 'right',
            render: (_v, p) => formatCurrency(p.due),
          },
          {
            key: 'received',
            title: t('collections.warnings.ev.received'),
            align: 'right',
            render: (_v, p) => formatCurrency(p.received),
          },
          {
            key: 'ratio',
            title: `${t('collections.warnings.ev.ratio')} (< ${String(e.thresholdPercent)}%)`,
            align: 'right',
            render: (_v, p) => (p.ratioPercent === null ? '—' : `${p.ratioPercent}%`),
          },
        ]}
      />
    )
  const rows: [MessageKey, string][] =
    w.ruleCode === 'ip_velocity'
      ? [
          ['collections.warnings.ev.applications', `${String(e.applications)} (≥ ${String(e.threshold)})`],
          ['collections.warnings.ev.window', String(e.windowMinutes)],
          ['collections.warnings.ev.firstAt', formatDateTime(String(e.firstAt))],
          ['collections.warnings.ev.lastAt', formatDateTime(String(e.lastAt))],
        ]
      : [
          ['collections.warnings.ev.firstDueDate', String(e.firstDueDate)],
          ['collections.warnings.ev.daysLate', `${String(e.daysLate)} (≥ ${String(e.threshold)})`],
          ['collections.warnings.ev.amountDue', formatCurrency(String(e.amountDue))],
          ['collections.warnings.ev.paid', formatCurrency(String(e.paid))],
        ]
  return (
    <Descriptions column={1} size="small" bordered data-testid="warning-evidence">
      {rows.map(([k, v]) => (
        <Descriptions.Item key={k} label={t(k)}>
          {v}
        </Descriptions.Item>
      ))}
      {w.ruleCode === 'ip_velocity' && (
        <Descriptions.Item label={t('collections.warnings.ev.customers')}>
          <Space wrap>
            {w.customerIds.map((id, i) => (
              <Link key={id} to={`/customers/${id}`}>
                <Tag color="red">#{i + 1}</Tag>
              </Link>
            ))}
          </Space>
        </Descriptions.Item>
      )}
    </Descriptions>
  )
}

export function WarningDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const t = useT()
  const { message } = App.useApp()
  const { can } = usePermissions()
  const queryClient = useQueryClient()
  const [note, setNote] = useState('')
  const [owner, setOwner] = useState<string | undefined>()
  const q = useQuery({
    queryKey: ['warning', id],
    queryFn: ({ signal }) => api.get<Warning>(`${WARNINGS}/${id}`, undefined, { signal }),
    enabled: id !== null,
  })
  const owners = useQuery({
    queryKey: ['warning-owners'],
    queryFn: ({ signal }) => api.get<{ items: WarningOwner[] }>(`${WARNINGS}/owners`, undefined, { signal }),
    enabled: id !== null && can('warning.manage'),
  })
  const act = useMutation({
    mutationFn: ({ action, body }: { action: string; body: Record<string, unknown> }) =>
      api.post<Warning>(`${WARNINGS}/${id}/${action}`, body),
    onSuccess: async (w) => {
      message.success(t('collections.warnings.done'))
      setNote('')
      queryClient.setQueryData(['warning', id], w)
      await invalidateList(queryClient, WARNINGS)
    },
    onError: (e) => message.error(errorText(e)),
  })
  const w = q.data
  const active = w?.status === 'open' || w?.status === 'acknowledged'
  const withNote = note.trim() ? { note: note.trim() } : {}
  return (
    <Drawer open={id !== null} onClose={onClose} size={640} title={t('collections.warnings.detail')} destroyOnHidden>
      {w && (
        <div data-testid="warning-drawer">
          <Descriptions column={2} size="small" style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('collections.warnings.rule')} span={2}>
              {t(`collections.warnings.rule.${w.ruleCode}` as MessageKey)}
            </Descriptions.Item>
            <Descriptions.Item label={t(`collections.warnings.subject.${w.subjectType}` as MessageKey)}>
              <span className="xd-mono">{w.subjectLabel}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('collections.warnings.severity')}>
              <SeverityTag severity={w.severity} />
            </Descriptions.Item>
            <Descriptions.Item label={t('collections.warnings.status')}>
              <WarningStatusTag status={w.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('collections.warnings.owner')}>
              {w.ownerName ?? t('collections.warnings.unassigned')}
            </Descriptions.Item>
            <Descriptions.Item label={t('collections.warnings.raisedOn')}>{w.businessDate}</Descriptions.Item>
            <Descriptions.Item label={t('collections.warnings.raisedAt')}>
              {formatDateTime(w.raisedAt)}
            </Descriptions.Item>
            {w.acknowledgedByName && (
              <Descriptions.Item label={t('collections.warnings.acknowledgedBy')}>
                {w.acknowledgedByName} · {formatDateTime(w.acknowledgedAt)}
              </Descriptions.Item>
            )}
            {w.closedByName && (
              <Descriptions.Item label={t('collections.warnings.closedBy')}>
                {w.closedByName} · {formatDateTime(w.closedAt)}
              </Descriptions.Item>
            )}
            {w.note && (
              <Descriptions.Item label={t('collections.warnings.note')} span={2}>
                {w.note}
              </Descriptions.Item>
            )}
          </Descriptions>
          <h4>{t('collections.warnings.evidence')}</h4>
          <Evidence w={w} />
          {w.caseId && (
            <p style={{ marginTop: 12 }}>
              <Link to={`/collections/cases/${w.caseId}`}>{t('collections.warnings.openCase')}</Link>
            </p>
          )}
          {active && can('warning.handle') && (
            <div style={{ marginTop: 16 }}>
              <Input.TextArea
                rows={2}
                maxLength={1000}
                value={note}
                onChange={(e) => setNote(e.target.value)}
                placeholder={t('collections.warnings.notePlaceholder')}
                data-testid="warning-note"
              />
              <Space wrap style={{ marginTop: 8 }}>
                {w.status === 'open' && (
                  <Button
                    onClick={() => act.mutate({ action: 'acknowledge', body: withNote })}
                    loading={act.isPending}
                    data-testid="warning-acknowledge"
                  >
                    {t('collections.warnings.acknowledge')}
                  </Button>
                )}
                <Button
                  type="primary"
                  onClick={() => act.mutate({ action: 'resolve', body: withNote })}
                  loading={act.isPending}
                  data-testid="warning-resolve"
                >
                  {t('collections.warnings.resolve')}
                </Button>
                <Button
                  danger
                  onClick={() => act.mutate({ action: 'dismiss', body: withNote })}
                  loading={act.isPending}
                  data-testid="warning-dismiss"
                >
                  {t('collections.warnings.dismiss')}
                </Button>
              </Space>
            </div>
          )}
          {active && can('warning.manage') && (
            <Space style={{ marginTop: 12 }}>
              <Select
                style={{ width: 260 }}
                value={owner}
                onChange={setOwner}
                placeholder={t('collections.warnings.owner')}
                options={(owners.data?.items ?? []).map((o) => ({
                  value: o.id,
                  label: `${o.displayName} (${o.open})`,
                }))}
                data-testid="warning-owner"
              />
              <Button
                disabled={!owner}
                onClick={() => act.mutate({ action: 'reassign', body: { ownerId: owner } })}
                data-testid="warning-reassign"
              >
                {t('collections.warnings.reassign')}
              </Button>
            </Space>
          )}
        </div>
      )}
    </Drawer>
  )
}
