import type { ReactNode } from 'react'
import { useI18n } from '../../shared/i18n'
import { LanguageSwitcher } from '../../shared/i18n/LanguageSwitcher'

export function H5Hero({ title, subtitle }: { title: ReactNode; subtitle?: ReactNode }) {
  const { t } = useI18n()
  return (
    <div className="xd-h5-hero">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 24 }}>
        <span style={{ fontSize: 18, fontWeight: 600 }}>{t('h5.title')}</span>
        <div style={{ background: 'rgba(255,255,255,0.92)', borderRadius: 8 }}>
          <LanguageSwitcher compact />
        </div>
      </div>
      <div style={{ fontSize: 24, fontWeight: 600 }}>{title}</div>
      {subtitle && <div style={{ opacity: 0.85, marginTop: 6 }}>{subtitle}</div>}
    </div>
  )
}
