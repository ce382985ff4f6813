import { LogoutOutlined, UserOutlined } from '@ant-design/icons'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { App, Avatar, Badge, Button, Dropdown, Space, Switch, Tooltip, Typography } from 'antd'
import { useState } from 'react'
import { useNavigate } from 'react-router-dom'
import { api } from '../api/client'
import { isApiError } from '../api/error'
import type { Me } from '../api/types'
import { ME_KEY, useLogout, usePermissions } from '../auth/session'
import { useT } from '../i18n'
import { ProfileModal } from './ProfileModal'

export function UserMenu() {
  const t = useT()
  const { me } = usePermissions()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const logout = useLogout()
  const [profileOpen, setProfileOpen] = useState(false)

  const setOnline = useMutation({
    mutationFn: (online: boolean) => api.put<Me>('/api/v1/me/status', { online }),
    onSuccess: (updated) => {
      queryClient.setQueryData(ME_KEY, updated)
      message.success(t('header.statusChanged', { status: t(updated.online ? 'header.online' : 'header.offline') }))
    },
    onError: (error) => message.error(isApiError(error) ? error.displayMessage : String(error)),
  })

  if (!me) return null

  const onLogout = async () => {
    await logout()
    navigate('/login?reason=logout', { replace: true })
  }

  return (
    <>
      <Tooltip title={t('header.onlineHint')}>
        <Switch
          checked={me.online}
          loading={setOnline.isPending}
          onChange={(online) => setOnline.mutate(online)}
          checkedChildren={t('header.online')}
          unCheckedChildren={t('header.offline')}
          data-testid="online-toggle"
        />
      </Tooltip>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'profile', icon: <UserOutlined />, label: t('header.profile') },
            { type: 'divider' },
            { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout'), danger: true },
          ],
          onClick: ({ key }) => {
            if (key === 'profile') setProfileOpen(true)
            if (key === 'logout') void onLogout()
          },
        }}
      >
        <Button type="text" style={{ height: 40 }} data-testid="user-menu">
          <Space>
            <Badge dot status={me.online ? 'success' : 'default'} offset={[-2, 26]}>
              <Avatar size="small" icon={<UserOutlined />} />
            </Badge>
            <Typography.Text>{me.displayName || me.username}</Typography.Text>
          </Space>
        </Button>
      </Dropdown>
      <ProfileModal open={profileOpen} onClose={() => setProfileOpen(false)} />
    </>
  )
}
