import { GlobalOutlined } from '@ant-design/icons'
import { Button, Dropdown } from 'antd'
import { LOCALES, useI18n } from '.'

type LanguageSwitcherProps = { compact?: boolean }

export function LanguageSwitcher({ compact = false }: LanguageSwitcherProps) {
  const { locale, setLocale, t } = useI18n()
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [locale],
        items: LOCALES.map((code) => ({ key: code, label: t(`lang.${code}`) })),
        onClick: ({ key }) => setLocale(key as (typeof LOCALES)[number]),
      }}
    >
      <Button type="text" icon={<GlobalOutlined />} aria-label={t('lang.label')} data-testid="language-switcher">
        {compact ? null : t(`lang.${locale}`)}
      </Button>
    </Dropdown>
  )
}
