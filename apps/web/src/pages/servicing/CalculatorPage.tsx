import { usePermissions } from '../../shared/auth/session'
import { useT } from '../../shared/i18n'
import { PageHeader } from '../../shared/ui'
import { SchedulePreview } from './SchedulePreview'

/** The loan calculator (贷款计算器): any amount, rate, term and method, as a borrower would be quoted. */
export function CalculatorPage() {
  const t = useT()
  const { me } = usePermissions()
  return (
    <PageHeader title={t('servicing.calculator.title')}>
      <SchedulePreview businessDate={me?.institution.businessDate} />
    </PageHeader>
  )
}
