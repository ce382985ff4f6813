import { Card, Tabs, Typography } from 'antd'
import { useSearchParams } from 'react-router-dom'
import { useT } from '../../shared/i18n'
import { PageHeader } from '../../shared/ui'
import { PositionsTab } from './PositionsTab'
import { RolesTab } from './RolesTab'

/** 角色-岗位-操作: roles on one tab, their positions (scope + operations) on the other. */
export function AccessPage() {
  const t = useT()
  const [params, setParams] = useSearchParams()
  const tab = params.get('tab') === 'positions' ? 'positions' : 'roles'
  return (
    <PageHeader title={t('access.title')}>
      <Typography.Paragraph type="secondary">{t('access.intro')}</Typography.Paragraph>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === 'roles' ? {} : { tab: key }, { replace: true })}
          items={[
            { key: 'roles', label: t('access.roles'), children: <RolesTab /> },
            { key: 'positions', label: t('access.positions'), children: <PositionsTab /> },
          ]}
        />
      </Card>
    </PageHeader>
  )
}
