import { BankOutlined, CalendarOutlined } from '@ant-design/icons'
import { Layout, Menu, Tag, Tooltip, Typography, theme } from 'antd'
import { Suspense, useState } from 'react'
import { Link, Outlet, useLocation } from 'react-router-dom'
import { FullPageSpin } from '../auth/guards'
import { usePermissions } from '../auth/session'
import { formatDate } from '../format'
import { useT } from '../i18n'
import { LanguageSwitcher } from '../i18n/LanguageSwitcher'
import { useBusinessDate } from '../reference'
import { GlobalSearch } from './GlobalSearch'
import { activeMenuKey, type MenuEntry, menuEntries, menuGroups } from './menu'
import { UserMenu } from './UserMenu'

const { Header, Sider, Content } = Layout

export function ConsoleLayout() {
  const t = useT()
  const { me, can } = usePermissions()
  const location = useLocation()
  const [collapsed, setCollapsed] = useState(false)
  const { token } = theme.useToken()
  const businessDate = useBusinessDate(me?.institution.id)
  const selected = activeMenuKey(location.pathname)

  const visible = menuEntries.filter((entry) => can(entry.permission))
  const itemOf = (entry: MenuEntry) => ({
    key: entry.key,
    icon: <entry.icon />,
    label: (
      <Link to={entry.path} data-testid={`menu-${entry.key}`}>
        {t(entry.labelKey)}
      </Link>
    ),
  })
  const items = [
    ...visible.filter((entry) => !entry.group).map(itemOf),
    ...menuGroups
      .map((group) => ({ group, entries: visible.filter((entry) => entry.group === group.key) }))
      .filter(({ entries }) => entries.length > 0)
      .map(({ group, entries }) => ({
        key: `group-${group.key}`,
        type: 'group' as const,
        label: collapsed ? null : t(group.labelKey),
        children: entries.map(itemOf),
      })),
  ]

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={216} breakpoint="lg">
        <Link
          to="/"
          style={{ display: 'flex', alignItems: 'center', gap: 8, height: 56, padding: '0 20px', color: '#fff' }}
        >
          <span style={{ fontSize: 22, fontWeight: 700 }}>信</span>
          {!collapsed && <span style={{ fontSize: 16, fontWeight: 600, whiteSpace: 'nowrap' }}>{t('app.name')}</span>}
        </Link>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={selected ? [selected] : []}
          items={items}
          data-testid="side-menu"
        />
      </Sider>
      <Layout>
        <Header
          style={{
            background: token.colorBgContainer,
            padding: '0 16px',
            height: 56,
            lineHeight: 'normal',
            display: 'flex',
            alignItems: 'center',
            gap: 16,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          <GlobalSearch />
          <div style={{ flex: 1 }} />
          {me && (
            <div style={{ display: 'flex', alignItems: 'center', gap: 8, minWidth: 0 }} data-testid="institution-info">
              <BankOutlined />
              <Typography.Text strong ellipsis={{ tooltip: me.institution.name }} style={{ maxWidth: 240 }}>
                {me.institution.name}
              </Typography.Text>
              {businessDate && (
                <Tooltip title={t('header.businessDate')}>
                  <Tag icon={<CalendarOutlined />} color="blue" data-testid="business-date">
                    {formatDate(businessDate)}
                  </Tag>
                </Tooltip>
              )}
            </div>
          )}
          <LanguageSwitcher />
          <UserMenu />
        </Header>
        <Content style={{ margin: 16 }}>
          <Suspense fallback={<FullPageSpin />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  )
}
