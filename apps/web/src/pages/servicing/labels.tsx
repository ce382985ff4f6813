/** Tags and labels for servicing codes (statuses, methods, units), so every page names them alike. */
import { Tag } from 'antd'
import { useT } from '../../shared/i18n'
import type { InstallmentStatus, LoanStatus, ProductStatus, RepaymentMethod, TermUnit, VersionStatus } from './types'

const LOAN_COLORS: Record<LoanStatus, string> = {
  pending_disbursement: 'default',
  disbursing: 'processing',
  active: 'green',
  overdue: 'red',
  settled: 'blue',
  written_off: 'magenta',
  cancelled: 'default',
}

export function LoanStatusTag({ status }: { status: LoanStatus }) {
  const t = useT()
  return (
    <Tag color={LOAN_COLORS[status] ?? 'default'} data-testid="loan-status">
      {t(`servicing.loanStatus.${status}`)}
    </Tag>
  )
}

const PRODUCT_COLORS: Record<ProductStatus, string> = { draft: 'default', listed: 'green', delisted: 'orange' }

export function ProductStatusTag({ status }: { status: ProductStatus }) {
  const t = useT()
  return (
    <Tag color={PRODUCT_COLORS[status] ?? 'default'} data-testid="product-status">
      {t(`servicing.productStatus.${status}`)}
    </Tag>
  )
}

const VERSION_COLORS: Record<VersionStatus, string> = {
  draft: 'default',
  pending_approval: 'gold',
  active: 'green',
  superseded: 'default',
  rejected: 'red',
}

export function VersionStatusTag({ status }: { status: VersionStatus }) {
  const t = useT()
  return <Tag color={VERSION_COLORS[status] ?? 'default'}>{t(`servicing.versionStatus.${status}`)}</Tag>
}

const INSTALLMENT_COLORS: Record<InstallmentStatus, string> = {
  pending: 'default',
  partially_paid: 'gold',
  paid: 'green',
  overdue: 'red',
}

export function InstallmentStatusTag({ status }: { status: InstallmentStatus }) {
  const t = useT()
  return <Tag color={INSTALLMENT_COLORS[status] ?? 'default'}>{t(`servicing.installmentStatus.${status}`)}</Tag>
}

export function useServicingLabels() {
  const t = useT()
  return {
    method: (method: RepaymentMethod | string) =>
      (
        ({
          equal_installment: t('servicing.method.equal_installment'),
          equal_principal: t('servicing.method.equal_principal'),
          interest_first: t('servicing.method.interest_first'),
          bullet: t('servicing.method.bullet'),
        }) as Record<string, string>
      )[method] ?? method,
    unit: (unit: TermUnit | string) => (unit === 'day' ? t('servicing.unit.day') : t('servicing.unit.month')),
    term: (term: number, unit: TermUnit | string) =>
      t(unit === 'day' ? 'servicing.termDays' : 'servicing.termMonths', { n: term }),
  }
}

/** "18" → "18%"; null → "—". */
export function percent(value: string | null | undefined): string {
  return value === null || value === undefined || value === '' ? '—' : `${value}%`
}
