/**
 * zh-CN / en-US. The chosen locale drives our dictionary, antd's built-in texts, dayjs and the
 * `Accept-Language` header, so the server's problem messages come back in the same language.
 */
import { ConfigProvider } from 'antd'
import enUSAntd from 'antd/locale/en_US'
import zhCNAntd from 'antd/locale/zh_CN'
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react'
import { setApiLocale } from '../api/client'
import { enUS } from './en-US'
import { type MessageKey, zhCN } from './zh-CN'

export type { MessageKey } from './zh-CN'

export const LOCALES = ['zh-CN', 'en-US'] as const
export type Locale = (typeof LOCALES)[number]

const dictionaries: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, 'en-US': enUS }
const antdLocales = { 'zh-CN': zhCNAntd, 'en-US': enUSAntd }
const dayjsLocales: Record<Locale, string> = { 'zh-CN': 'zh-cn', 'en-US': 'en' }
const STORAGE_KEY = 'xd.locale'

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string

/** For keys built at run time from server codes (operation groups, search result types). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(zhCN, key)
}

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

/** A saved choice wins; otherwise the browser's language (any Chinese variant → zh-CN, else English). */
export function detectLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY)
    if (isLocale(saved)) return saved
  } catch {
    // Storage can be blocked (private mode); fall back to the browser language.
  }
  const languages = navigator.languages?.length ? navigator.languages : [navigator.language]
  return languages.some((language) => language?.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en-US'
}

export function translate(locale: Locale, key: MessageKey, values?: Record<string, string | number>): string {
  const template = dictionaries[locale][key] ?? key
  if (!values) return template
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole))
}

function applyLocale(locale: Locale): void {
  setApiLocale(locale)
  dayjs.locale(dayjsLocales[locale])
  document.documentElement.lang = locale
}

type I18nContextValue = { locale: Locale; setLocale: (locale: Locale) => void; t: Translate }

const I18nContext = createContext<I18nContextValue | null>(null)

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const initial = detectLocale()
    applyLocale(initial)
    return initial
  })

  const setLocale = useCallback((next: Locale) => {
    applyLocale(next)
    try {
      localStorage.setItem(STORAGE_KEY, next)
    } catch {
      // Not persisted; the choice still holds for this tab.
    }
    setLocaleState(next)
  }, [])

  const value = useMemo<I18nContextValue>(
    () => ({ locale, setLocale, t: (key, values) => translate(locale, key, values) }),
    [locale, setLocale],
  )

  return (
    <I18nContext.Provider value={value}>
      <ConfigProvider locale={antdLocales[locale]} theme={{ token: { colorPrimary: '#1668dc', borderRadius: 6 } }}>
        {children}
      </ConfigProvider>
    </I18nContext.Provider>
  )
}

export function useI18n(): I18nContextValue {
  const value = useContext(I18nContext)
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>')
  return value
}

/** Shorthand for components that only need `t`. */
export function useT(): Translate {
  return useI18n().t
}

/** Labels of catalog entries that carry both languages, e.g. operations from GET /api/v1/operations. */
export function pickLabel(
  label: Partial<Record<Locale, string>> | undefined,
  locale: Locale,
  fallback: string,
): string {
  return label?.[locale] || label?.['zh-CN'] || label?.['en-US'] || fallback
}
