import { Select } from 'antd'
import { usePermissions } from './auth/session'
import { useT } from './i18n'
import { useInstitutions } from './reference'

/** Institution picker for list filters; shown only to people who can see more than one institution. */
export function InstitutionFilter({
  value,
  onChange,
  width = 200,
}: {
  value?: string
  onChange: (institutionId?: string) => void
  width?: number
}) {
  const t = useT()
  const { can } = usePermissions()
  const institutions = useInstitutions()
  if (!can('institution.read') || (institutions.data?.length ?? 0) < 2) return null
  return (
    <Select
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('common.institution')}
      style={{ width }}
      value={value}
      onChange={onChange}
      options={(institutions.data ?? []).map((i) => ({ value: i.id, label: i.name }))}
      data-testid="institution-filter"
    />
  )
}
