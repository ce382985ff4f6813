/** Small building blocks every console page uses, so pages look and behave alike. */
import { Alert, Button, Typography } from 'antd'
import type { ReactNode } from 'react'
import { isApiError } from './api/error'
import { useT } from './i18n'

export function PageHeader({ title, extra, children }: { title: ReactNode; extra?: ReactNode; children?: ReactNode }) {
  return (
    <>
      <div className="xd-page-header">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>{extra}</div>
      </div>
      {children}
    </>
  )
}

/** A failed load, in the server's words, with a retry. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT()
  if (!error) return null
  const text = isApiError(error)
    ? error.code === 'network'
      ? t('common.networkError')
      : error.displayMessage
    : String(error)
  return (
    <Alert
      type="error"
      showIcon
      title={t('common.loadFailed')}
      description={text}
      style={{ marginBottom: 16 }}
      action={
        onRetry && (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )
      }
    />
  )
}

/** The message to show for a failed action. */
export function errorText(error: unknown): string {
  return isApiError(error) ? error.displayMessage : error instanceof Error ? error.message : String(error)
}
