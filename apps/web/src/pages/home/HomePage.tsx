import { useQuery } from '@tanstack/react-query'
import { Card, Col, Descriptions, Empty, Row, Space, Statistic, Tag, Typography } from 'antd'
import { Link } from 'react-router-dom'
import { api, type Query } from '../../shared/api/client'
import type { Page, User } from '../../shared/api/types'
import { usePermissions } from '../../shared/auth/session'
import { formatDate } from '../../shared/format'
import { type MessageKey, useT } from '../../shared/i18n'
import { menuEntries } from '../../shared/layout/menu'
import { listKey } from '../../shared/list/usePagedList'
import { useBusinessDate, usePositions } from '../../shared/reference'

type CountCard = {
  key: string
  labelKey: MessageKey
  path: string
  link: string
  permission: string
  query?: Query
  /** The endpoint answers a bare array (no paging); the count is its length. */
  array?: boolean
}

/** Counts come from the list endpoints' `total`, so each is exactly what the user could page through. */
const COUNT_CARDS: CountCard[] = [
  { key: 'users', labelKey: 'home.count.users', path: '/api/v1/users', link: '/system/users', permission: 'user.read' },
  {
    key: 'online',
    labelKey: 'home.count.onlineUsers',
    path: '/api/v1/users',
    link: '/system/users',
    permission: 'user.read',
    query: { online: 'true' },
  },
  {
    key: 'locked',
    labelKey: 'home.count.lockedUsers',
    path: '/api/v1/users',
    link: '/system/users',
    permission: 'user.read',
    query: { status: 'locked' },
  },
  {
    key: 'institutions',
    labelKey: 'home.count.institutions',
    path: '/api/v1/institutions',
    link: '/system/institutions',
    permission: 'institution.read',
  },
  {
    key: 'positions',
    labelKey: 'home.count.positions',
    path: '/api/v1/positions',
    link: '/system/access?tab=positions',
    permission: 'user.read',
    array: true,
  },
  {
    key: 'audit',
    labelKey: 'home.count.auditRows',
    path: '/api/v1/audit',
    link: '/system/audit',
    permission: 'audit.read',
  },
  {
    key: 'notifications',
    labelKey: 'home.count.notifications',
    path: '/api/v1/notifications',
    link: '/system/outbox',
    permission: 'notification.read',
  },
]

function CountStatistic({ card }: { card: CountCard }) {
  const t = useT()
  const params = card.array ? {} : { ...card.query, page: 1, pageSize: 1 }
  const { data, isLoading, isError } = useQuery({
    queryKey: [...listKey(card.path), params],
    queryFn: ({ signal }) => api.get<Page<unknown> | unknown[]>(card.path, params, { signal }),
    select: (answer) => ({ total: Array.isArray(answer) ? answer.length : answer.total }),
  })
  return (
    <Link to={card.link}>
      <Card hoverable size="small" data-testid={`count-${card.key}`}>
        <Statistic title={t(card.labelKey)} value={isError ? '—' : (data?.total ?? 0)} loading={isLoading} />
      </Card>
    </Link>
  )
}

export function HomePage() {
  const t = useT()
  const { me, can } = usePermissions()
  const businessDate = useBusinessDate(me?.institution.id)
  const self = useQuery({
    queryKey: ['user', me?.id],
    queryFn: ({ signal }) => api.get<User>(`/api/v1/users/${me?.id}`, undefined, { signal }),
    enabled: Boolean(me) && can('user.read'),
    retry: false,
  })
  const positions = usePositions()
  if (!me) return null

  const roleOf = (positionId: string) => positions.data?.find((position) => position.id === positionId)?.roleName
  const cards = COUNT_CARDS.filter((card) => can(card.permission))
  const links = menuEntries.filter((entry) => entry.key !== 'home' && can(entry.permission))

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card data-testid="welcome-card">
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t('home.welcome', { name: me.displayName || me.username })}
        </Typography.Title>
        <Descriptions
          column={{ xs: 1, md: 2, xl: 4 }}
          size="small"
          items={[
            { key: 'institution', label: t('home.institution'), children: me.institution.name },
            {
              key: 'businessDate',
              label: t('home.businessDate'),
              children: formatDate(businessDate),
            },
            { key: 'scope', label: t('home.scope'), children: <Tag color="geekblue">{t(`scope.${me.scope}`)}</Tag> },
            {
              key: 'positions',
              label: t('home.positions'),
              children: self.data?.positions.length ? (
                <Space size={[4, 4]} wrap>
                  {self.data.positions.map((position) => {
                    const role = roleOf(position.id)
                    return <Tag key={position.id}>{role ? `${role} · ${position.name}` : position.name}</Tag>
                  })}
                </Space>
              ) : (
                <Typography.Text type="secondary">
                  {t('home.permissionCount', { count: me.permissions.length })}
                </Typography.Text>
              ),
            },
          ]}
        />
      </Card>

      <Card title={t('home.counts')}>
        {cards.length ? (
          <Row gutter={[16, 16]}>
            {cards.map((card) => (
              <Col key={card.key} xs={12} md={8} xl={6}>
                <CountStatistic card={card} />
              </Col>
            ))}
          </Row>
        ) : (
          <Empty description={t('home.noCounts')} />
        )}
      </Card>

      {links.length > 0 && (
        <Card title={t('home.quickLinks')}>
          <Space size={[12, 12]} wrap>
            {links.map((entry) => (
              <Link key={entry.key} to={entry.path}>
                <Card size="small" hoverable style={{ width: 160, textAlign: 'center' }}>
                  <div style={{ fontSize: 22, marginBottom: 4 }}>
                    <entry.icon />
                  </div>
                  {t(entry.labelKey)}
                </Card>
              </Link>
            ))}
          </Space>
        </Card>
      )}
    </Space>
  )
}
