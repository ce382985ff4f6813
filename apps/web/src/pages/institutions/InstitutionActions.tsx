import { Button, Popconfirm, Space } from 'antd'
import type { Institution } from '../../shared/api/types'
import { usePermissions } from '../../shared/auth/session'
import { useT } from '../../shared/i18n'
import { useInstitutionStatus } from './useInstitutionStatus'

export function InstitutionActions({
  institution,
  onEdit,
}: {
  institution: Institution
  onEdit: (i: Institution) => void
}) {
  const t = useT()
  const { can } = usePermissions()
  const setStatus = useInstitutionStatus()
  if (!can('institution.manage')) return null
  return (
    <Space size={0}>
      <Button type="link" size="small" onClick={() => onEdit(institution)}>
        {t('common.edit')}
      </Button>
      {institution.kind !== 'platform' &&
        (institution.status === 'active' ? (
          <Popconfirm
            title={t('institutions.suspendConfirm', { name: institution.name })}
            okButtonProps={{ danger: true }}
            onConfirm={() => setStatus.mutateAsync({ institution, status: 'suspended' }).catch(() => undefined)}
          >
            <Button type="link" size="small" danger>
              {t('institutions.suspend')}
            </Button>
          </Popconfirm>
        ) : (
          <Button type="link" size="small" onClick={() => setStatus.mutate({ institution, status: 'active' })}>
            {t('institutions.activate')}
          </Button>
        ))}
    </Space>
  )
}
