import { SyncOutlined } from '@ant-design/icons'
import { Card, Input, Segmented, Switch, Table, type TableColumnsType, Tag, Typography } from 'antd'
import { useState } from 'react'
import type { Notification, NotificationChannel } from '../../shared/api/types'
import { formatDateTime } from '../../shared/format'
import { useT } from '../../shared/i18n'
import { usePagedList } from '../../shared/list/usePagedList'
import { LoadError, PageHeader } from '../../shared/ui'

const CHANNELS: NotificationChannel[] = ['sms', 'email', 'inapp', 'robocall']
const CHANNEL_COLORS: Record<NotificationChannel, string> = {
  sms: 'green',
  email: 'blue',
  inapp: 'purple',
  robocall: 'orange',
}

/** Messages kept by the built-in outbox provider, newest first; refreshes itself so demo users can read codes. */
export function OutboxPage() {
  const t = useT()
  const [autoRefresh, setAutoRefresh] = useState(true)
  const list = usePagedList<Notification, { channel?: string; q?: string }>({
    path: '/api/v1/notifications',
    refetchInterval: autoRefresh ? 5000 : false,
  })

  const columns: TableColumnsType<Notification> = [
    { key: 'createdAt', dataIndex: 'createdAt', title: t('outbox.createdAt'), width: 170, render: formatDateTime },
    {
      key: 'channel',
      dataIndex: 'channel',
      title: t('outbox.channel'),
      render: (channel: NotificationChannel) => (
        <Tag color={CHANNEL_COLORS[channel] ?? 'default'}>
          {CHANNELS.includes(channel) ? t(`outbox.channel.${channel}`) : channel}
        </Tag>
      ),
    },
    {
      key: 'recipient',
      dataIndex: 'recipient',
      title: t('outbox.recipient'),
      render: (r: string) => <span className="xd-mono">{r}</span>,
    },
    { key: 'subject', dataIndex: 'subject', title: t('outbox.subject'), render: (s: string | null) => s ?? '—' },
    {
      key: 'body',
      dataIndex: 'body',
      title: t('outbox.body'),
      render: (body: string) => (
        <Typography.Paragraph
          copyable
          style={{ marginBottom: 0, maxWidth: 520, whiteSpace: 'pre-wrap' }}
          data-testid="outbox-body"
        >
          {body}
        </Typography.Paragraph>
      ),
    },
    { key: 'provider', dataIndex: 'provider', title: t('outbox.provider') },
    { key: 'status', dataIndex: 'status', title: t('outbox.status'), render: (status: string) => <Tag>{status}</Tag> },
  ]

  return (
    <PageHeader
      title={t('outbox.title')}
      extra={
        <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
          <SyncOutlined spin={autoRefresh && list.isFetching} />
          {t('outbox.autoRefresh')}
          <Switch checked={autoRefresh} onChange={setAutoRefresh} size="small" />
        </span>
      }
    >
      <Typography.Paragraph type="secondary">{t('outbox.intro')}</Typography.Paragraph>
      <Card>
        <div className="xd-filters">
          <Segmented
            value={list.filters.channel ?? ''}
            onChange={(value) => list.setFilters({ channel: String(value) || undefined })}
            options={[
              { value: '', label: t('common.all') },
              ...CHANNELS.map((channel) => ({ value: channel, label: t(`outbox.channel.${channel}`) })),
            ]}
            data-testid="outbox-channel"
          />
          <Input.Search
            allowClear
            placeholder={t('outbox.searchPlaceholder')}
            style={{ width: 260 }}
            onSearch={(q) => list.setFilters({ q: q.trim() || undefined })}
          />
        </div>
        <LoadError error={list.error} onRetry={() => list.refetch()} />
        <Table<Notification>
          {...list.tableProps}
          columns={columns}
          scroll={{ x: 'max-content' }}
          data-testid="outbox-table"
        />
      </Card>
    </PageHeader>
  )
}
