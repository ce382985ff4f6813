/** Collection strategies (催收策略): segments and approaches, champion/challenger activation, results compared. */
import { PlusOutlined } from '@ant-design/icons'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { App, Button, Card, InputNumber, Popconfirm, Space, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import { api } from '../../shared/api/client'
import { Can } from '../../shared/auth/guards'
import { formatDate } from '../../shared/format'
import { type MessageKey, useT } from '../../shared/i18n'
import { usePagedList } from '../../shared/list/usePagedList'
import { errorText, LoadError, PageHeader } from '../../shared/ui'
import { StrategyCompare } from './StrategyCompare'
import { StrategyEditor } from './StrategyEditor'
import type { Strategy } from './strategy-types'
import { COLLECTIONS } from './types'

const PATH = `${COLLECTIONS}/strategies`

export function StrategiesPage() {
  const t = useT()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const list = usePagedList<Strategy, { status?: string }>({ path: PATH })
  const [editing, setEditing] = useState<Partial<Strategy> | null>(null)
  const [percent, setPercent] = useState(30)
  const act = useMutation({
    mutationFn: ({ id, action, body }: { id: string; action: 'activate' | 'retire'; body?: object }) =>
      api.post<Strategy & { casesResegmented: number }>(`${PATH}/${id}/${action}`, body ?? {}),
    onSuccess: async (s) => {
      message.success(
        s.status === 'active'
          ? t('collections.strategy.activated', { n: s.casesResegmented })
          : t('collections.strategy.retired'),
      )
      await queryClient.invalidateQueries({ queryKey: ['list', PATH] })
      await queryClient.invalidateQueries({ queryKey: ['collections', 'strategy-report'] })
    },
    onError: (e) => message.error(errorText(e)),
  })
  const roleTag = (s: Strategy) =>
    s.status === 'active' ? (
      <Tag color={s.role === 'champion' ? 'blue' : 'orange'} data-testid={`strategy-role-${s.id}`}>
        {s.role === 'champion'
          ? t('collections.strategy.role.champion')
          : t('collections.strategy.role.challenger', { n: s.challengerPercent ?? 0 })}
      </Tag>
    ) : (
      <Tag>{t(`collections.strategy.status.${s.status}` as MessageKey)}</Tag>
    )
  return (
    <PageHeader
      title={t('collections.strategy.title')}
      extra={
        <Can permission="collection.manage">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="strategy-new">
            {t('collections.strategy.new')}
          </Button>
        </Can>
      }
    >
      <Typography.Paragraph type="secondary">{t('collections.strategy.hint')}</Typography.Paragraph>
      <LoadError error={list.error} onRetry={() => list.refetch()} />
      <Card size="small">
        <Table<Strategy>
          {...list.tableProps}
          data-testid="strategies"
          expandable={{
            expandedRowRender: (s) => (
              <Table
                size="small"
                rowKey="code"
                pagination={false}
                dataSource={s.segments}
                columns={[
                  { key: 'code', dataIndex: 'code', title: t('collections.segment.code') },
                  { key: 'name', dataIndex: 'name', title: t('collections.segment.name') },
                  { key: 'stages', title: t('collections.case.stage'), render: (_v, g) => g.stages.join(', ') || '*' },
                  {
                    key: 'amount',
                    title: t('collections.segment.amount'),
                    render: (_v, g) => `${g.minAmount ?? 0} – ${g.maxAmount ?? '∞'}`,
                  },
                  {
                    key: 'score',
                    title: t('collections.segment.score'),
                    render: (_v, g) =>
                      (g.minScore ?? g.maxScore) === null ? '*' : `${g.minScore ?? '−∞'} – ${g.maxScore ?? '∞'}`,
                  },
                  {
                    key: 'history',
                    title: `${t('collections.segment.broken')} / ${t('collections.segment.previous')}`,
                    render: (_v, g) =>
                      `${g.minBrokenPromises ?? 0}–${g.maxBrokenPromises ?? '∞'} / ${g.minPreviousCases ?? 0}–${g.maxPreviousCases ?? '∞'}`,
                  },
                  {
                    key: 'channels',
                    title: t('collections.segment.channels'),
                    render: (_v, g) =>
                      g.channels
                        .map((c) => `${t(`collections.channel.${c.channel}` as MessageKey)} ${c.weight}%`)
                        .join(' · '),
                  },
                  { key: 'priority', dataIndex: 'priority', title: t('collections.segment.priority'), align: 'right' },
                  {
                    key: 'every',
                    dataIndex: 'contactEveryDays',
                    title: t('collections.segment.every'),
                    align: 'right',
                    render: (v) => v ?? '—',
                  },
                ]}
              />
            ),
          }}
          columns={[
            { key: 'name', dataIndex: 'name', title: t('collections.strategy.name'), sorter: true },
            { key: 'status', title: t('collections.strategy.status'), render: (_v, s) => roleTag(s) },
            {
              key: 'segments',
              title: t('collections.strategy.segments'),
              render: (_v, s) => t('collections.strategy.segmentCount', { n: s.segments.length }),
            },
            {
              key: 'activatedOn',
              title: t('collections.strategy.activatedOn'),
              render: (_v, s) => formatDate(s.activatedOn),
            },
            {
              key: 'actions',
              title: '',
              render: (_v, s) => (
                <Can permission="collection.manage">
                  <Space wrap>
                    {s.status === 'draft' && (
                      <Button size="small" onClick={() => setEditing(s)}>
                        {t('collections.strategy.edit')}
                      </Button>
                    )}
                    <Button
                      size="small"
                      onClick={() =>
                        setEditing({ name: `${s.name} (2)`, description: s.description, segments: s.segments })
                      }
                    >
                      {t('collections.strategy.copy')}
                    </Button>
                    {s.status !== 'active' && (
                      <>
                        <Popconfirm
                          title={t('collections.strategy.activateChampion')}
                          onConfirm={() => act.mutate({ id: s.id, action: 'activate', body: { role: 'champion' } })}
                        >
                          <Button size="small" type="primary" data-testid={`strategy-champion-${s.id}`}>
                            {t('collections.strategy.activateChampion')}
                          </Button>
                        </Popconfirm>
                        <Popconfirm
                          title={
                            <Space direction="vertical">
                              {t('collections.strategy.challengerPercent')}
                              <InputNumber min={1} max={50} value={percent} onChange={(v) => setPercent(v ?? 30)} />
                            </Space>
                          }
                          onConfirm={() =>
                            act.mutate({
                              id: s.id,
                              action: 'activate',
                              body: { role: 'challenger', challengerPercent: percent },
                            })
                          }
                        >
                          <Button size="small">{t('collections.strategy.activateChallenger')}</Button>
                        </Popconfirm>
                      </>
                    )}
                    {s.status === 'active' && (
                      <Popconfirm
                        title={t('collections.strategy.retire')}
                        onConfirm={() => act.mutate({ id: s.id, action: 'retire' })}
                      >
                        <Button size="small" danger>
                          {t('collections.strategy.retire')}
                        </Button>
                      </Popconfirm>
                    )}
                  </Space>
                </Can>
              ),
            },
          ]}
        />
      </Card>
      <StrategyCompare />
      {editing && <StrategyEditor initial={editing} onClose={() => setEditing(null)} />}
    </PageHeader>
  )
}
