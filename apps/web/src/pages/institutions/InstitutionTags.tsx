import { Tag } from 'antd'
import type { InstitutionKind, InstitutionStatus } from '../../shared/api/types'
import { useT } from '../../shared/i18n'

export function InstitutionKindTag({ kind }: { kind: InstitutionKind }) {
  const t = useT()
  return <Tag color={kind === 'platform' ? 'purple' : 'blue'}>{t(`institutions.kind.${kind}`)}</Tag>
}

export function InstitutionStatusTag({ status }: { status: InstitutionStatus }) {
  const t = useT()
  return <Tag color={status === 'active' ? 'green' : 'red'}>{t(`institutions.status.${status}`)}</Tag>
}
